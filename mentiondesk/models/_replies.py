"""What a responder adds to a reply's text, shared with the approval's length check."""

from __future__ import annotations

import re


def mentions(handle: str, text: str) -> bool:
    """Whether `text` mentions @`handle` as Mastodon reads a mention: not inside a word, an
    address or a link (`support@ana.example`, `/@ana`), and not the start of a longer handle
    (`@ana_souza`, `@ana.souza`, `@ana@other.example`). static/desk-counts.js's `mentions`
    agrees."""
    found = rf"(?<![\w@/])@{re.escape(handle)}(?![.-]*\w|@\w)"
    return re.search(found, text, re.IGNORECASE) is not None


def mastodon_reply_text(handle: str, text: str) -> str:
    """A Mastodon status notifies, and a direct one reaches, only the accounts it mentions:
    the author's @handle leads every reply unless the text already mentions them (as
    Mastodon.py's status_reply does; other participants are left out)."""
    return text if mentions(handle, text) else f"@{handle} {text}"
