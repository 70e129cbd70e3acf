"""Slack's text-only messages (a digest, a notice) as Block Kit: plain_text, shown as written."""

from __future__ import annotations

from typing import Any

from mentiondesk.models import CaseContext, Mention, Wording
from responders._escape import plain_fitted, slack_mrkdwn, units
from responders._settled import isolated
from responders._text import other_language_note, plain

# Slack's most for a section's text, plain_text as mrkdwn (a longer draft takes several). Its
# docs say "characters": counted in UTF-16 units (an emoji is two), the stricter count.
SECTION_LIMIT = 3000
_CUT = "\n…"  # a message cut between its lines says so on a line of its own
ON_TITLE_LIMIT = 150  # of the title a comment is on, on the card (Reddit's go to 300)


def text_only_blocks(text: str) -> list[dict[str, Any]]:
    """The message as one plain_text section: Slack's mrkdwn has no escape for `_`, `*` or
    `~`, so a digest line's "@_lumora_" read as italic "lumora" (an impostor's marks hidden)
    and a snippet's "*50% off*" as bold; plain_text shows every character as typed, pings
    no one, and with `emoji` off keeps a `:shortcode:` as written. Our own words in these
    messages carry no markup, no links."""
    shown = fitted(text) or " "  # Slack refuses an empty text
    return [{"type": "section", "text": {"type": "plain_text", "text": shown, "emoji": False}}]


def fitted(text: str, limit: int = SECTION_LIMIT) -> str:
    """`text` within `limit`: whole, else its first lines that fit and a line "…" (a digest
    line whose snippet was cut ends with its own "…": cut after it, it read "……", and a
    line cut in half hid whose mention it was); a first line too long alone is cut in it."""
    whole = "\n".join(plain(line) for line in text.split("\n"))  # as plain_fitted, uncut
    if units(whole) <= limit:
        return whole
    kept: list[str] = []
    room = limit - units(_CUT)
    for line in whole.split("\n"):
        room -= units(line) + (1 if kept else 0)
        if room < 0:
            break
        kept.append(line)
    return "\n".join(kept) + _CUT if kept else plain_fitted(text, limit)


def on_title_context(mention: Mention, wording: Wording) -> list[dict[str, Any]]:
    """The card's 'on “Show HN: Lumora CI”' line under a comment: the title of the story or
    post it answers, as plain_text (a title's `*` or `_` would format in mrkdwn, which has no
    escape for them; `<!here>` pings no one there), its right-to-left letters isolated, its
    controls and bidi overrides gone; nothing for a post itself."""
    if not mention.on_title:
        return []
    title = isolated(plain(mention.on_title, ON_TITLE_LIMIT))
    shown = {"type": "plain_text", "text": wording.t("on “{title}”", title=title), "emoji": False}
    return [{"type": "context", "elements": [shown]}]


def language_note(ctx: CaseContext, wording: Wording) -> list[dict[str, Any]]:
    """The bold line above a draft not in its author's language ("Draft in European
    Portuguese — the author wrote in Italian"), escaped as the card's facts are; nothing for
    a draft in theirs. A section, not a context: an approver on a phone must not miss it."""
    if (note := other_language_note(ctx, wording)) is None:
        return []
    return [{"type": "section", "text": {"type": "mrkdwn", "text": f"*{slack_mrkdwn(note, 300)}*"}}]
