"""What a form or an address carries, read so that odd input is refused or cleaned, not a 500."""

from __future__ import annotations


def is_number(text: str, longest: int = 12) -> bool:
    """ASCII digits only, at most `longest`: str.isdigit() takes "²", which int() refuses (a
    500), and "٣", which it reads as 3."""
    return text.isascii() and text.isdigit() and len(text) <= longest


def typed(value: object) -> str:
    """Text a person typed: line breaks as the page showed them (a browser sends CRLF), and no
    NUL, which nobody types on purpose and PostgreSQL cannot store (pasted from a binary, or
    a script's form): the rest is kept as typed. Anything but text (a file) is no text."""
    text = value if isinstance(value, str) else ""
    return text.replace("\r\n", "\n").replace("\x00", "")
