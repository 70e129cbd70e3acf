"""Scores of a classifier against gold labels: accuracy, macro-F1/recall, confusion matrix."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np

CLASSES = ("negative", "neutral", "positive")


@dataclass(frozen=True)
class Scores:
    """Figures for one labelled set; `confusion[gold][predicted]` counts texts."""

    n: int
    accuracy: float
    macro_f1: float
    macro_recall: float
    recall: dict[str, float]
    confusion: list[list[int]]

    def to_dict(self) -> dict[str, Any]:
        """As JSON: a class the gold labels lack has no recall (null), as macro-recall skips it."""
        out = asdict(self)
        out["recall"] = {name: self.class_recall(name) for name in CLASSES}
        return out

    def class_recall(self, name: str) -> float | None:
        """Recall of class `name`; None when no gold label is of it (0.000 would read as missed)."""
        present = sum(self.confusion[CLASSES.index(name)]) > 0
        return self.recall[name] if present else None


def score(gold: Sequence[int], predicted: Sequence[int]) -> Scores:
    """Scores of `predicted` class indices (0 negative, 1 neutral, 2 positive) against `gold`."""
    if len(gold) != len(predicted):
        raise ValueError(f"{len(gold)} labels but {len(predicted)} predictions")
    confusion = np.zeros((3, 3), dtype=np.int64)
    np.add.at(confusion, (np.asarray(gold, dtype=int), np.asarray(predicted, dtype=int)), 1)
    true_pos = np.diag(confusion).astype(float)
    recall = _ratio(true_pos, confusion.sum(axis=1))
    precision = _ratio(true_pos, confusion.sum(axis=0))
    f1 = _ratio(2 * precision * recall, precision + recall)
    present = confusion.sum(axis=1) > 0  # macro averages over the classes the set has
    return Scores(
        n=len(gold),
        accuracy=float(true_pos.sum() / max(len(gold), 1)),
        macro_f1=float(f1[present].mean()) if present.any() else 0.0,
        macro_recall=float(recall[present].mean()) if present.any() else 0.0,
        recall={name: float(r) for name, r in zip(CLASSES, recall, strict=True)},
        confusion=confusion.tolist(),
    )


# Below this negative recall a set pays a penalty when a model is tuned (the goal).
NEGATIVE_RECALL_FLOOR = 0.75


def tuning_objective(figures: Scores) -> float:
    """What bias and blend searches maximise on one val set.

    F1 and recall both (the issue sets its TweetEval goal on recall, the others on F1), minus
    a penalty for complaints missed below the floor.
    """
    shortfall = max(0.0, NEGATIVE_RECALL_FLOOR - figures.recall["negative"])
    return (figures.macro_f1 + figures.macro_recall) / 2 - 2.0 * shortfall


def _ratio(top: np.ndarray, bottom: np.ndarray) -> np.ndarray:
    out: np.ndarray = np.divide(top, bottom, out=np.zeros_like(top, dtype=float), where=bottom > 0)
    return out


def read_lines(path: Path) -> list[str]:
    """A file's texts, one per line, split on "\n" only (a trailing "\r" dropped).

    str.splitlines also splits on U+2028, U+0085 and form feeds, and read_text on a lone
    "\r", all of which tweets contain: a text would become two and every label after it
    would belong to the wrong text. A UTF-8 BOM (Notepad, Excel) is no part of the first line.
    """
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        fix = f"{path}: line {line} is not UTF-8; save the file as UTF-8"
        raise ValueError(fix + _converting(data, path)) from None
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()
    return [line.removesuffix("\r") for line in lines]


def _converting(data: bytes, path: Path) -> str:
    """How to convert a Windows-1252 file (Excel's, a Brazilian Windows's "Texto"), if it is one."""
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return ""
    return f" (it reads as Latin-1/Windows-1252: iconv -f cp1252 -t utf-8 {path} > NEW_FILE)"


def read_labels(lines: Sequence[str]) -> list[int]:
    """Gold labels from lines holding 0/1/2 or negative/neutral/positive."""
    out = []
    for number, line in enumerate(lines, start=1):
        value = line.strip().lower()
        if value in CLASSES:
            out.append(CLASSES.index(value))
        elif value in ("0", "1", "2"):
            out.append(int(value))
        else:
            raise ValueError(
                f"line {number}: label {line.strip()!r} is not 0/1/2 or negative/neutral/positive"
            )
    return out


def read_label_file(path: Path) -> list[int]:
    """A file's labels, one a line; ValueError naming the file and the line that is none.

    Blank lines at its end (an editor's extra newline) are no labels: they were refused as
    "label ''", and with no file named.
    """
    lines = read_lines(path)
    while lines and not lines[-1].strip():
        lines.pop()
    try:
        return read_labels(lines)
    except ValueError as exc:
        raise ValueError(f"{path}: {exc}") from None


def labelled_texts(texts: list[str], labels: int) -> list[str]:
    """`texts` less the blank lines at their end beyond the `labels` count: a trailing blank
    line has no label, and made the counts differ."""
    end = len(texts)
    while end > labels and not texts[end - 1].strip():
        end -= 1
    return texts[:end]
