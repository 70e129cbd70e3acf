"""What a form or an address carries, read so that odd input is refused or cleaned, not a 500."""

from __future__ import annotations

# The largest id a row has: PostgreSQL's `integer`. A larger one names no row, and comparing
# a column with it fails the statement ("integer out of range"): a 500 for a pasted order or
# phone number in the case-number box.
ID_MAX = 2**31 - 1


def is_number(text: str, longest: int = 12) -> bool:
    """ASCII digits only, at most `longest`: str.isdigit() takes "²", which int() refuses (a
    500), and "٣", which it reads as 3."""
    return text.isascii() and text.isdigit() and len(text) <= longest


def is_id(text: str) -> bool:
    """A row's id (a case's, a mention's, a draft's) as an address writes it: ASCII digits,
    no larger than any id is (ID_MAX)."""
    return is_number(text) and int(text) <= ID_MAX


def typed(value: object) -> str:
    """Text a person typed: line breaks as the page showed them (a browser sends CRLF), and no
    NUL, which nobody types on purpose and PostgreSQL cannot store (pasted from a binary, or
    a script's form): the rest is kept as typed. Anything but text (a file) is no text."""
    text = value if isinstance(value, str) else ""
    return text.replace("\r\n", "\n").replace("\x00", "")
