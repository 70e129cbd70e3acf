"""Hashed word and character n-gram features, the input of the trained `ngram` classifier.

Hashing (crc32, not Python's salted `hash`) keeps the artefact a fixed-size array with no
vocabulary to ship, and gives the same features on every machine and run.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Sequence
from itertools import pairwise

import numpy as np
import numpy.typing as npt

DIM = 1 << 20
# Only the start of a very long text is read: a 10 kB rant reads the same from its first 2 kB,
# and the cost of a text stays bounded.
MAX_CHARS = 2000
_URL = re.compile(r"https?://\S+|www\.\S+")
_HANDLE = re.compile(r"@\w+")
_DIGITS = re.compile(r"\d+")
# "soooo" and "sooooooo" are the same word; two letters keep the emphasis as a feature.
_REPEATS = re.compile(r"(.)\1{2,}")
_TOKEN = re.compile(r"[^\W\d_]+|[!?]+|[\U0001F300-\U0001FAFF\u2600-\u27BF]|:\)|:\(|:D")

Features = tuple[npt.NDArray[np.int64], npt.NDArray[np.float32]]


def prepare(text: str) -> str:
    """Lower-cased text with links, handles and numbers replaced by placeholders."""
    text = _URL.sub(" http ", text[:MAX_CHARS])
    text = _HANDLE.sub(" @user ", text).lower()
    return _DIGITS.sub("0", _REPEATS.sub(r"\1\1", text))


def addressed(text: str) -> bool:
    """True when the post starts with a handle: it is written to someone, e.g. the brand."""
    return text.lstrip().startswith("@")


def grams(text: str) -> list[str]:
    """Word unigrams and bigrams, and 2-5 character n-grams inside word boundaries."""
    prepared = prepare(text)
    words = _TOKEN.findall(prepared)
    out = ["w:" + w for w in words]
    out += ["b:" + a + " " + b for a, b in pairwise(words)]
    for word in prepared.split():
        padded = " " + word + " "
        for n in (2, 3, 4, 5):
            out += ["c" + padded[i : i + n] for i in range(len(padded) - n + 1)]
    return out


def counts(text: str) -> Features:
    """Sorted bucket indices and their raw counts for one text."""
    found: dict[int, int] = {}
    for gram in grams(text):
        bucket = zlib.crc32(gram.encode()) & (DIM - 1)
        found[bucket] = found.get(bucket, 0) + 1
    index = np.fromiter(sorted(found), dtype=np.int64, count=len(found))
    values = np.array([found[int(i)] for i in index], dtype=np.float32)
    return index, values


def tfidf(features: Features, idf: npt.NDArray[np.floating]) -> Features:
    """Sublinear tf times idf, L2-normalised (as scikit-learn's TfidfVectorizer does)."""
    index, values = features
    weighted = ((1.0 + np.log(values)) * idf[index]).astype(np.float32)
    norm = float(np.sqrt(np.dot(weighted, weighted)))
    if norm > 0:
        weighted /= norm
    return index, weighted


def document_frequency(rows: Sequence[Features]) -> npt.NDArray[np.float32]:
    """Smoothed idf over `rows`: log((1 + n) / (1 + df)) + 1."""
    df = np.zeros(DIM, dtype=np.int64)
    for index, _ in rows:
        df[index] += 1
    n = len(rows)
    idf: npt.NDArray[np.float32] = (np.log((1.0 + n) / (1.0 + df)) + 1.0).astype(np.float32)
    return idf
