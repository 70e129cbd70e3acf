"""The quote lines of posts (listener/_bluesky_text and listener/_mastodon_wire write them: "↪️
https://bsky.app/profile/DID/post/RKEY"), read and rewritten where the quoted post's author
was erased on request (erased_quotes at the erasure, erased_posts when a Bluesky quote is read
later). Pure text: ingesting imports it without the erasure's machinery.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection

from mentiondesk.models import ERASED_ON_REQUEST

PLATFORM = "bluesky"
UNQUOTED = f"↪️ {ERASED_ON_REQUEST}"
_QUOTE = re.compile(r"^↪️ https://bsky\.app/profile/(did:[^/\s]+)/post/([^/\s]+)$", re.MULTILINE)

_LINE = re.compile(r"^↪️ (https://\S+)$", re.MULTILINE)  # any platform's quote line
_LINK = re.compile(r"https://\S+")

Erased = Callable[[str, str], bool]  # (DID, record key) → whether that post's line goes


def quoted_posts(text: str) -> list[str]:
    """The at:// ids of the posts a Bluesky post's text quotes (as erased_posts keeps them)."""
    return [_uri(did, rkey) for did, rkey in _QUOTE.findall(text)]


def unquoted_text(text: str, erased: Erased) -> str:
    """`text` with each quote line of a post `erased` names rewritten."""
    return _QUOTE.sub(lambda m: UNQUOTED if erased(m[1], m[2]) else m[0], text)


def unquoted_links(text: str, starts: Collection[str]) -> str:
    """`text` with each quote line of a post whose address starts with one of `starts`
    (lower case: hosts and handles are caseless) rewritten."""
    return _LINE.sub(lambda m: UNQUOTED if _among(m[1], starts) else m[0], text)


def unlinked(text: str, starts: Collection[str]) -> str:
    """`text` (a digest's lines: a post's text on one line, cut short) with no address
    starting with one of `starts`."""
    return _LINK.sub(lambda m: ERASED_ON_REQUEST if _among(m[0], starts) else m[0], text)


def _among(link: str, starts: Collection[str]) -> bool:
    return link.lower().startswith(tuple(starts))


def by_uri(uris: Collection[str]) -> Erased:
    """The quoted posts among these at:// ids."""
    return lambda did, rkey: _uri(did, rkey) in uris


def _uri(did: str, rkey: str) -> str:
    return f"at://{did}/app.bsky.feed.post/{rkey}"
