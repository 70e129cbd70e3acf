"""Others' replies that name an erased or purged post as their thread or parent.

A reply stores the platform ids of the post it answers (parent_id) and of its thread's first
post (thread_id): on Bluesky a post's id holds its author's account id (DID), on X a status id
leads to its author. So when posts go (`authors forget`) or are blanked (`store purge`), the
replies kept, and their copies in outbox actions and digest items (erasure_copied), get a
marker instead: "erased:" and a keyed fingerprint of the post (HMAC-SHA256 under a key of
its own, mentiondesk.fingerprint_keys). One post, one marker: its replies still group as one thread.

An erasure also blanks what the replies say they are on (Mention.on_title: a Hacker News
story's or a Reddit post's title), where that thread's first post is the erased author's: the
title is their words, shown on others' comments in the queue, the case page and the alerts.
The purge keeps it: it blanks old posts, not a person's, and the replies it keeps are live.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass
from functools import partial
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from mentiondesk.erased_posts import marker, thread_key
from mentiondesk.erasure_copied import CHUNK, rewrite_copies
from mentiondesk.tables import MENTION

_PURGED = "purged:"  # a post blanked before: its replies were given their marker then
_COLUMNS = ("thread_id", "parent_id")

_Names = dict[tuple[str, str], str]  # (platform, post id) → marker


@dataclass(frozen=True, slots=True)
class _Renamed:
    """What the copies of a reply change: the posts' markers, and the threads (platform,
    first post's id) whose title they lose."""

    names: _Names
    titled: Collection[tuple[str, str]]


def unthread(
    conn: Connection, mentions: Any, *, titles: bool = False, cards: set[int] | None = None
) -> Counter[str]:
    """Give the replies (by others: not among `mentions`) naming these posts (`mentions`:
    their ids or a subquery, before they are deleted or blanked) the posts' markers, in
    their rows and in the payloads copying them. With `titles` (an erasure), a reply in the
    thread of one of these posts loses its on_title too; the alerts about such replies
    delivered already, per sink (those showed the title: the chat keeps it), their outbox
    ids added to `cards`."""
    posts = conn.execute(
        sa.select(MENTION.c.platform, MENTION.c.external_id, MENTION.c.edit_id).where(
            MENTION.c.id.in_(mentions), ~MENTION.c.external_id.startswith(_PURGED)
        )
    ).all()
    # An edited post (X) is answered by its latest version's id, kept as its edit_id.
    wanted = {(p, i) for p, e, v in posts for i in (e, v) if i}
    replies = _replies(conn, sorted({e for _, e in wanted}), mentions, wanted)
    if not replies:
        return Counter()
    key = thread_key(conn, create=True)
    assert key is not None  # made just now if none was
    names = {post: marker(key, *post) for post in wanted}
    titled = wanted if titles else set()
    for row in replies:
        named = ((c, (row["platform"], row[c])) for c in _COLUMNS)
        values: dict[str, str | None] = {c: names[post] for c, post in named if post in names}
        if (row["platform"], row["thread_id"]) in titled:  # the title its thread's post has
            values["on_title"] = None
        conn.execute(sa.update(MENTION).where(MENTION.c.id == row["id"]).values(values))
    ids, shown = sorted(row["id"] for row in replies), Counter[str]()
    renamed = _Renamed(names, titled)
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        change = partial(_mention, renamed=renamed)
        shown += rewrite_copies(conn, chunk, change, _titles, cards=cards)
    return shown


def _replies(
    conn: Connection, ids: list[str], mentions: Any, wanted: set[tuple[str, str]]
) -> list[sa.RowMapping]:
    """The rows naming one of `wanted` as thread or parent, by each column's index (an OR of
    both is read as a scan on PostgreSQL); the same id on another platform is another post."""
    found: dict[int, sa.RowMapping] = {}
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        for column in _COLUMNS:
            query = sa.select(MENTION.c.id, MENTION.c.platform, *(MENTION.c[c] for c in _COLUMNS))
            query = query.where(MENTION.c[column].in_(chunk), ~MENTION.c.id.in_(mentions))
            for row in conn.execute(query).mappings():
                if any((row["platform"], row[c]) in wanted for c in _COLUMNS):
                    found[row["id"]] = row
    return list(found.values())


def _titles(before: dict[str, Any], after: dict[str, Any]) -> bool:
    """Whether a copy lost the title its card showed (ids are not shown)."""
    return bool(before.get("on_title")) and not after.get("on_title")


def _mention(mention: dict[str, Any], renamed: _Renamed) -> dict[str, Any]:
    platform, new, names = mention.get("platform"), dict(mention), renamed.names
    for column in _COLUMNS:
        post = mention.get(column)
        if isinstance(platform, str) and isinstance(post, str) and (platform, post) in names:
            new[column] = names[(platform, post)]
    if (platform, mention.get("thread_id")) in renamed.titled and new.get("on_title"):
        new["on_title"] = None
    return new
