"""Whether X's copy of a post or DM is the text we sent (X rewrites it on the way in), and how
long X counts a post (mentiondesk.models.x_length: the same count as the desk's approval).

X serves `&`, `<` and `>` as HTML entities, replaces every link with a t.co short link (the
original only in the post's `entities.urls[].expanded_url`, which a DM does not carry), and
starts a reply with the @handles it answers. A retry comparing the text as sent would miss
its own earlier post and send it again.
"""

from __future__ import annotations

import html
import re
import unicodedata
from typing import Any

from mentiondesk.models import X_LIMIT, x_length

_SHORT = re.compile(r"https?://t\.co/\w+")
_LEADING = re.compile(r"^(?:@\w+\s+)+")


def too_long(text: str) -> str | None:
    """Why X would refuse `text` as a post, with its length as X counts it (the count the
    desk's approval holds a reply to); None if it fits. Said before posting: X's refusal
    would come after spending a post of the day's cap."""
    length = x_length(text)
    if length <= X_LIMIT:
        return None
    return (
        f"the reply is too long: {length} characters as X counts it (a link 23, an emoji or "
        f"a character outside Latin scripts 2); X allows {X_LIMIT}: shorten it and approve "
        "it again"
    )


def links_of(post: dict[str, Any]) -> dict[str, str]:
    """A post's t.co links and the links they stand for (`entities.urls`), where X says."""
    urls = (post.get("entities") or {}).get("urls") or []
    return {
        str(u["url"]): str(u["expanded_url"])
        for u in urls
        if isinstance(u, dict) and u.get("url") and u.get("expanded_url")
    }


def same_post(ours: str, sent: str, links: dict[str, str] | None = None) -> bool:
    """Whether `sent` (X's copy) is `ours`: t.co links put back from `links`, and any left
    (no `expanded_url`) standing for whatever link we wrote there; leading @handles dropped on
    both sides, as X adds them to a reply. An entity-escaped copy or one as written matches."""
    # Composed (NFC) on both sides: X keeps "ã" as one character, however the draft had it.
    mine = _LEADING.sub("", " ".join(unicodedata.normalize("NFC", ours).split()))
    for copy in dict.fromkeys((html.unescape(sent), sent)):
        theirs = _LEADING.sub("", " ".join(unicodedata.normalize("NFC", copy).split()))
        parts = _SHORT.split(theirs)
        shorts = [(links or {}).get(s) for s in _SHORT.findall(theirs)]
        pattern = re.escape(parts[0]) + "".join(
            (re.escape(long) if long else r"\S+") + re.escape(part)
            for long, part in zip(shorts, parts[1:], strict=True)
        )
        if re.fullmatch(pattern, mine):
            return True
    return False
