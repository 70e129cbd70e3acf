"""The Playbooks page's "last 7 days" are the dashboard's: the calendar days up to today in
the desk's time zone. It counted the last 168 hours, so a case opened on the eighth day back
showed on the Playbooks page (135 cases) and not on the dashboard's 7 days (121)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from mentiondesk.period import last_days
from mentiondesk.store import Store
from mentiondesk.tables import CASE, DRAFT
from mentiondesk.web.data_dash import load_dashboard
from mentiondesk.web.data_rules import fired_this_week
from tests.desk.seed import add


def _opened(store: Store, case: int, at: datetime) -> None:
    with store.engine.begin() as conn:
        conn.execute(sa.update(CASE).where(CASE.c.id == case).values(opened_at=at))
        conn.execute(sa.update(DRAFT).where(DRAFT.c.case_id == case).values(created_at=at))


def test_the_rules_count_the_cases_the_dashboard_counts(store: Store) -> None:
    now = datetime.now(UTC).replace(hour=12, minute=0, second=0, microsecond=0)
    start = last_days(now, 7, UTC).since
    for at in (start + timedelta(hours=1), start - timedelta(hours=1)):  # the second: 6.5 d ago
        _, case, _ = add(store, "where is my order")
        assert case
        _opened(store, case, at)
    dashboard = load_dashboard(store, days=7, now=now)
    fired = fired_this_week(store, now=now)
    assert fired["complaint"]["cases"] == dashboard.cases_opened == 1
    assert fired["complaint"]["drafts"] == 1
