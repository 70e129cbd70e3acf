"""The dashboard's case counts come from one pass over the period's cases, and say what the
tables say (checked against hand SQL) on both backends."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa

from mentiondesk.metrics import awaiting_reply
from mentiondesk.period import last_days
from mentiondesk.store import Store
from mentiondesk.tables import CASE
from mentiondesk.web.data_dash import load_dashboard
from tests.desk.seed import add

# (status, answered): each kind of case the counts tell apart, an open one answered too.
CASES = [
    ("open", False), ("open", False), ("open", True), ("resolved", True),
    ("resolved", True), ("resolved", False), ("closed", False), ("closed", True),
]  # fmt: skip


def _seed(store: Store, now: datetime) -> None:
    for i, (status, answered) in enumerate(CASES):
        _, case, _ = add(store, "late again", ago=timedelta(days=1, hours=i), draft=None)
        opened = now - timedelta(days=1, hours=i)
        values: dict[str, Any] = {"status": status, "opened_at": opened}
        if answered:
            values["first_response_at"] = opened + timedelta(minutes=30)
        with store.engine.begin() as conn:
            conn.execute(sa.update(CASE).where(CASE.c.id == case).values(**values))
    # Before the period: counted nowhere.
    add(store, "late again", ago=timedelta(days=20), draft=None)


def test_case_counts_match_the_tables_in_one_pass(store: Store) -> None:
    now = datetime.now(UTC)
    _seed(store, now)
    period = last_days(now, 7)
    with store.engine.connect() as conn:
        by_status = dict(
            conn.execute(
                sa.select(CASE.c.status, sa.func.count())
                .where(CASE.c.opened_at >= period.since)
                .group_by(CASE.c.status)
            ).all()
        )
        waiting = awaiting_reply(conn, period)
    statements: list[str] = []

    def seen(_c: Any, _cur: Any, statement: str, *_: Any) -> None:
        statements.append(statement)

    sa.event.listen(store.engine, "before_cursor_execute", seen)
    try:
        data = load_dashboard(store, days=7, now=now)
    finally:
        sa.event.remove(store.engine, "before_cursor_execute", seen)
    assert by_status == {"open": 3, "resolved": 3, "closed": 2}
    assert (data.cases_opened, data.cases_resolved, data.cases_closed) == (8, 3, 2)
    assert waiting == 2
    assert data.first_response.waiting == waiting
    assert data.first_response.count == 4
    # Statuses and the cases still waiting for a reply are counted in the same statement:
    # no statement of the dashboard counts open unanswered cases on their own.
    alone = [
        s
        for s in statements
        if s.lstrip().upper().startswith("SELECT COUNT(*)") and "first_response_at IS NULL" in s
    ]
    assert alone == []
