"""The fine-tuned e5 adapter on disk: plain arrays in an `.npz` plus a JSON header, no pickle."""

from __future__ import annotations

import json
from dataclasses import replace
from math import isfinite
from pathlib import Path
from typing import Any

import numpy as np

from mentiondesk.models import ConfigError
from sentiment._e5_image import Matrix
from sentiment._e5_net import Adapter
from sentiment._ngram_model import DATA_LAYOUT, NPZ_ERRORS, npz_problem, zip_problem

FORMAT = "mentiondesk-e5-adapter/1"
MODELS = Path(__file__).parent / "models"
DEFAULT_PATH = MODELS / "e5-adapter.npz"
PORTUGUESE_PATH = MODELS / "e5-adapter-pt.npz"
# The key for every language without an adapter of its own.
ANY_LANGUAGE = "*"
# The shipped adapters by language.
SHIPPED = {"pt": PORTUGUESE_PATH, ANY_LANGUAGE: DEFAULT_PATH}
_DATA = "../shared/data/"
_BRAND_EN = "sentiment/tuning/brand-mentions-en"
_BRAND_PT = "sentiment/tuning/brand-mentions-pt-train"
_POLITE_PT = "sentiment/tuning/brand-mentions-pt-polite"
_DELAYS_PT = "sentiment/tuning/brand-mentions-pt-delays"
_PT_BRANDS = f"{_BRAND_PT} {_BRAND_PT} {_BRAND_PT} {_POLITE_PT} {_POLITE_PT} {_POLITE_PT}"
_PT_TUNE = (
    f"--tune-on {_DATA}xlmt-sentiment/portuguese --tune-on {_DATA}b2w-polarity --encoder-share 0.35"
)
# The commands that made the shipped files (in the model card too).
REBUILD = {
    # Two steps: the adapter on public data, then on our own English brand mentions.
    DEFAULT_PATH.name: (
        f"mentiondesk train-sentiment --kind e5 --data {_DATA}semeval2017-4a-en "
        f"{_DATA}airline-tweets {_DATA}b2w-polarity "
        f"{_DATA}xlmt-sentiment/portuguese {_DATA}xlmt-sentiment/portuguese "
        f"{_DATA}xlmt-sentiment/portuguese {_DATA}tweeteval-sentiment --limit 8000 "
        "--steps 2600 --encoder-share 0.3 --out e5-adapter-public.npz --seed 13\n"
        "then:\n"
        "mentiondesk train-sentiment --kind e5 --start-from e5-adapter-public.npz "
        f"--data {_DATA}semeval2017-4a-en {_DATA}airline-tweets {_DATA}b2w-polarity "
        f"{_DATA}xlmt-sentiment/portuguese {_BRAND_EN} {_BRAND_EN} {_BRAND_EN} "
        f"--limit 750 --steps 300 --learning-rate 3e-4 --tune-on {_DATA}airline-tweets "
        f"--tune-on {_DATA}b2w-polarity --tune-on {_DATA}xlmt-sentiment/portuguese "
        f"--tune-on {_DATA}tweeteval-sentiment --encoder-share 0.35 "
        "--out sentiment/models/e5-adapter.npz --seed 13"
    ),
    # Four steps: reviews and tweets, our own Portuguese brand mentions, late deliveries, then
    # Spanish and Italian tweets beside all of that.
    PORTUGUESE_PATH.name: (
        f"mentiondesk train-sentiment --kind e5 --data {_DATA}b2w-polarity "
        f"{_DATA}xlmt-sentiment/portuguese {_DATA}xlmt-sentiment/portuguese "
        f"{_DATA}xlmt-sentiment/portuguese --limit 20000 --steps 2400 "
        "--out e5-adapter-pt-public.npz --seed 13\n"
        "then:\n"
        "mentiondesk train-sentiment --kind e5 --start-from e5-adapter-pt-public.npz "
        f"--data {_DATA}xlmt-sentiment/portuguese {_DATA}b2w-polarity {_PT_BRANDS} "
        f"--limit 1500 --steps 300 --learning-rate 3e-4 {_PT_TUNE} "
        "--out e5-adapter-pt-brands.npz --seed 13\n"
        "then:\n"
        "mentiondesk train-sentiment --kind e5 --start-from e5-adapter-pt-brands.npz "
        f"--data {_DATA}xlmt-sentiment/portuguese {_DATA}b2w-polarity {_PT_BRANDS} "
        f"{_DELAYS_PT} {_DELAYS_PT} {_DELAYS_PT} --limit 1500 --steps 200 "
        f"--learning-rate 2e-4 {_PT_TUNE} --out e5-adapter-pt-delays.npz --seed 13\n"
        "then:\n"
        "mentiondesk train-sentiment --kind e5 --start-from e5-adapter-pt-delays.npz "
        f"--data {_DATA}xlmt-sentiment/portuguese {_DATA}xlmt-sentiment/portuguese "
        f"{_DATA}xlmt-sentiment/spanish {_DATA}xlmt-sentiment/italian {_DATA}b2w-polarity "
        f"{_PT_BRANDS} {_DELAYS_PT} {_DELAYS_PT} {_DELAYS_PT} --limit 1500 --steps 300 "
        f"--learning-rate 3e-4 {_PT_TUNE} --out sentiment/models/e5-adapter-pt.npz --seed 13"
    ),
}
LINEAR = ("q", "k", "v", "ao", "fi", "fo")
NORMS = ("aln", "oln")


def save(adapter: Adapter, meta: dict[str, Any], path: Path) -> None:
    """Write the adapter (float16 weights: half the size, no measurable change in scores)."""
    arrays: dict[str, Any] = {
        "header": np.array(json.dumps({"format": FORMAT, "layers": adapter.layers, **meta})),
        "emb.ln.w": adapter.embedding_norm[0],
        "emb.ln.b": adapter.embedding_norm[1],
        "head.w": adapter.head[0],
        "head.b": adapter.head[1],
    }
    for i in range(adapter.layers):
        for name in LINEAR:
            a, b = adapter.low_rank[i][name]
            arrays[f"l{i}.{name}.a"] = a.astype(np.float16)
            arrays[f"l{i}.{name}.b"] = b.astype(np.float16)
            arrays[f"l{i}.{name}.bias"] = adapter.biases[i][name]
        for name in NORMS:
            arrays[f"l{i}.{name}.w"], arrays[f"l{i}.{name}.b"] = adapter.norms[i][name]
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        np.savez_compressed(handle, **arrays)


def as_shipped(adapter: Adapter) -> Adapter:
    """The adapter exactly as its file will hold it (low-rank factors rounded to float16).

    Training tunes the blend on this, so that tuning an adapter again from its file gives
    the same settings as the training run did.
    """

    def rounded(a: Matrix) -> Matrix:
        return a.astype(np.float16).astype(np.float32)

    low_rank = [
        {n: (rounded(a), rounded(b)) for n, (a, b) in layer.items()} for layer in adapter.low_rank
    ]
    return replace(adapter, low_rank=low_rank)


class NotAnAdapter(ValueError):
    """A file given as an adapter is missing, or is not an adapter file (`detail` says why).

    `problem` is set when the path is no model file at all: "is a directory", "is missing"…
    """

    def __init__(self, path: Path, *, problem: str = "", detail: str = "") -> None:
        self.path, self.problem, self.detail = path, problem, detail
        if problem in ("is missing", "is a directory"):
            said = problem
        else:  # not a zip at all, or a zip without an adapter in it
            said = "is not an e5 adapter file" + (" (not an .npz)" if problem else "")
        super().__init__(f"{path} {said}")


def read(path: Path) -> tuple[Adapter, dict[str, Any]]:
    """The adapter and its header; NotAnAdapter when the file is missing or not one."""
    problem = npz_problem(path)
    if problem:
        raise NotAnAdapter(path, problem=problem)
    try:
        # Our own handle: np.load leaves its file open when the zip is damaged.
        with path.open("rb") as handle, np.load(handle, allow_pickle=False) as data:
            header = _checked(json.loads(str(data["header"])))
            return _adapter(data, int(header["layers"])), header
    except (OSError, ValueError, KeyError, *NPZ_ERRORS) as exc:
        raise NotAnAdapter(path, detail=str(exc)) from exc


def load(path: Path) -> tuple[Adapter, dict[str, Any]]:
    """`read` for the classifier's settings: a bad file raises ConfigError with the fix."""
    try:
        return read(path)
    except NotAnAdapter as exc:
        problem = exc.problem or f"is unreadable ({exc.detail})"
        raise ConfigError(f"sentiment: e5 adapter {path} {problem}; {_fix(path)}") from exc


def unfit(path: Path, exc: ValueError) -> ConfigError:
    """The error for an adapter whose arrays do not fit the encoder (made for another model)."""
    return ConfigError(
        f"sentiment: e5 adapter {path} does not fit the e5 encoder ({exc}); {_fix(path)}"
    )


def path_problem(path: Path) -> str | None:
    """At config load (check-config too): why the adapter file a setting names cannot be one,
    with the fix; None where it may be an adapter (its arrays judged at start-up)."""
    problem = npz_problem(path) or zip_problem(path)
    return None if problem is None else f"{str(path)!r} {problem}; {_fix(path)}"


def _fix(path: Path) -> str:
    """How to make the file again: the shipped command, or the general form for one's own,
    on one line (each line of an error is shown as a problem of its own)."""
    shipped = REBUILD.get(path.name) if path.parent == MODELS else None
    if shipped:
        return f"rebuild it with:\n{shipped}"
    return (
        f"train one with `mentiondesk train-sentiment --kind e5 --data FOLDER [FOLDER…] --out "
        f"{path}` ({DATA_LAYOUT}), or remove the setting to use the shipped adapter"
    )


def _checked(header: Any) -> dict[str, Any]:
    """The header, when it is one: the tuned settings are read only at start-up, where a
    wrong one (a hand-edited "blend": "0,5", a list for a header) raised a bare TypeError
    or ValueError that named no file."""
    if not isinstance(header, dict):
        raise ValueError(f"its header is {type(header).__name__}, expected a JSON object")
    if header.get("format") != FORMAT:
        raise ValueError(f"format {header.get('format')!r}, expected {FORMAT!r}")
    for key in ("blend", "skip_above"):
        if key in header and not _share(header[key]):
            raise ValueError(f"{key} {header[key]!r}, expected a number from 0 to 1")
    bias = header.get("bias", [0.0, 0.0, 0.0])
    if not (isinstance(bias, list) and len(bias) == 3 and all(map(_finite, bias))):
        raise ValueError(f"bias {bias!r}, expected three numbers")
    return header


def _finite(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and isfinite(value)


def _share(value: Any) -> bool:
    return _finite(value) and 0.0 <= value <= 1.0


def _adapter(data: Any, layers: int) -> Adapter:
    def f32(key: str) -> Matrix:
        return np.asarray(data[key], dtype=np.float32)

    head = (f32("head.w"), f32("head.b"))
    if head[0].ndim != 2 or head[0].shape[1] != 3:
        raise ValueError(f"head.w has shape {head[0].shape}, expected (hidden, 3)")
    return Adapter(
        layers=layers,
        low_rank=[
            {n: (f32(f"l{i}.{n}.a"), f32(f"l{i}.{n}.b")) for n in LINEAR} for i in range(layers)
        ],
        biases=[{n: f32(f"l{i}.{n}.bias") for n in LINEAR} for i in range(layers)],
        norms=[{n: (f32(f"l{i}.{n}.w"), f32(f"l{i}.{n}.b")) for n in NORMS} for i in range(layers)],
        embedding_norm=(f32("emb.ln.w"), f32("emb.ln.b")),
        head=head,
    )
