"""`report --format json` over a live store: a case opened while it counts must not leave its
case figures disagreeing with each other (the text's "1 of 2 cases" beside a rate of 1 of 1)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa

from mentiondesk.period import last_days
from mentiondesk.queue import close_case
from mentiondesk.report import period_report
from mentiondesk.store import Store
from tests.desk.seed import add


def test_the_case_figures_come_from_one_count(store: Store) -> None:
    _, case, _ = add(store, "late again", ago=timedelta(hours=3))
    assert case is not None
    close_case(store, case, by="manager", status="resolved")
    opened: list[int | None] = []

    def a_case_opens_meanwhile(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        if 'GROUP BY "case".status' in statement and not opened:
            opened.append(add(store, "where is it", ago=timedelta(minutes=1))[1])

    now = datetime.now(UTC)
    sa.event.listen(store.engine, "after_cursor_execute", a_case_opens_meanwhile)
    try:
        data = period_report(store, last_days(now, 7, UTC), now=now, zone=UTC)
    finally:
        sa.event.remove(store.engine, "after_cursor_execute", a_case_opens_meanwhile)
    assert opened and opened[0] is not None  # it did open, in the middle of the count
    needed = data["cases_total"] - data["cases_closed"]
    assert data["resolution_rate"] == round(data["cases_resolved"] / needed * 100, 1)
    open_ = data["cases_total"] - data["cases_resolved"] - data["cases_closed"]
    assert data["cases_open"] == open_
