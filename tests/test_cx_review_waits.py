"""First-response waits with several hosts: a case opened by one worker and answered through
another whose clock is a little behind reads as answered at once, never as a negative wait."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from mentiondesk.report import report
from mentiondesk.store import Store
from mentiondesk.tables import CASE
from tests.desk.seed import add


def _answered_after(store: Store, wait: timedelta) -> None:
    _, case, _ = add(store, "late again", ago=timedelta(hours=1))
    with store.engine.begin() as conn:
        opened = conn.scalar(sa.select(CASE.c.opened_at).where(CASE.c.id == case))
        reply = opened + wait
        conn.execute(sa.update(CASE).where(CASE.c.id == case).values(first_response_at=reply))


def test_a_reply_stamped_before_its_case_opened_waited_none(store: Store) -> None:
    _answered_after(store, timedelta(seconds=-90))  # the outbox host's clock 90 s behind
    _answered_after(store, timedelta(minutes=10))
    waits = report(store)["first_response"]
    assert waits["count"] == 2
    assert waits["p50_seconds"] == 300.0  # halfway between 0 and 600, not 255
    assert waits["mean_seconds"] == 300.0
