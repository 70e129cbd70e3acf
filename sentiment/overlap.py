"""Texts told apart as the desk's corrections are: one line, casefolded.

A correction (an agent's relabel) and a labelled folder's text are the same text when their
keys are equal; training uses this to let the person's label win over a dataset's.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Sequence


def text_key(text: str) -> str:
    """The text on one line (runs of spaces, tabs and line breaks one space), casefolded."""
    return " ".join(text.split()).casefold()


def overrule(
    rows: Sequence[tuple[str, int]], corrections: Sequence[tuple[str, int, str]]
) -> tuple[list[int], int]:
    """Indexes of the train `rows` to keep, and how many a correction overruled.

    A train text that a person corrected to another label is dropped: the same text taught
    with two labels teaches neither, and the desk's judgement of its own mention is the one
    its agents act on. Rows already agreeing with the correction stay.
    """
    said = {text_key(text): label for text, label, _ in corrections}
    keep = [n for n, (text, label) in enumerate(rows) if said.get(text_key(text), label) == label]
    return keep, len(rows) - len(keep)


def fingerprint(text: str) -> str:
    """A short hash of the text's key: what a model's header keeps of each correction it
    learnt, so that tuning it later can leave those texts out of a val split, without the
    model file (which travels further than the store) holding the mentions' text."""
    return hashlib.blake2b(text_key(text).encode(), digest_size=8).hexdigest()


def unseen(
    texts: Sequence[str], labels: Sequence[int], learnt: Collection[str]
) -> tuple[list[str], list[int]]:
    """The val `texts` (and their labels) whose fingerprint is not among `learnt`: scored on
    a text it was taught, a model looks better than it is, and the settings tuned on it lean
    on that."""
    kept = [n for n, text in enumerate(texts) if fingerprint(text) not in learnt]
    return [texts[n] for n in kept], [labels[n] for n in kept]
