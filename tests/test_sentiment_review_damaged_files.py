"""A model file with a wrong header value or array shape stops start-up with a ConfigError
naming the file and the fix, not a bare exception (or an IndexError on the first mention)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from mentiondesk.models import ConfigError
from sentiment import _e5_adapter, _ngram_model
from sentiment.e5 import E5Classifier


def _arrays(path: Path) -> dict[str, Any]:
    with np.load(path, allow_pickle=False) as data:
        return {key: data[key] for key in data.files}


def _adapter_with_header(path: Path, header: Any) -> Path:
    arrays = _arrays(_e5_adapter.DEFAULT_PATH)
    arrays["header"] = np.array(json.dumps(header))
    np.savez_compressed(path, **arrays)
    return path


def _shipped_header(**changes: Any) -> dict[str, Any]:
    with np.load(_e5_adapter.DEFAULT_PATH, allow_pickle=False) as data:
        header: dict[str, Any] = json.loads(str(data["header"]))
    return header | changes


@pytest.mark.parametrize(
    ("header", "said"),
    [
        ([1, 2], "its header is list"),  # AttributeError: 'list' object has no attribute 'get'
        (_shipped_header(blend="0,5"), "blend '0,5'"),  # ValueError from float()
        (_shipped_header(skip_above=[0.6]), "skip_above [0.6]"),  # TypeError from float()
        (_shipped_header(blend=1.5), "blend 1.5"),  # would make negative probabilities
        (_shipped_header(bias="x"), "bias 'x'"),  # ValueError from np.asarray
        (_shipped_header(bias=[0.3]), "bias [0.3]"),  # broadcast silently
    ],
)
def test_an_adapter_with_a_wrong_header_names_path_and_fix(
    tmp_path: Path, header: Any, said: str
) -> None:
    path = _adapter_with_header(tmp_path / "edited.npz", header)
    with pytest.raises(
        ConfigError, match=rf"(?s)edited\.npz is unreadable \({re.escape(said)}.*train-sent"
    ):
        _e5_adapter.load(path)


def test_the_shipped_adapters_headers_pass() -> None:
    for path in _e5_adapter.SHIPPED.values():
        assert 0.0 <= _e5_adapter.load(path)[1]["blend"] <= 1.0


@pytest.mark.parametrize("part", ["idf", "intercept"])
def test_an_ngram_model_with_a_misshapen_array_names_path_and_fix(
    tmp_path: Path, part: str
) -> None:
    # A one-value idf raised IndexError on every mention read, after a clean start-up; a
    # one-value intercept was broadcast to all three classes.
    arrays = _arrays(_ngram_model.DEFAULT_PATH)
    arrays[f"pt.{part}"] = arrays[f"pt.{part}"][:1]
    path = tmp_path / "cut.npz"
    np.savez_compressed(path, **arrays)
    with pytest.raises(
        ConfigError, match=rf"(?s)cut\.npz is unreadable \(pt: .*{part} \(1,\).*train-"
    ):
        _ngram_model.load(path)


def test_e5_start_up_names_the_adapter_with_a_wrong_header(tmp_path: Path) -> None:
    # Before: ValueError "could not convert string to float: '0,5'", naming no file.
    path = _adapter_with_header(tmp_path / "edited.npz", _shipped_header(blend="0,5"))
    with pytest.raises(ConfigError, match=r"(?s)edited\.npz is unreadable.*train-sentiment"):
        E5Classifier(adapters={"*": path})
