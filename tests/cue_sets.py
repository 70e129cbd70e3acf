"""Hand-written cue sets in tests/data (`lang<TAB>0|1<TAB>text` per line, # for comments) and
how well a cue function reads them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

DATA = Path(__file__).parent / "data"


def read_set(name: str) -> list[tuple[str, bool, str]]:
    """(language, whether the cue should fire, text) for each row of tests/data/`name`."""
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    rows = [line.split("\t") for line in lines if line and not line.startswith("#")]
    return [(lang, flag == "1", text) for lang, flag, text in rows]


def measured(name: str, lang: str, fires: Callable[[str], bool]) -> tuple[int, float, float]:
    """(posts, precision, recall) of `fires` on the set's posts in `lang`."""
    posts = [(want, fires(text)) for code, want, text in read_set(name) if code == lang]
    hits = sum(want and got for want, got in posts)
    precision = hits / max(1, sum(got for _, got in posts))
    recall = hits / max(1, sum(want for want, _ in posts))
    return len(posts), precision, recall
