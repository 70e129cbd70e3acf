"""What a responder adds to a reply's text, shared with the approval's length check."""

from __future__ import annotations


def mastodon_reply_text(handle: str, text: str) -> str:
    """A Mastodon status notifies, and a direct one reaches, only the accounts it mentions:
    the author's @handle leads every reply unless the text already mentions them (as
    Mastodon.py's status_reply does; other participants are left out)."""
    mention = f"@{handle}"
    return text if mention.lower() in text.lower() else f"{mention} {text}"
