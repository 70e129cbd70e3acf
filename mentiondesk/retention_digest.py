"""Retention conditions on chat digests: an alert waiting in a digest not sent yet keeps the
post it quotes.

An item collected by this version names its post in indexed columns (platform, external id),
so each post costs one index look-up, however many items are kept. Items collected before
those columns get them from their payload (the alert's case, which names the post) at the
start of a retention run, once; only an item whose payload names no post is still matched
by its key (LIKE, read for every post), and no version writes such items.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Row

from mentiondesk.store import Store
from mentiondesk.tables import DIGEST_ITEM, MENTION, OUTBOX, WAITING

_BATCH = 500  # items filled per transaction


def backfill(store: Store) -> int:
    """Name the post on items collected before the columns, from their payload; how many.
    It copies what the row already holds, so a dry run does it too."""
    return fill_unnamed(store, DIGEST_ITEM, [DIGEST_ITEM.c.payload], _BATCH, _fill_items)


def _fill_items(conn: Connection, batch: Sequence[Row[Any]]) -> int:
    filled = 0
    for row in batch:
        post = _post(row.payload)
        if post:
            named = {"platform": post[0], "external_id": post[1]}
            conn.execute(sa.update(DIGEST_ITEM).where(DIGEST_ITEM.c.id == row.id), named)
            filled += 1
    return filled


def fill_unnamed(
    store: Store,
    table: sa.Table,
    columns: Sequence[sa.Column[Any]],
    size: int,
    fill: Callable[[Connection, Sequence[Row[Any]]], int],
) -> int:
    """Have `fill` name the post on the rows of `table` written before its columns (platform
    NULL): their id and `columns`, `size` rows at a time in id order, each batch in a
    transaction of its own; the sum of what `fill` counts."""
    counted, last = 0, 0
    while True:
        with store.engine.begin() as conn:
            older = sa.and_(table.c.platform.is_(None), table.c.id > last)
            query = sa.select(table.c.id, *columns).where(older)
            batch = conn.execute(query.order_by(table.c.id).limit(size)).all()
            counted += fill(conn, batch)
        if len(batch) < size:
            return counted
        last = batch[-1].id


def _post(payload: str) -> tuple[str, str] | None:
    """(platform, external id) of the post a digest item's payload (a CaseContext) quotes."""
    try:
        mention = json.loads(payload)["mention"]
        platform, external_id = mention["platform"], mention["external_id"]
    except (ValueError, KeyError, TypeError):
        return None
    ok = isinstance(platform, str) and isinstance(external_id, str)
    return (platform, external_id) if ok and platform and external_id else None


def naming(mentions: Any) -> Any:
    """SQL on DIGEST_ITEM: the item quotes one of these posts (`mentions`: their ids, a list
    or a subquery), found by index. Run before the posts are erased or renamed."""
    posts = sa.select(MENTION.c.platform, MENTION.c.external_id).where(MENTION.c.id.in_(mentions))
    return sa.tuple_(DIGEST_ITEM.c.platform, DIGEST_ITEM.c.external_id).in_(posts)


def like_escaped(text: Any) -> Any:
    """SQL: `text` with LIKE's wildcards and its escape character escaped (by a backslash)."""
    for char in ("\\", "%", "_"):
        text = sa.func.replace(text, char, "\\" + char)
    return text


def keyed_on(m: Any) -> Any:
    """SQL: the LIKE pattern of a key naming post `m` (`kind:target:platform:id:rule`, as
    decisions writes an alert's key)."""
    return sa.literal("%:") + m.c.platform + ":" + like_escaped(m.c.external_id) + ":%"


def digest_items(m: Any) -> tuple[Any, Any]:
    """SQL on a mention: an alert about the post waits in a digest not sent yet (its outbox
    action is done, the digest sink took it, but the digest, which quotes the post, is still
    to go). Two EXISTS: an unsent item quoting it, by the item's post columns
    (found by index) or, for an item naming no post (see backfill), by its key. Apart, for a
    caller to negate each: NOT (a OR b) is read row by row, NOT a AND NOT b as anti-joins."""
    i, old = DIGEST_ITEM.alias(), DIGEST_ITEM.alias()
    post = i.c.platform == m.c.platform, i.c.external_id == m.c.external_id
    keyed = old.c.platform.is_(None), old.c.key.like(keyed_on(m), escape="\\"), unsent(old)
    return sa.exists().where(*post, unsent(i)), sa.exists().where(*keyed)


def unsent(i: Any) -> Any:
    """SQL on a digest item: its digest is not delivered yet. Collected and not flushed, or
    flushed into a digest whose outbox action (one per chat) is still pending or held."""
    o = OUTBOX.alias()
    named = o.c.key.like(like_escaped(i.c.digest_key) + ":%", escape="\\")
    # Flushed before items named their digest: flush_due queued the route's digest
    # (`digest:ROUTE:…`) at the instant it marked them flushed, so that instant links them.
    digest = sa.literal("digest:") + like_escaped(i.c.route) + ":%"
    timed = sa.and_(
        i.c.digest_key.is_(None),
        o.c.created_at == i.c.flushed_at,
        o.c.key.like(digest, escape="\\"),
    )
    queued = sa.exists().where(o.c.status.in_(WAITING), sa.or_(named, timed))
    return sa.or_(i.c.flushed_at.is_(None), queued)
