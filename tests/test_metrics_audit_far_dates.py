"""A post whose app wrote an absurd date ("0001-01-01T00:00:00Z": Bluesky's createdAt is the
author's app's, a Mastodon server's clock is its own) opens its case then: once answered, its
wait in business hours must not stop the run summary, the report or the queue's figures."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa

from mentiondesk.business_hours import BusinessHours
from mentiondesk.business_week import same_shift_week
from mentiondesk.report import report
from mentiondesk.store import Store
from mentiondesk.tables import CASE
from tests.desk.seed import add

YEAR_ONE = datetime(1, 1, 1, tzinfo=UTC)
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def _hours(zone: str) -> BusinessHours:
    return BusinessHours(same_shift_week(frozenset(range(5)), (540, 1080)), ZoneInfo(zone))


@pytest.mark.parametrize("zone", ["America/Sao_Paulo", "Europe/Lisbon", "UTC", "Asia/Tokyo"])
def test_a_wait_from_year_one_is_counted_from_1970(zone: str) -> None:
    hours, answered = _hours(zone), datetime(2026, 12, 1, 12, tzinfo=UTC)
    since_1970 = hours.seconds_between(EPOCH, answered)
    assert since_1970 > 50 * 52 * 5 * 9 * 3600  # fifty years of working weeks, at least
    assert hours.seconds_between(YEAR_ONE, answered) == since_1970


def test_the_run_summary_counts_an_answered_case_opened_in_year_one(store: Store) -> None:
    now = datetime.now(UTC)
    add(store, "worst shop ever", platform="bluesky", ago=now - YEAR_ONE)
    _, recent, _ = add(store, "late again", ago=timedelta(hours=2))
    with store.engine.begin() as conn:
        conn.execute(sa.update(CASE).values(first_response_at=now))
    hours = _hours("America/Sao_Paulo")
    business = report(store, hours=hours)["first_response_business_hours"]
    assert business is not None and business["count"] == 2
    assert recent is not None
    assert report(store)["first_response"]["count"] == 2  # the clock's figures, as before
