"""Slack cards about an author erased on request, rewritten in Slack through the outbox.

A card posted before the erasure shows the author (name, handle, link to their post, the
mention quoted) in the channel, and every later chat.update re-sent it as read back. So the
erasure queues, for each delivered Slack card about them (a case card, or a digest holding a
line of theirs), one action that rewrites it to its erased form (responders/_slack_erased):
in the outbox, it is retried while Slack is down and survives a restart; keyed by the card's
outbox row, it is queued once, however often an erasure meets it. Only Slack's cards: the
other chats' incoming webhooks cannot edit what they posted (the erasure lists those alerts
for the operator to delete by hand). A card update after the erasure (a click, the settle
pass) builds the erased form too (erased_card), whether or not the rewrite went out yet.
The retention rewrites the cards of what it blanks the same way (retention_cards), in its
own words. An erasure that meets a card the retention rewrote (or queued to) leaves it so:
it already shows nothing of the author, and a second chat.update in the erasure's words would
only tell the channel that this old case's author asked to be forgotten.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from mentiondesk.models import PURGED_BY_RETENTION, OutboxAction
from mentiondesk.outbox_payload import action_from_payload
from mentiondesk.store import Store
from mentiondesk.tables import CASE, DELIVERY, OUTBOX, WAITING
from responders._slack_erased import BY_RETENTION, CARD, KIND, OTHERS, SETTLED

# A Slack card's receipt: "channel:ts" (C… public, G… private, D… direct), as SlackResponder
# writes it; no other sink's ref has this form (Discord's is a bare id, the console's its key).
SLACK_REF = re.compile(r"^[CGD][A-Z0-9]{2,}:\d+\.\d+$")
_PREFIX = f"{KIND}:"  # a rewrite's key: the card's outbox row, and which erasure
_PURGED = ":purged"  # the retention's rewrite's key ends so (one per card)
# A rewrite of a card about someone else's post that showed an erased author's story title
# or a link to their post: its key is not _PREFIX's, so clicks on it (erased_card) still
# build the card of its own live case, not an erased author's.
_OTHERS = "erase_others:"
_CHUNK = 100  # outbox ids per query


def purged_key(outbox_id: int) -> str:
    """The key of the retention's rewrite of the card `outbox_id` posted."""
    return f"{_PREFIX}{outbox_id}{_PURGED}"


@dataclass(slots=True)
class Rewrites:
    """An erasure's Slack cards, per sink: those the outbox rewrites (queued now, or the
    retention's rewrite still waiting), and those the retention rewrote already, left so."""

    queued: Counter[str] = field(default_factory=Counter)
    cleared: Counter[str] = field(default_factory=Counter)
    # Of `queued`, those left to the retention's rewrite, which waits in the outbox.
    waiting: Counter[str] = field(default_factory=Counter)


def rewrite_row(kind: str) -> bool:
    """Whether an outbox row of `kind` rewrites an erased card (a digest's holds others' lines:
    a later erasure blanks theirs in it too)."""
    return kind == KIND


def queue_rewrites(conn: Connection, outbox_ids: Sequence[int]) -> Rewrites:
    """Queue the rewrite of each Slack card these delivered actions posted (their payloads
    blanked by the erasure already); how many per sink. One still waiting (an earlier
    erasure's, of a digest holding lines of both) takes the card as it is now instead. A
    card the retention rewrote, or will (its rewrite waiting), is left to that rewrite."""
    done = Rewrites()
    if not outbox_ids:
        return done
    rows = conn.execute(
        sa.select(OUTBOX.c.id, OUTBOX.c.target, OUTBOX.c.payload, DELIVERY.c.ref)
        .join(DELIVERY, DELIVERY.c.outbox_id == OUTBOX.c.id)
        .where(OUTBOX.c.id.in_(list(outbox_ids)), OUTBOX.c.kind == "alert")
        .order_by(OUTBOX.c.id)
    ).all()
    now = datetime.now(UTC)
    for row in rows:
        if not SLACK_REF.match(str(row.ref or "")):
            continue
        retention = _retention_rewrite(conn, row.id)
        if retention == "done":
            done.cleared[row.target] += 1
            continue
        if retention is None:  # none, or a person dropped it: the card still shows them
            _drop_others(conn, row.id)
            _queue(conn, row, now)
        else:
            done.waiting[row.target] += 1
        done.queued[row.target] += 1
    return done


def _retention_rewrite(conn: Connection, outbox_id: int) -> str | None:
    """The status of the retention's rewrite of this card (delivered, or still waiting),
    None without one or where a person dropped it (`outbox drop`): it never went."""
    query = sa.select(OUTBOX.c.status).where(OUTBOX.c.key == purged_key(outbox_id))
    status = conn.scalar(query)
    return None if status in (None, "dropped") else str(status)


def queue_others(conn: Connection, outbox_ids: Sequence[int]) -> tuple[Counter[str], Counter[str]]:
    """Queue the rewrite of each Slack card among these delivered alerts about others' posts
    whose copies an erasure rewrote (the title of a story of the erased author's, or a link
    to their post, gone): the card is shown again from that copy. (Those queued, the other
    chats' alerts left as posted), per sink."""
    queued, left = Counter[str](), Counter[str]()
    ids, now = sorted(outbox_ids), datetime.now(UTC)
    for start in range(0, len(ids), _CHUNK):
        rows = conn.execute(
            sa.select(OUTBOX.c.id, OUTBOX.c.target, OUTBOX.c.payload, DELIVERY.c.ref)
            .add_columns(CASE.c.status.label("case_status"))
            .outerjoin(DELIVERY, DELIVERY.c.outbox_id == OUTBOX.c.id)
            .outerjoin(CASE, CASE.c.id == OUTBOX.c.case_id)
            .where(OUTBOX.c.id.in_(ids[start : start + _CHUNK]))
            .order_by(OUTBOX.c.id)
        ).all()
        for row in rows:
            if not SLACK_REF.match(str(row.ref or "")):
                left[row.target] += 1
                continue
            # A card of a case still open keeps its buttons (a click is checked against the
            # store); one of a case ended offers nothing.
            extra = {OTHERS: True} | ({SETTLED: True} if row.case_status != "open" else {})
            _queue(conn, row, now, prefix=_OTHERS, extra=extra)
            queued[row.target] += 1
    return queued, left


def _drop_others(conn: Connection, outbox_id: int) -> None:
    """Delete the rewrites of this card about someone else's post (queue_others) not sent
    yet: its own author is erased now, and sent after the erased form it would show them."""
    waiting = sa.and_(_rewrites_of(outbox_id, _OTHERS), OUTBOX.c.status.in_(WAITING))
    ids = list(conn.scalars(sa.select(OUTBOX.c.id).where(waiting)))
    if ids:
        conn.execute(sa.delete(DELIVERY).where(DELIVERY.c.outbox_id.in_(ids)))
        conn.execute(sa.delete(OUTBOX).where(OUTBOX.c.id.in_(ids)))


def _queue(
    conn: Connection,
    card: Any,
    now: datetime,
    *,
    prefix: str = _PREFIX,
    extra: Mapping[str, object] | None = None,
) -> None:
    """Queue one card's rewrite: key "<prefix><its outbox row>:<n>", the n-th erasure
    that met it (once each). One still waiting takes the card as it is now instead."""
    earlier = conn.execute(
        sa.select(OUTBOX.c.key, OUTBOX.c.status).where(_rewrites_of(card.id, prefix))
    ).all()
    key = f"{prefix}{card.id}:{len(earlier) + 1}"
    for rewrite in earlier:
        if rewrite.status in WAITING:
            values = rewrite_values(rewrite.key, card.target, card.payload, card.ref, now)
            new = _with(values, extra)["payload"]
            conn.execute(sa.update(OUTBOX).where(OUTBOX.c.key == rewrite.key).values(payload=new))
            return
    values = _with(rewrite_values(key, card.target, card.payload, card.ref, now), extra)
    conn.execute(sa.insert(OUTBOX).values(**values))


def _with(values: dict[str, object], extra: Mapping[str, object] | None) -> dict[str, object]:
    """A rewrite's row with these `extra` keys added to its payload's."""
    if not extra:
        return values
    data = json.loads(str(values["payload"]))
    data["extra"] = {**data.get("extra", {}), **extra}
    return values | {"payload": json.dumps(data, ensure_ascii=False)}


def _first_rewrite(outbox_id: int) -> sa.Select[tuple[int]]:
    return sa.select(OUTBOX.c.id).where(_rewrites_of(outbox_id)).limit(1)


def _rewrites_of(outbox_id: int, prefix: str = _PREFIX) -> sa.ColumnElement[bool]:
    return sa.and_(
        OUTBOX.c.kind == KIND, OUTBOX.c.key.startswith(f"{prefix}{outbox_id}:", autoescape=True)
    )


def rewrite_values(
    key: str, target: str, payload: str, ref: str, now: datetime, *, purged: bool = False
) -> dict[str, object]:
    """The rewrite's outbox row: the blanked alert's payload, the card it rewrites, no case
    and no post (nothing that leads to them). `purged`: blanked by the retention, which the
    card says instead of "erased on request"."""
    data = json.loads(payload)
    extra = {**(data.get("extra") or {}), CARD: ref} | ({BY_RETENTION: True} if purged else {})
    data = {**data, "key": key, "kind": KIND, "extra": extra}
    return {
        "key": key,
        "kind": KIND,
        "target": target,
        "case_id": None,
        "payload": json.dumps(data, ensure_ascii=False),
        "status": "pending",
        "attempts": 0,
        "next_attempt_at": now,
        "created_at": now,
        "platform": "",
        "external_id": None,
    }


def erased_card(store: Store, channel: str, ts: str) -> OutboxAction | None:
    """The blanked alert of the card at `channel`/`ts` if its author was erased on request
    or the retention blanked it (a rewrite was queued for it), else None."""
    query = (
        sa.select(OUTBOX.c.id, OUTBOX.c.payload, OUTBOX.c.created_at, OUTBOX.c.last_error)
        .join(DELIVERY, DELIVERY.c.outbox_id == OUTBOX.c.id)
        .where(DELIVERY.c.ref == f"{channel}:{ts}", OUTBOX.c.kind == "alert")
    )
    with store.engine.connect() as conn:
        rows = conn.execute(query).all()
        queued = {r.id for r in rows if conn.execute(_first_rewrite(r.id)).first()}
        purged = {i for i in queued if _retention_rewrite(conn, i) is not None}
    for row in rows:
        if row.id in queued:
            try:
                action = action_from_payload(row.payload, 0, row.created_at)
            except (KeyError, TypeError, ValueError):  # unreadable: the card is left as it is
                return None
            # The retention's words where it rewrote the card, an erasure after it included:
            # the card then stays as the retention left it (queue_rewrites).
            if row.last_error == PURGED_BY_RETENTION or row.id in purged:
                action.extra[BY_RETENTION] = True
            return action
    return None
