"""The trained `ngram` model: one logistic regression per language over hashed n-grams.

Stored as a single `.npz` of plain arrays plus a JSON header (no pickle), so loading a file
from the internet cannot run code.
"""

from __future__ import annotations

import json
import tokenize
import zipfile
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from mentiondesk.models import ConfigError
from sentiment import _ngrams

FORMAT = "mentiondesk-ngram/2"
DEFAULT_PATH = Path(__file__).parent / "models" / "ngram.npz"
_RECIPE = (
    "mentiondesk train-sentiment --data ../shared/data/semeval2017-4a-en "
    "../shared/data/airline-tweets ../shared/data/tweeteval-sentiment "
    "../shared/data/b2w-polarity ../shared/data/xlmt-sentiment/portuguese "
    "--out {out} --seed 13"
)
REBUILD = _RECIPE.format(out="sentiment/models/ngram.npz")
# What train-sentiment's --data folders hold, for an operator training a model of their own:
# the shipped recipe above names the developers' data folders, which an install lacks.
DATA_LAYOUT = (
    "each FOLDER holding train_text.txt and train_labels.txt, one text and one label a line, "
    "the labels 0 negative, 1 neutral, 2 positive; val_ files alike"
)
Matrix = npt.NDArray[np.float32]
# The reading of a text that says nothing (blank, "🙏", "."): neutral, sure of it.
NOTHING_SAID = np.array([0.0, 1.0, 0.0], dtype=np.float32)


@dataclass(frozen=True)
class LanguageModel:
    """Weights for one language: idf, class weights (3 x DIM), intercept, calibration bias.

    The bias has two rows: for posts addressed to someone (starting with a handle, as most
    mentions of a brand do) and for the rest. Addressed posts are complaints far more often
    (63% of the airline tweets, 16% of general tweets), so they need a different prior.
    """

    idf: Matrix
    coef: Matrix
    intercept: Matrix
    bias: Matrix

    def log_scores(self, texts: Sequence[str]) -> Matrix:
        """Biased logits (n x 3) for negative, neutral, positive."""
        out = np.empty((len(texts), 3), dtype=np.float32)
        for row, text in enumerate(texts):
            index, values = _ngrams.tfidf(_ngrams.counts(text), self.idf)
            out[row] = self.coef[:, index] @ values
        addressed = np.array([_ngrams.addressed(text) for text in texts], dtype=np.intp)
        return out + self.intercept + self.bias[addressed]


@dataclass(frozen=True)
class NgramModel:
    """Per-language models; texts in any other language get the average of all of them."""

    languages: dict[str, LanguageModel]
    meta: dict[str, Any] = field(default_factory=dict)

    def probabilities(self, texts: Sequence[str], langs: Sequence[str]) -> Matrix:
        """Class probabilities (n x 3), each text read by its language's model."""
        out = np.zeros((len(texts), 3), dtype=np.float32)
        for code, model in self.languages.items():
            rows = [i for i, lang in enumerate(langs) if lang == code]
            if rows:
                out[rows] = _softmax(model.log_scores([texts[i] for i in rows]))
        others = [i for i, lang in enumerate(langs) if lang not in self.languages]
        if others:
            picked = [texts[i] for i in others]
            # Unknown language: no model is the right one, so average their opinions.
            probs = [_softmax(m.log_scores(picked)) for m in self.languages.values()]
            out[others] = np.mean(probs, axis=0)
        return out

    def save(self, path: Path) -> None:
        """Write the model as compressed arrays plus a JSON header."""
        arrays: dict[str, Any] = {"header": np.array(json.dumps(self._header(), sort_keys=True))}
        for code, model in self.languages.items():
            arrays[f"{code}.idf"] = model.idf.astype(np.float16)
            arrays[f"{code}.coef"] = model.coef.astype(np.float16)
            arrays[f"{code}.intercept"] = model.intercept
            arrays[f"{code}.bias"] = model.bias
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as handle:
            np.savez_compressed(handle, **arrays)

    def _header(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "dim": _ngrams.DIM,
            "languages": list(self.languages),
            **self.meta,
        }


# What reading a damaged .npz raises besides OSError, ValueError and KeyError (bit rot, a cut
# copy): a bad zip or JSON, bytes that no longer inflate, a garbled array header or zip version.
NPZ_ERRORS = (
    zipfile.BadZipFile,
    json.JSONDecodeError,
    EOFError,
    zlib.error,
    tokenize.TokenError,
    NotImplementedError,
)


def rebuild(path: Path) -> str:
    """The command that makes the model again, writing it where it is looked for: the
    shipped model's own recipe, or the general form for a model of one's own."""
    if path == DEFAULT_PATH:
        return REBUILD
    return f"mentiondesk train-sentiment --data FOLDER [FOLDER…] --out {path}"


def fix(path: Path) -> str:
    """How to get a usable file at `path` again, said on one line for one's own model."""
    if path == DEFAULT_PATH:
        return f"rebuild it with:\n{REBUILD}"
    return (
        f"train one with `{rebuild(path)}` ({DATA_LAYOUT}), or remove the setting to use the "
        "shipped model"
    )


def path_problem(path: Path) -> str | None:
    """At config load (check-config too): why the model file a setting names cannot be one,
    with the fix; None where it may be a model (its contents judged at start-up)."""
    problem = npz_problem(path) or zip_problem(path)
    return None if problem is None else f"{str(path)!r} {problem}; {fix(path)}"


def zip_problem(path: Path) -> str | None:
    """Why an .npz is damaged (cut short in a copy, a byte flipped), None when every member
    reads back whole: check-config says so, not only `run` (a few MB: a fraction of a second)."""
    try:
        with zipfile.ZipFile(path) as archive:
            bad = archive.testzip()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        return f"is unreadable ({exc})"
    return None if bad is None else f"is unreadable (its part {bad} is damaged)"


def npz_problem(path: Path) -> str | None:
    """What makes `path` no model file at all ("is missing", …), None when it may be one."""
    if path.is_dir():
        return "is a directory"
    if not path.is_file():
        return "is missing"
    # np.load takes anything else for a pickle and says to allow pickles: the wrong advice.
    # A zip's first bytes without its end (a cut download) is a damaged one: "unreadable".
    with path.open("rb") as handle:
        started = handle.read(4) == b"PK\x03\x04"
    return None if started or zipfile.is_zipfile(path) else "is not an .npz file"


def load(path: Path) -> NgramModel:
    """Read a model file; a missing or damaged one raises ConfigError naming the fix."""
    problem = npz_problem(path)
    if problem:
        raise ConfigError(f"sentiment model {path} {problem}; {fix(path)}")
    try:
        # Our own handle: np.load leaves its file open when the zip is damaged.
        with path.open("rb") as handle, np.load(handle, allow_pickle=False) as data:
            header = json.loads(str(data["header"]))
            _check_header(header)
            languages = {code: _language(data, code) for code in header["languages"]}
    except (OSError, ValueError, KeyError, *NPZ_ERRORS) as exc:
        raise ConfigError(f"sentiment model {path} is unreadable ({exc}); {fix(path)}") from exc
    meta = {k: v for k, v in header.items() if k not in ("format", "dim", "languages")}
    return NgramModel(languages, meta)


def _check_header(header: dict[str, Any]) -> None:
    if header.get("format") != FORMAT or header.get("dim") != _ngrams.DIM:
        raise ValueError(f"format {header.get('format')!r}, expected {FORMAT!r}")


# Each language's arrays and the shapes reading needs.
_SHAPES = {"idf": (_ngrams.DIM,), "coef": (3, _ngrams.DIM), "intercept": (3,), "bias": (2, 3)}


def _language(data: Any, code: str) -> LanguageModel:
    arrays = {part: np.asarray(data[f"{code}.{part}"], dtype=np.float32) for part in _SHAPES}
    # A wrongly shaped idf failed only on the first mention (IndexError), and an intercept
    # of one value was broadcast silently: both are a damaged file, said at start-up.
    if any(arrays[part].shape != shape for part, shape in _SHAPES.items()):
        shapes = ", ".join(f"{part} {arrays[part].shape}" for part in _SHAPES)
        raise ValueError(f"{code}: {shapes}")
    return LanguageModel(**arrays)


def _softmax(logits: Matrix) -> Matrix:
    shifted = np.exp(logits - logits.max(axis=1, keepdims=True))
    result: Matrix = shifted / shifted.sum(axis=1, keepdims=True)
    return result
