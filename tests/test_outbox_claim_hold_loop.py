"""A claim whose whole batch was held for want of a ticket takes the next batch, and the next,
in a loop: it called itself again for each, one stack frame more per batch held, so enough
follow-ups held in a row (a case with many, its ticket dropped) ended the worker's claim in
a RecursionError. On PostgreSQL, with the stack cut short so that 200 batches reach it."""

from __future__ import annotations

import inspect
import sys
from dataclasses import replace
from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from mentiondesk.audit_trail import OUTBOX_WORKER
from mentiondesk.outbox_payload import outbox_row
from mentiondesk.outbox_ticket_wait import STRANDED
from mentiondesk.store import Store
from mentiondesk.tables import AUDIT, OUTBOX
from tests.responders._data import action
from tests.test_outbox_claim_hold_audit import claim_due, queue_follow_up, stranded_case

pytestmark = pytest.mark.postgres
HELD = 200  # follow-ups held in a row, one a batch
ROOM = 150  # frames a claim may use above its caller's: a few dozen are SQLAlchemy's


def test_many_batches_held_in_a_row_do_not_grow_the_stack(pg_store: Store) -> None:
    case_id, _ = stranded_case(pg_store)
    with pg_store.engine.begin() as conn:  # the case's alert sent: only the follow-ups due
        conn.execute(sa.update(OUTBOX).where(OUTBOX.c.kind != "ticket").values(status="done"))
    comments = [queue_follow_up(pg_store, case_id, n) for n in range(2, 2 + HELD)]
    alert = replace(action(kind="alert", target="console"), key="alert:console:x:m9")
    with pg_store.engine.begin() as conn:  # due after them all: the claim must reach it
        row = outbox_row(alert, None, datetime.now(UTC))
        last = int(conn.execute(sa.insert(OUTBOX).values(row).returning(OUTBOX.c.id)).scalar_one())
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(len(inspect.stack(0)) + ROOM)
    try:
        got = claim_due(pg_store, batch_size=1)
    finally:
        sys.setrecursionlimit(limit)
    assert got == [last]  # before: RecursionError after some hundred batches held
    with pg_store.engine.connect() as conn:
        held = conn.scalars(
            sa.select(OUTBOX.c.id).where(OUTBOX.c.status == "held").order_by(OUTBOX.c.id)
        ).all()
        lines = conn.scalar(
            sa.select(sa.func.count()).where(
                AUDIT.c.action == STRANDED, AUDIT.c.actor == OUTBOX_WORKER
            )
        )
    assert list(held) == comments and lines == HELD
