"""What storing a page from a source did, in counts: the log says it, never a mention's text."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Ingested:
    """Mentions new to the store, and edits of stored ones (edited_posts): an edit is the
    mention already counted, with a new text, so it is counted apart, not as new."""

    new: int = 0
    edited: int = 0

    def __add__(self, other: Ingested) -> Ingested:
        return Ingested(self.new + other.new, self.edited + other.edited)

    def __bool__(self) -> bool:
        return bool(self.new or self.edited)

    def __str__(self) -> str:
        """For the log: "3 new mention(s)", "3 new mention(s), 1 edited"."""
        said = f"{self.new} new mention(s)"
        return f"{said}, {self.edited} edited" if self.edited else said
