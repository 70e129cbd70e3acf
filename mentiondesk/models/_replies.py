"""What a responder adds to a reply's text, shared with the approval's length check."""

from __future__ import annotations


def direct_status_text(handle: str, text: str) -> str:
    """A Mastodon direct status reaches only the accounts it mentions: the author's @handle
    leads it unless the text already mentions them."""
    mention = f"@{handle}"
    return text if mention.lower() in text.lower() else f"{mention} {text}"
