"""A too-long refusal's numbers and the platform's name in the reader's language, said after
the notice ("The reply is longer than the platform allows"): reply_limits.TooLong's parts,
worded at render (its str() is the CLI's and the logs' English)."""

from __future__ import annotations

from mentiondesk.reply_limits import TooLong
from mentiondesk.web.i18n import Locale

# How each platform counts otherwise than the characters typed (reply_limits.COUNTING's).
_HOW_X = "links count as 23 characters, an emoji and most characters outside Latin scripts as 2"
_HOW_MASTODON = "links count as 23 characters, and every reply starts with the person's @handle"
_HOW_BLUESKY = "an emoji or an accented letter counts as 1"
_PLAIN = "It is {length} characters; {platform} allows {limit}."
_COUNTED = "It is {length} characters as {platform} counts them ({how}); {platform} allows {limit}."
_WARNED = (
    "It is {length} characters as {platform} counts them ({how}), with the post's content "
    "warning it carries ({warning}); {platform} allows {limit}."
)
_BYTES = (
    "It fits {platform}'s character limit but not the {limit} bytes it allows ({length} here): "
    "use fewer emoji."
)


def too_long_words(loc: Locale, problem: TooLong) -> str:
    """How long the reply is, as `loc` says it: as whom it counts, and what that allows."""
    values = {
        "length": loc.number(problem.length),
        "limit": loc.number(problem.limit),
        "platform": loc.word("platform", problem.platform),
    }
    if problem.over_bytes:
        return loc.t(_BYTES, **values)
    how = _how(loc, problem.platform)
    if problem.warning:
        return loc.t(_WARNED, how=how, warning=loc.number(problem.warning), **values)
    return (
        loc.t(_COUNTED, how=how, **values) if problem.counted and how else loc.t(_PLAIN, **values)
    )


def _how(loc: Locale, platform: str) -> str:
    """How `platform` counts otherwise than the characters typed; "" for by characters."""
    if platform in ("x", "twitter"):
        return loc.t(_HOW_X)
    if platform == "mastodon":
        return loc.t(_HOW_MASTODON)
    return loc.t(_HOW_BLUESKY) if platform == "bluesky" else ""
