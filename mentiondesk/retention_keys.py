"""A purged post's platform id, out of the outbox keys that name it.

An alert's key is `kind:target:PLATFORM:ID:rule` and a ticket comment's ends in
`:PLATFORM:ID` (as decisions writes them); the payload's copy of the key, the delivery's key
and its ref (where a sink echoes the key) hold the same. On X a status id leads to its
author, so the retention writes `PLATFORM:purged:ROW` there, as in the mention row: one
post, one name, so the keys stay unique.

Erasing an author renames their posts in the keys of their delivered actions the same way,
to `PLATFORM:erased:ROW` with the outbox row's number (their mention rows go, and SQLite may
give a deleted row's number to the next post). Only delivered ones: an action not delivered
is deleted by the erasure, and one still to send keeps its key, which the sinks use to
recognise a message an earlier attempt already sent.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Row

from mentiondesk.erasure_payloads import payload_json
from mentiondesk.outbox_payload import key_names
from mentiondesk.retention_digest import backfill as digest_backfill
from mentiondesk.retention_digest import fill_unnamed
from mentiondesk.store import Store
from mentiondesk.tables import DELIVERY, FINISHED, MENTION, OUTBOX

_CHUNK = 100  # posts per query: one bound parameter each, well under SQLite's 999
_FILL = 500  # rows backfilled per transaction

_Names = dict[str, str]  # ":PLATFORM:ID" → ":PLATFORM:purged:ROW"


def rekey(conn: Connection, mention_ids: Any, *, erased: bool = False) -> int:
    """Rename these posts (ids, or a subquery of them; not blanked yet) in the outbox keys
    that name them; how many outbox rows changed. `erased`: in delivered actions only, to
    `PLATFORM:erased:` and the outbox row's number."""
    posts = conn.execute(
        sa.select(MENTION.c.id, MENTION.c.platform, MENTION.c.external_id).where(
            MENTION.c.id.in_(mention_ids), ~MENTION.c.external_id.startswith("purged:")
        )
    ).all()
    names = {f":{p.platform}:{p.external_id}": _new_name(p, erased) for p in posts}
    by_name = {f":{p.platform}:{p.external_id}": (p.platform, p.external_id) for p in posts}
    chunks = [list(names.items())[i : i + _CHUNK] for i in range(0, len(names), _CHUNK)]
    return sum(_rekey(conn, dict(chunk), by_name, erased=erased) for chunk in chunks)


def name_posts(store: Store) -> None:
    """Give digest items and outbox rows an earlier release wrote (before they named their
    post) that post, so the retention and the erasure find them by index, and by the post
    however its author was renamed since. Copied from the row itself: a dry run does it too."""
    digest_backfill(store)
    backfill(store)


def backfill(store: Store) -> int:
    """Name the post on outbox rows written before the columns, from their key and payload
    (platform "" where the key names none); how many rows were read. Once per row: the
    key's LIKE, kept for rows still NULL, then reads only those whose payload names no post.
    It copies what the row holds, so a dry run does it too."""
    return fill_unnamed(store, OUTBOX, [OUTBOX.c.key, OUTBOX.c.payload], _FILL, _fill_rows)


def _fill_rows(conn: Connection, batch: Sequence[Row[Any]]) -> int:
    posts = ((r.id, _post(r.key, r.payload)) for r in batch)
    named = [{"row": i, "p": p["platform"], "e": p["external_id"]} for i, p in posts if p]
    fill = sa.update(OUTBOX).where(OUTBOX.c.id == sa.bindparam("row"))
    if named:
        conn.execute(fill.values(platform=sa.bindparam("p"), external_id=sa.bindparam("e")), named)
    return len(batch)  # read, named or not: a row whose payload names no post stays NULL


def _post(key: str, payload: str) -> dict[str, str | None] | None:
    """The columns for a row written before them: its payload's post if its key names it,
    else none (the code writing keys names no other post). None where the payload names no
    post: the row stays NULL, matched by its key."""
    context = payload_json(payload).get("context")
    mention = context.get("mention") if isinstance(context, dict) else None
    if not isinstance(mention, dict):
        return None
    platform, external_id = mention.get("platform"), mention.get("external_id")
    if not isinstance(platform, str) or not isinstance(external_id, str):
        return None
    return key_names(key, platform, external_id)


def _new_name(post: Any, erased: bool) -> str:
    return f":{post.platform}:erased:" if erased else f":{post.platform}:purged:{post.id}"


def _naming(names: _Names, posts: dict[str, tuple[str, str]]) -> Any:
    """SQL on OUTBOX: rows naming these posts, by the indexed columns; a row written before
    them (platform NULL, until backfill fills it) by its key, a LIKE that reads only those."""
    ids: dict[str, list[str]] = {}
    for name in names:
        platform, external_id = posts[name]
        ids.setdefault(platform, []).append(external_id)
    indexed = (
        sa.and_(OUTBOX.c.platform == platform, OUTBOX.c.external_id.in_(found))
        for platform, found in ids.items()
    )
    keyed = (OUTBOX.c.key.contains(name, autoescape=True) for name in names)
    return sa.or_(*indexed, sa.and_(OUTBOX.c.platform.is_(None), sa.or_(*keyed)))


def _rekey(
    conn: Connection, names: _Names, posts: dict[str, tuple[str, str]], *, erased: bool
) -> int:
    near = _naming(names, posts)
    if erased:
        near = sa.and_(near, OUTBOX.c.status.in_(FINISHED))
    changed = 0
    query = sa.select(OUTBOX.c.id, OUTBOX.c.key, OUTBOX.c.payload).where(near)
    for row in conn.execute(query).all():
        # Erased: one name per row, the erased posts' rows being gone.
        mine = {name: f"{new}{row.id}" for name, new in names.items()} if erased else names
        name = _which(row.key, mine)
        if name is None:  # a longer id that starts with one of these
            continue
        key = renamed(row.key, mine)
        platform = posts[name][0]
        # The columns follow the key: the new name, never the post's id again.
        values = {"key": key, "platform": platform}
        values["external_id"] = mine[name].removeprefix(f":{platform}:")
        data = payload_json(row.payload)
        if data.get("key") == row.key:  # else left as it is: nothing of the key in it
            values["payload"] = json.dumps({**data, "key": key}, ensure_ascii=False)
        conn.execute(sa.update(OUTBOX).where(OUTBOX.c.id == row.id).values(values))
        deliveries = sa.select(DELIVERY.c.id, DELIVERY.c.key, DELIVERY.c.ref)
        for d in conn.execute(deliveries.where(DELIVERY.c.outbox_id == row.id)).all():
            ref = renamed(d.ref, mine) if d.ref else d.ref
            conn.execute(
                sa.update(DELIVERY)
                .where(DELIVERY.c.id == d.id)
                .values(key=renamed(d.key, mine), ref=ref)
            )
        changed += 1
    return changed


def _which(text: str, names: _Names) -> str | None:
    """The name in `names` that renamed() replaces in `text`, if any."""
    return next((n for n in names if f"{n}:" in text or text.endswith(n)), None)


def renamed(text: str, names: _Names) -> str:
    """`text` with the post it names (`:PLATFORM:ID:` inside, or `:PLATFORM:ID` at the end)
    renamed."""
    for name, new in names.items():
        if f"{name}:" in text:
            return text.replace(f"{name}:", f"{new}:", 1)
        if text.endswith(name):
            return text.removesuffix(name) + new
    return text
