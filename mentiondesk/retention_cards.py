"""Slack cards about what the retention blanks, rewritten as `authors forget` rewrites an
erased author's (erased_cards): the store no longer has the text, so the team chat should
not either.

One rewrite per card, never per post: a card is a delivered alert's outbox row (a case's
card, or a digest quoting many posts), and the retention blanks each row once (its PURGED
mark), so its card is queued once, keyed "erase_card:<its outbox row>:purged". Within the
transaction of the batch that blanks it, so a dry run (rolled back) queues nothing and an
interrupted batch is queued again with its rows. The rows are read by the outbox's and the
deliveries' indexes, never by a LIKE on every key: a first run over a year's backlog meets
thousands of cards. A notice (a source stopped) names no one: its card is left as it is.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from mentiondesk.erased_cards import SLACK_REF, purged_key, rewrite_values
from mentiondesk.erasure_payloads import payload_json
from mentiondesk.models import DIGEST, NOTICE
from mentiondesk.outbox_lease import LeaseClock
from mentiondesk.tables import DELIVERY, OUTBOX, WAITING
from responders._slack_erased import KIND

_CHUNK = 500  # ids per query, well under SQLite's 999 bound parameters


def queue_purged(conn: Connection, outbox_ids: Sequence[int]) -> tuple[list[int], int]:
    """Queue the rewrite of each Slack card these actions (just blanked) posted; the ids of
    the delivered rewrites an erasure made of those cards, to blank too (a digest's held
    the other authors' lines, which the retention blanks now), and how many cards the
    outbox rewrites (an erasure's rewrite taken over included), for `store purge` to say."""
    cards: dict[str, Any] = {}  # by "channel:ts": two rows of one card, one rewrite
    for start in range(0, len(outbox_ids), _CHUNK):
        for row in _delivered(conn, outbox_ids[start : start + _CHUNK]):
            extra = payload_json(row.payload).get("extra") or {}
            if SLACK_REF.match(str(row.ref or "")) and not extra.get(NOTICE):
                cards.setdefault(row.ref, (row, bool(extra.get(DIGEST))))
    now, new, earlier = datetime.now(UTC), list[dict[str, object]](), list[int]()
    for ref, (card, digest) in cards.items():
        key = purged_key(card.id)
        values = rewrite_values(key, card.target, card.payload, ref, now, purged=True)
        # Only a digest's card can have a rewrite already: the alerts an erasure blanks it
        # marks, and the retention leaves those alone.
        if digest:
            earlier += _rewritten(conn, ref)
            if _took_over(conn, card.id, values):
                continue
        new.append(values)
    if new:
        conn.execute(sa.insert(OUTBOX), new)
    return earlier, len(cards)


def _delivered(conn: Connection, ids: Sequence[int]) -> Sequence[Any]:
    """The delivered alerts among `ids` and their receipts, in id order."""
    query = (
        sa.select(OUTBOX.c.id, OUTBOX.c.target, OUTBOX.c.payload, DELIVERY.c.ref)
        .join(DELIVERY, DELIVERY.c.outbox_id == OUTBOX.c.id)
        .where(OUTBOX.c.id.in_(list(ids)), OUTBOX.c.kind == "alert")
        .order_by(OUTBOX.c.id)
    )
    return conn.execute(query).all()


def _took_over(conn: Connection, outbox_id: int, values: dict[str, object]) -> bool:
    """Whether an erasure's rewrite of this card still waits: it then goes out as the
    retention's (one update of the card, not two). Not one a worker is sending this moment
    (it would send the card as it read it): a rewrite of the retention's follows that one.
    Found among the rows of no post, by that index."""
    lease = LeaseClock(postgres=conn.dialect.name == "postgresql", clock=lambda: datetime.now(UTC))
    waiting = sa.select(OUTBOX.c.id, OUTBOX.c.key).where(
        OUTBOX.c.platform == "",
        OUTBOX.c.external_id.is_(None),
        OUTBOX.c.status.in_(WAITING),
        OUTBOX.c.kind == KIND,
        OUTBOX.c.key.startswith(f"{KIND}:{outbox_id}:", autoescape=True),
        lease.free(OUTBOX.c.lease_until),
    )
    found = conn.execute(waiting.with_for_update()).all()
    data = payload_json(str(values["payload"]))
    for rewrite in found:  # its own key kept: the sink's idempotency key
        payload = json.dumps({**data, "key": rewrite.key}, ensure_ascii=False)
        conn.execute(sa.update(OUTBOX).where(OUTBOX.c.id == rewrite.id).values(payload=payload))
    return bool(found)


def _rewritten(conn: Connection, ref: str) -> list[int]:
    """The delivered rewrites of the card at `ref` (by the receipts' index)."""
    query = sa.select(DELIVERY.c.outbox_id).where(DELIVERY.c.ref == ref, DELIVERY.c.kind == KIND)
    return [int(i) for i in conn.scalars(query)]
