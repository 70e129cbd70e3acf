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
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from mentiondesk.erasure_payloads import payload_json
from mentiondesk.tables import DELIVERY, MENTION, OUTBOX

_CHUNK = 100  # posts per query: one bound parameter each, well under SQLite's 999

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
    chunks = [list(names.items())[i : i + _CHUNK] for i in range(0, len(names), _CHUNK)]
    return sum(_rekey(conn, dict(chunk), erased=erased) for chunk in chunks)


def _new_name(post: Any, erased: bool) -> str:
    return f":{post.platform}:erased:" if erased else f":{post.platform}:purged:{post.id}"


def _rekey(conn: Connection, names: _Names, *, erased: bool) -> int:
    near = sa.or_(*(OUTBOX.c.key.contains(name, autoescape=True) for name in names))
    if erased:
        near = sa.and_(near, OUTBOX.c.status == "done")
    changed = 0
    query = sa.select(OUTBOX.c.id, OUTBOX.c.key, OUTBOX.c.payload).where(near)
    for row in conn.execute(query).all():
        # Erased: one name per row, the erased posts' rows being gone.
        mine = {name: f"{new}{row.id}" for name, new in names.items()} if erased else names
        key = renamed(row.key, mine)
        if key == row.key:  # a longer id that starts with one of these
            continue
        values = {"key": key}
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


def renamed(text: str, names: _Names) -> str:
    """`text` with the post it names (`:PLATFORM:ID:` inside, or `:PLATFORM:ID` at the end)
    renamed."""
    for name, new in names.items():
        if f"{name}:" in text:
            return text.replace(f"{name}:", f"{new}:", 1)
        if text.endswith(name):
            return text.removesuffix(name) + new
    return text
