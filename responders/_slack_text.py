"""Slack's text-only messages (a digest, a notice) as Block Kit: plain_text, shown as written."""

from __future__ import annotations

from typing import Any

from responders._escape import plain_fitted

# Slack's most for a section's text, plain_text as mrkdwn (a longer draft takes several). Its
# docs say "characters": counted in UTF-16 units (an emoji is two), the stricter count.
SECTION_LIMIT = 3000


def text_only_blocks(text: str) -> list[dict[str, Any]]:
    """The message as one plain_text section: Slack's mrkdwn has no escape for `_`, `*` or
    `~`, so a digest line's "@_lumora_" read as italic "lumora" (an impostor's marks hidden)
    and a snippet's "*50% off*" as bold; plain_text shows every character as typed, pings
    no one, and with `emoji` off keeps a `:shortcode:` as written. Our own words in these
    messages carry no markup, no links."""
    shown = plain_fitted(text, SECTION_LIMIT) or " "  # Slack refuses an empty text
    return [{"type": "section", "text": {"type": "plain_text", "text": shown, "emoji": False}}]
