"""Whether X's copy of a post or DM is the text we sent (X rewrites it on the way in), and how
long X counts a post.

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

_SHORT = re.compile(r"https?://t\.co/\w+")
_LEADING = re.compile(r"^(?:@\w+\s+)+")

# How X counts a post (twitter-text v3): NFC text, each link 23, code points in these ranges
# 1, any other 2, an emoji with its modifiers or a ZWJ sequence 2 in all. The count here may
# fall short of X's (a keycap), never over it: it holds only what X refuses. So a link, or a
# word that may be one ("lumora.com.br/ajuda": X shortens it when it knows the domain), counts
# 23 or its length if shorter (not a link to X, if its domain is none).
X_LIMIT = 280
_X_LINK = re.compile(r"https?://\S+|(?<![\w@])(?:[\w-]+\.)+[a-z]{2,}(?![\w-])\S*", re.I)
_X_LIGHT = ((0, 4351), (8192, 8205), (8208, 8223), (8242, 8247))
_ZWJ = 0x200D
# What joins an emoji before it, weighing nothing: variation selectors, keycap, skin tones,
# tag characters (the flags of England, Scotland, Wales).
_JOINING = ((0xFE0E, 0xFE0F), (0x20E3, 0x20E3), (0x1F3FB, 0x1F3FF), (0xE0020, 0xE007F))
_FLAGS = (0x1F1E6, 0x1F1FF)  # regional indicators: a pair is one flag


def too_long(text: str) -> str | None:
    """Why X would refuse `text` as a post, with its length as X counts it; None if it fits.
    Said before posting: X's refusal would come after spending a post of the day's cap."""
    length = x_length(text)
    if length <= X_LIMIT:
        return None
    return (
        f"the reply is too long: {length} characters as X counts it (a link 23, an emoji or "
        f"a character outside Latin scripts 2); X allows {X_LIMIT}: shorten it and approve "
        "it again"
    )


def x_length(text: str) -> int:
    """`text`'s length as X counts it against X_LIMIT, at most X's own count."""
    text = unicodedata.normalize("NFC", text)
    total = sum(min(23, len(link)) for link in _X_LINK.findall(text))
    joined, flag_half = False, False
    for char in _X_LINK.sub("", text):
        point = ord(char)
        if joined or point == _ZWJ or any(lo <= point <= hi for lo, hi in _JOINING):
            joined = point == _ZWJ  # the one after a ZWJ is part of the same emoji
            continue
        if _FLAGS[0] <= point <= _FLAGS[1]:
            flag_half = not flag_half
            total += 2 if flag_half else 0
            continue
        flag_half = False
        total += 1 if any(lo <= point <= hi for lo, hi in _X_LIGHT) else 2
    return total


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
