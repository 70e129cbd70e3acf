"""What a Bluesky quote or reply is on, for the desk (Mention.on_title, as X's reads).

"isso aqui não funciona" quoting the brand's Pix announcement, or "de novo?!" deep in a
thread, says little alone, and the quote's ↪️ address or the thread's URI is all the desk had.
A search hit's view carries the quoted post (its embed's `#viewRecord`); a notification has the
record alone, and no view says what a reply answers: those come from getPosts, 25 at a time,
for the URIs that are at:// post URIs (a record's refs are whatever its author's app wrote).
"""

from __future__ import annotations

from typing import Any

from listener._bluesky_text import full_text

POST = "app.bsky.feed.post"
BATCH = 25  # getPosts' most URIs a call
_VIEW_RECORD = "app.bsky.embed.record#viewRecord"


def about(view: dict[str, Any]) -> str | None:
    """The URI of the post `view` quotes, else of the one it answers; None for neither."""
    record = view.get("record") or {}
    embed = record.get("embed") if isinstance(record, dict) else None
    quoted = _quoted_uri(embed)
    reply = record.get("reply") if isinstance(record, dict) else None
    parent = reply.get("parent") if isinstance(reply, dict) else None
    uri = quoted or (parent.get("uri") if isinstance(parent, dict) else None)
    return uri if isinstance(uri, str) and _is_post_uri(uri) else None


def shown(view: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The quoted post a search hit's view carries, by URI, as getPosts gives one."""
    embed = view.get("embed")
    inner = embed.get("record") if isinstance(embed, dict) else None
    if isinstance(inner, dict) and inner.get("$type") != _VIEW_RECORD:
        inner = inner.get("record")  # recordWithMedia#view: its record#view's record
    if not isinstance(inner, dict) or inner.get("$type") != _VIEW_RECORD:
        return {}  # none, or #viewNotFound, #viewBlocked, #viewDetached: getPosts says
    post = {"uri": inner.get("uri"), "author": inner.get("author"), "record": inner.get("value")}
    return {str(inner.get("uri")): post}


def title(post: dict[str, Any]) -> str | None:
    """ "@handle: its words" for a PostView; None for one that cannot be read."""
    author, record = post.get("author"), post.get("record")
    if not isinstance(author, dict) or not isinstance(record, dict):
        return None
    try:
        text = full_text(record)
    except TypeError:
        return None
    handle = author.get("handle")
    return f"@{handle}: {text}" if isinstance(handle, str) and handle else text


def _quoted_uri(embed: Any) -> Any:
    if not isinstance(embed, dict):
        return None
    if embed.get("$type") == "app.bsky.embed.recordWithMedia":
        embed = embed.get("record")
    if not isinstance(embed, dict) or embed.get("$type") != "app.bsky.embed.record":
        return None
    strong = embed.get("record")
    return strong.get("uri") if isinstance(strong, dict) else None


def _is_post_uri(uri: str) -> bool:
    _, _, rest = uri.removeprefix("at://").partition("/")
    collection, _, rkey = rest.partition("/")
    return uri.startswith("at://did:") and collection == POST and bool(rkey) and "/" not in rkey
