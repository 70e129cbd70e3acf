"""Text as cue lists match it: one fold for every rule that reads a post's words."""

from __future__ import annotations

import unicodedata


def folded(text: str) -> str:
    """Lower case without accents: posts often drop them, so "Código" and "codigo" read alike.

    NFKD also spells out compatibility forms (full-width letters, ligatures) that a
    keyboard trick or a fancy-font generator puts in a post.
    """
    return strip_accents(unicodedata.normalize("NFKD", text.lower()))


def strip_accents(text: str) -> str:
    """The text without its combining accents ("não" is "nao"); the case is kept."""
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))
