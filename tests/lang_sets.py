"""The language test sets: `tag<TAB>text` rows in tests/data, and what each set checks of the
detector (every text of one language read so, no look-alike made it, a share read right)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from sentiment import lang

_DATA = Path(__file__).resolve().parent / "data"


def tagged_rows(name: str, tag: Callable[[str], str] = str) -> list[tuple[str, str]]:
    """(tag, text) of each row of tests/data/NAME, `#` lines skipped; `tag` maps the tag."""
    lines = (_DATA / name).read_text(encoding="utf-8").splitlines()
    pairs = [line.split("\t") for line in lines if line and not line.startswith("#")]
    return [(tag(t), text) for t, text in pairs]


def read_otherwise(texts: Sequence[str], code: str) -> list[str]:
    """The texts the detector does not read as `code`."""
    found = lang.detect(list(texts))
    return [text for text, got in zip(texts, found, strict=True) if got != code]


def read_as(texts: Sequence[str], code: str) -> list[str]:
    """The texts the detector reads as `code`."""
    found = lang.detect(list(texts))
    return [text for text, got in zip(texts, found, strict=True) if got == code]


def share_right(texts: Sequence[str], right: Callable[[str], bool]) -> float:
    """The share of texts whose reading `right` accepts."""
    return sum(right(code) for code in lang.detect(list(texts))) / len(texts)
