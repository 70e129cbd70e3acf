"""Damaged or misfit model files stop start-up with a ConfigError naming the file and the fix."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from mentiondesk.models import ConfigError
from sentiment import _e5_adapter, _ngram_model
from sentiment.e5 import E5Classifier

SHIPPED = {"ngram": _ngram_model.DEFAULT_PATH, "e5-adapter": _e5_adapter.DEFAULT_PATH}
LOADERS: dict[str, Callable[[Path], object]] = {
    "ngram": _ngram_model.load,
    "e5-adapter": _e5_adapter.load,
}


def _bit_rot(path: Path) -> None:
    # Inside the first array's compressed bytes: they no longer inflate (zlib.error).
    data = bytearray(path.read_bytes())
    data[100:164] = bytes(b ^ 0x55 for b in data[100:164])
    path.write_bytes(bytes(data))


def _unknown_zip_version(path: Path) -> None:
    # "Version needed to extract" 12.0 in every central directory entry: NotImplementedError.
    data = bytearray(path.read_bytes())
    at = data.find(b"PK\x01\x02")
    while at >= 0:
        data[at + 6 : at + 8] = (120).to_bytes(2, "little")
        at = data.find(b"PK\x01\x02", at + 4)
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("damage", [_bit_rot, _unknown_zip_version])
@pytest.mark.parametrize("kind", sorted(SHIPPED))
def test_a_damaged_model_file_names_path_and_fix(
    tmp_path: Path, kind: str, damage: Callable[[Path], None]
) -> None:
    path = tmp_path / f"{kind}-copy.npz"
    shutil.copyfile(SHIPPED[kind], path)
    damage(path)
    with pytest.raises(ConfigError, match=r"(?s)-copy\.npz is unreadable.*train-sentiment"):
        LOADERS[kind](path)


def _misfit_adapter(path: Path, key: str, rows: int) -> Path:
    with np.load(_e5_adapter.DEFAULT_PATH, allow_pickle=False) as data:
        arrays = {k: data[k] for k in data.files}
    arrays[key] = arrays[key][:rows]
    np.savez_compressed(path, **arrays)
    return path


@pytest.mark.parametrize(
    ("key", "rows"),
    [
        ("l0.q.a", 100),  # numpy's broadcast error named no file
        ("l3.fi.a", 1),  # one row broadcasts silently: every row would get the same update
        ("l0.aln.w", 1),
        ("emb.ln.b", 1),
    ],
)
def test_an_adapter_with_a_misshapen_array_names_path_array_and_fix(
    tmp_path: Path, key: str, rows: int
) -> None:
    path = _misfit_adapter(tmp_path / "misfit.npz", key, rows)
    said = rf"(?s)misfit\.npz does not fit the e5 encoder \({re.escape(key)} has shape"
    with pytest.raises(ConfigError, match=said + r".*train-sentiment --kind e5"):
        E5Classifier(adapters={"*": path})
