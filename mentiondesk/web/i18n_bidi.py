"""Hostile text inside a sentence the desk says: an author's handle in "Do not contact {handle}
on {platform}" or in a confirm dialog. A right-to-left override (U+202E) left open in the
handle would turn the rest of the sentence around ("anaX on cba" for "ana‮abc on X"), so
the button or question would seem to name another account. Isolated, the handle shows as
it is and the sentence around it stays as written; in HTML text, attributes and dialogs."""

from __future__ import annotations

import unicodedata

_ISOLATE_START, _ISOLATE_END = "\u2068", "\u2069"  # FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE
# Isolate marks in the value could close ours early, leaving its override open after it.
_NO_ISOLATES = str.maketrans("", "", "\u2066\u2067\u2068\u2069")
# What can reorder the words after it: right-to-left letters and digits, and the controls.
_REORDERING = {"R", "AL", "AN", "LRE", "LRO", "RLE", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI"}


def isolated(value: object) -> str:
    """`value` as a bidirectional island (the <bdi> of plain text): its own direction inside,
    none of it reaching the words after it. Left-to-right text cannot reorder anything, so it
    stays as it is (no invisible marks in what people copy or search)."""
    text = str(value)
    if not any(unicodedata.bidirectional(ch) in _REORDERING for ch in text):
        return text
    return f"{_ISOLATE_START}{text.translate(_NO_ISOLATES)}{_ISOLATE_END}"
