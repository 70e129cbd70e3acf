"""Bluesky's views as the Bluesky source meets them: times as the AppView writes and filters
them, and a PostView or Notification as a Mention."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from typing import Any

from listener._bluesky_labels import hidden, warned
from listener._bluesky_text import full_text
from listener._wire import parse_time
from mentiondesk.models import Author, Mention

_LOGGER = logging.getLogger("listener.bluesky")  # one logger name for the source's lines
# How far createdAt may be from indexedAt and still date the post: a relay's lag, a phone's
# clock a little ahead. Beyond, the post was imported or mis-dated (see created_at_of).
BACKDATED = timedelta(days=1)
AHEAD = timedelta(minutes=5)


def iso(when: datetime) -> str:
    """A time as Bluesky writes one (indexedAt): milliseconds, Z."""
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def iso_or(when: datetime | None) -> str | None:
    return iso(when) if when else None


def latest(*times: str | datetime | None) -> datetime | None:
    """The latest of these times, parsed: as strings "…:00Z" sorts after "…:00.500Z"."""
    return max((parse_time(t) for t in times if t), default=None)


def sort_at(view: dict[str, Any]) -> datetime:
    """What searchPosts' `since` filters on: the earlier of createdAt (the author's app
    writes it) and indexedAt, the latter alone when createdAt is not a time."""
    indexed = parse_time(view["indexedAt"])
    try:
        return min(indexed, parse_time((view.get("record") or {}).get("createdAt")))
    except (TypeError, ValueError, OverflowError):  # Overflow: "9999-12-31T23:59:59-01:00"
        return indexed


def created_at_of(view: dict[str, Any]) -> datetime:
    """When the author's app says the post was written; indexedAt when that is no time (any
    app can write createdAt: "2024-02-30", a year past 9999 once in UTC), so one post cannot
    fail its page, or when it is far from the indexing: an archive imported with its old
    dates ("0001-01-01" too) or a clock ahead would make a wait of years, or a day to come,
    of a post the desk could first see when it was indexed."""
    indexed = parse_time(view["indexedAt"])
    created = (view.get("record") or {}).get("createdAt")
    rkey = str(view["uri"]).rsplit("/", 1)[-1]  # the record key alone: the URI names the DID
    if not created:
        return indexed
    try:
        written = parse_time(created)
    except (TypeError, ValueError, OverflowError):
        _LOGGER.info("bluesky post …/%s: createdAt is no time; indexedAt used", rkey)
        return indexed
    if not indexed - BACKDATED <= written <= indexed + AHEAD:
        _LOGGER.info("bluesky post …/%s: createdAt far from its indexing; indexedAt used", rkey)
        return indexed
    return written


def uri_of(view: dict[str, Any]) -> str:
    return str(view["uri"])


def mention_of(view: dict[str, Any]) -> Mention | None:
    """A PostView or a Notification (both carry uri, author, record); None for a post that
    Bluesky's moderation hides from everyone (see _bluesky_labels)."""
    author, record = view["author"], view.get("record") or {}
    reply = record.get("reply") or {}
    rkey = view["uri"].rsplit("/", 1)[-1]
    if hidden(view):
        _LOGGER.info("bluesky post …/%s: hidden by Bluesky's moderation; left out", rkey)
        return None
    langs = record.get("langs") or []
    return Mention(
        platform="bluesky",
        external_id=view["uri"],
        author=Author(
            id=author["did"],
            handle=author["handle"],
            name=author.get("displayName") or "",
            followers=int(author.get("followersCount") or 0),
        ),
        text=warned(view, full_text(record)),  # links whole, what its embed shows, labels
        created_at=created_at_of(view),
        # By the DID, as the ↪️ line of a quote: a link by the handle led nowhere once the
        # author moved to another ("ana.com.br"), or the AppView could not verify it
        # ("handle.invalid"); bsky.app takes either.
        url=f"https://bsky.app/profile/{author['did']}/post/{rkey}",
        lang=langs[0] if langs else None,
        thread_id=(reply.get("root") or {}).get("uri"),
        parent_id=(reply.get("parent") or {}).get("uri"),
    )
