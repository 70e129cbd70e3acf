"""Others' replies that name an erased or purged post as their thread or parent.

A reply stores the platform ids of the post it answers (parent_id) and of its thread's first
post (thread_id): on Bluesky a post's id holds its author's account id (DID), on X a status id
leads to its author. So when posts go (`authors forget`) or are blanked (`store purge`), the
replies kept, and their copies in outbox actions and digest items, get a marker instead:
"erased:" and a keyed fingerprint of the post (HMAC-SHA256 under a key of its own,
mentiondesk.fingerprint_keys). One post, one marker: its replies still group as one thread.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from mentiondesk.erased_posts import marker, thread_key
from mentiondesk.erasure_payloads import payload_json
from mentiondesk.outbox_payload import post_key
from mentiondesk.retention_digest import naming
from mentiondesk.tables import CASE, DIGEST_ITEM, DRAFT, FOLLOW_UP, MENTION, OUTBOX

_PURGED = "purged:"  # a post blanked before: its replies were given their marker then
# Ids per query: a chunk is bound several times in one statement, and with the caller's own
# ids it stays under SQLite's 999 bound parameters.
_CHUNK = 100
_COLUMNS = ("thread_id", "parent_id")

_Names = dict[tuple[str, str], str]  # (platform, post id) → marker


def unthread(conn: Connection, mentions: Any) -> int:
    """Give the replies (by others: not among `mentions`) naming these posts (`mentions`:
    their ids or a subquery, before they are deleted or blanked) the posts' markers, in
    their rows and in the payloads copying them; how many replies changed."""
    posts = conn.execute(
        sa.select(MENTION.c.platform, MENTION.c.external_id, MENTION.c.edit_id).where(
            MENTION.c.id.in_(mentions), ~MENTION.c.external_id.startswith(_PURGED)
        )
    ).all()
    # An edited post (X) is answered by its latest version's id, kept as its edit_id.
    wanted = {(p, i) for p, e, v in posts for i in (e, v) if i}
    replies = _replies(conn, sorted({e for _, e in wanted}), mentions, wanted)
    if not replies:
        return 0
    key = thread_key(conn, create=True)
    assert key is not None  # made just now if none was
    names = {post: marker(key, *post) for post in wanted}
    for row in replies:
        named = ((c, (row["platform"], row[c])) for c in _COLUMNS)
        values = {c: names[post] for c, post in named if post in names}
        conn.execute(sa.update(MENTION).where(MENTION.c.id == row["id"]).values(values))
    ids = sorted(row["id"] for row in replies)
    for start in range(0, len(ids), _CHUNK):
        _payloads(conn, ids[start : start + _CHUNK], names)
    return len(ids)


def _replies(
    conn: Connection, ids: list[str], mentions: Any, wanted: set[tuple[str, str]]
) -> list[sa.RowMapping]:
    """The rows naming one of `wanted` as thread or parent, by each column's index (an OR of
    both is read as a scan on PostgreSQL); the same id on another platform is another post."""
    found: dict[int, sa.RowMapping] = {}
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        for column in _COLUMNS:
            query = sa.select(MENTION.c.id, MENTION.c.platform, *(MENTION.c[c] for c in _COLUMNS))
            query = query.where(MENTION.c[column].in_(chunk), ~MENTION.c.id.in_(mentions))
            for row in conn.execute(query).mappings():
                if any((row["platform"], row[c]) in wanted for c in _COLUMNS):
                    found[row["id"]] = row
    return list(found.values())


def _payloads(conn: Connection, replies: list[int], names: _Names) -> None:
    """Rewrite the copies of these replies in digest items and outbox actions: the actions
    of their cases and drafts, their alerts, and the digests their alerts went in."""
    items = conn.execute(
        sa.select(DIGEST_ITEM.c.id, DIGEST_ITEM.c.payload, DIGEST_ITEM.c.digest_key).where(
            naming(replies)
        )
    ).all()
    for item in items:
        context = _rethreaded(payload_json(item.payload), names)
        if context is not None:
            payload = json.dumps(context, ensure_ascii=False)
            conn.execute(
                sa.update(DIGEST_ITEM).where(DIGEST_ITEM.c.id == item.id).values(payload=payload)
            )
    outbox: set[int] = set()
    for where in _actions(replies, {i.digest_key for i in items if i.digest_key}):
        outbox |= set(conn.scalars(sa.select(OUTBOX.c.id).where(where)))
    ordered = sorted(outbox)
    for start in range(0, len(ordered), _CHUNK):
        query = sa.select(OUTBOX.c.id, OUTBOX.c.payload)
        for row in conn.execute(query.where(OUTBOX.c.id.in_(ordered[start : start + _CHUNK]))):
            data = payload_json(row.payload)
            context = _rethreaded(data.get("context"), names)
            if context is not None:
                payload = json.dumps({**data, "context": context}, ensure_ascii=False)
                conn.execute(sa.update(OUTBOX).where(OUTBOX.c.id == row.id).values(payload=payload))


def _actions(replies: list[int], digests: set[str]) -> Iterable[Any]:
    """SQL on OUTBOX, each an index look-up apart (an OR of them scans the outbox)."""
    cases = sa.union(
        sa.select(CASE.c.id).where(CASE.c.mention_id.in_(replies)),
        sa.select(FOLLOW_UP.c.case_id).where(FOLLOW_UP.c.mention_id.in_(replies)),
    )
    drafts = sa.or_(DRAFT.c.mention_id.in_(replies), DRAFT.c.case_id.in_(cases))
    posts = sa.select(MENTION.c.platform, MENTION.c.external_id).where(MENTION.c.id.in_(replies))
    yield OUTBOX.c.case_id.in_(cases)
    yield OUTBOX.c.key.in_(sa.select(post_key(DRAFT.c.id)).where(drafts))
    yield sa.tuple_(OUTBOX.c.platform, OUTBOX.c.external_id).in_(posts)
    for digest in sorted(digests):  # `DIGEST_KEY:TARGET`, one per chat
        yield OUTBOX.c.key.startswith(f"{digest}:", autoescape=True)


def _rethreaded(context: Any, names: _Names) -> dict[str, Any] | None:
    """A stored CaseContext with the markers for the posts its mentions (the one it is about
    and the case's earlier ones) name; None when it names none."""
    if not isinstance(context, dict):
        return None
    earlier = context.get("earlier")
    new = {
        **context,
        "mention": _mention(context.get("mention"), names),
        **({"earlier": [_mention(m, names) for m in earlier]} if isinstance(earlier, list) else {}),
    }
    return new if new != context else None


def _mention(mention: Any, names: _Names) -> Any:
    if not isinstance(mention, dict):
        return mention
    platform, new = mention.get("platform"), dict(mention)
    for column in _COLUMNS:
        post = mention.get(column)
        if isinstance(platform, str) and isinstance(post, str) and (platform, post) in names:
            new[column] = names[(platform, post)]
    return new
