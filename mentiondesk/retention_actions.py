"""What the retention blanks of delivered actions: the copy of the case in an alert, a
ticket or a reply, and what their delivery's record says of the author."""

from __future__ import annotations

import json
from collections import Counter
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from mentiondesk.erasure_payloads import ERASED, payload_json, unname_deliveries, without_copy
from mentiondesk.models import PURGED_BY_RETENTION
from mentiondesk.outbox_payload import post_key
from mentiondesk.retention_cards import queue_purged
from mentiondesk.tables import DELIVERY, FINISHED, OUTBOX

PURGED = PURGED_BY_RETENTION


def unname_marked(conn: Connection) -> None:
    """The delivery records of actions blanked before blanking reached them (earlier
    releases): a reply's link (Reddit's holds the post's title) and a handle in a Reddit
    message's ref. Idempotent, and cheap once done: only records still holding either."""
    marked = sa.select(OUTBOX.c.id).where(OUTBOX.c.last_error.in_((PURGED, ERASED)))
    holding = sa.or_(
        sa.and_(DELIVERY.c.kind == "post", DELIVERY.c.url.is_not(None)),
        DELIVERY.c.ref.startswith("message:"),
    )
    ids = conn.scalars(
        sa.select(DELIVERY.c.outbox_id).where(holding, DELIVERY.c.outbox_id.in_(marked))
    )
    unname_deliveries(conn, [int(i) for i in ids])


def blank_actions(conn: Connection, where: Any) -> Counter[str]:
    """Blank the copy of the case in these finished actions (delivered or dropped), marked
    PURGED in `last_error` (a dropped one's "dropped by …" goes: its audit line keeps it).
    The Slack cards they posted are queued to be rewritten (retention_cards), and the
    delivered rewrites of those cards that copied others' digest lines are blanked too.
    The counts: "outbox" (actions blanked), "cards" (Slack cards to rewrite)."""
    blanked = _blank(conn, where)
    earlier, cards = queue_purged(conn, blanked)
    again = len(_blank(conn, OUTBOX.c.id.in_(earlier))) if earlier else 0
    return Counter(outbox=len(blanked) + again, cards=cards)


def _blank(conn: Connection, where: Any) -> list[int]:
    """Blank these actions (as blank_actions says); their ids."""
    rows = conn.execute(sa.select(OUTBOX.c.id, OUTBOX.c.payload).where(where, _unblanked())).all()
    for row in rows:
        payload = json.dumps(without_copy(payload_json(row.payload)), ensure_ascii=False)
        conn.execute(
            sa.update(OUTBOX)
            .where(OUTBOX.c.id == row.id)
            .values(payload=payload, last_error=PURGED)
        )
    unname_deliveries(conn, [row.id for row in rows])
    return [row.id for row in rows]


def _unblanked() -> Any:
    """SQL on OUTBOX: not blanked yet, by a purge or by an erasure on request (which the
    figures already leave out: counted again, and its mark overwritten, before)."""
    return sa.or_(OUTBOX.c.last_error.is_(None), OUTBOX.c.last_error.not_in((PURGED, ERASED)))


def loose_actions(cutoff: datetime) -> Any:
    """SQL on OUTBOX: delivered (or dropped) before `cutoff`, of no case and no draft (alerts
    on posts that opened none, digests), not blanked yet. A reply goes with its draft's post
    or case."""
    return sa.and_(
        OUTBOX.c.case_id.is_(None),
        ~OUTBOX.c.key.startswith(post_key(0).removesuffix("0"), autoescape=True),
        OUTBOX.c.status.in_(FINISHED),
        OUTBOX.c.created_at < cutoff,
        _unblanked(),
    )


def late_alerts(posts: Any, cutoff: datetime) -> Any:
    """SQL on OUTBOX: delivered (or dropped) actions of no case naming one of `posts` (a
    subquery of platform and external id), written since `cutoff`: the alerts of a post read
    late (a backfill, a purge of fewer days), blanked with it. The older ones are
    loose_actions' (a dry run would count them twice). By the post columns' index."""
    return sa.and_(
        sa.tuple_(OUTBOX.c.platform, OUTBOX.c.external_id).in_(posts),
        OUTBOX.c.case_id.is_(None),
        OUTBOX.c.status.in_(FINISHED),
        OUTBOX.c.created_at >= cutoff,
    )
