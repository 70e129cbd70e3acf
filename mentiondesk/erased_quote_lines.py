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
# What an X post quotes or answers, as the X source stores it in on_title: "@author: text".
_X_TITLE = re.compile(r"^@([A-Za-z0-9_]{1,15}): ")
# What a Bluesky post quotes or answers, as listener/_bluesky_context stores it: "@handle:
# text", the handle a domain name.
_BSKY_TITLE = re.compile(r"^@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+): ")
X = "x"
# An X quote line (listener/_x_wire): "↪️ https://x.com/AUTHOR/status/ID", "i" for AUTHOR
# where X gave no author for the quoted post; found by the post's id then.
_X_QUOTE = re.compile(r"^↪️ https://x\.com/[^/\s]+/status/(\d+)$", re.MULTILINE | re.IGNORECASE)
_X_LINK = re.compile(r"https://x\.com/[^/\s]+/status/(\d+)(?!\d)", re.IGNORECASE)

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


def quote_links(text: str) -> list[str]:
    """The addresses `text`'s quote lines (any platform's) give, as written."""
    return _LINE.findall(text)


def unlinked(text: str, starts: Collection[str]) -> str:
    """`text` (a digest's lines: a post's text on one line, cut short) with no address
    starting with one of `starts`."""
    return _LINK.sub(lambda m: ERASED_ON_REQUEST if _among(m[0], starts) else m[0], text)


def x_quoted_ids(text: str) -> list[str]:
    """The ids of the posts an X post's quote lines quote (as erased_posts keeps them)."""
    return _X_QUOTE.findall(text)


def unquoted_x_ids(text: str, ids: Collection[str]) -> str:
    """`text` with each X quote line of a post among `ids` rewritten."""
    return _X_QUOTE.sub(lambda m: UNQUOTED if m[1] in ids else m[0], text)


def x_unlinked(text: str, ids: Collection[str]) -> str:
    """`text` (a digest's lines) with no address of an X post among `ids`."""
    return _X_LINK.sub(lambda m: ERASED_ON_REQUEST if m[1] in ids else m[0], text)


def x_profile(handle: str) -> str:
    """The start of the addresses of an X account's posts, as its quote lines give them."""
    return f"https://x.com/{handle.lower().lstrip('@')}/"


def bluesky_profile(handle: str) -> str:
    """The start of the addresses of a Bluesky account's posts by its handle (not its DID:
    the form a title names it by)."""
    return f"https://bsky.app/profile/{handle.lower().lstrip('@')}/"


def x_title_start(platform: str, on_title: str | None) -> str | None:
    """The address start of the author whose post an X or a Bluesky post's on_title shows
    ("@ana: …", "@ana.bsky.social: …")."""
    if platform == X:
        found = _X_TITLE.match(on_title or "")
        return x_profile(found[1]) if found else None
    found = _BSKY_TITLE.match(on_title or "") if platform == PLATFORM else None
    return bluesky_profile(found[1]) if found else None


def untitled(
    platform: str, on_title: str | None, starts: Collection[str], *, unquoted: bool
) -> str | None:
    """An X or a Bluesky post's on_title (the post it quotes or answers: its author's words)
    gone where that author is erased (their address start among `starts`), or, naming no
    author, where its quote line was just rewritten (`unquoted`). Other platforms' titles
    stay (a thread's title is the erasure's of its first post: erasure_threads)."""
    if platform not in (X, PLATFORM) or not on_title:
        return on_title
    start = x_title_start(platform, on_title)
    erased = start in starts if start is not None else unquoted
    # A Bluesky title shows the quoted post first (listener/_bluesky_context): theirs where
    # its line was rewritten, whatever handle it names (they may have changed it since).
    return None if erased or (platform == PLATFORM and unquoted) else on_title


def _among(link: str, starts: Collection[str]) -> bool:
    return link.lower().startswith(tuple(starts))


def by_uri(uris: Collection[str]) -> Erased:
    """The quoted posts among these at:// ids."""
    return lambda did, rkey: _uri(did, rkey) in uris


def _uri(did: str, rkey: str) -> str:
    return f"at://{did}/app.bsky.feed.post/{rkey}"
