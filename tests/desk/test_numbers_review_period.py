"""A month's numbers in [desk] timezone (São Paulo), not UTC: cases, answers and first
responses on either side of midnight, a holiday and a weekend in business hours, the
resolution rate without closed cases, and NPS/CSAT from each case's latest answer."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa

from mentiondesk.config import Config, load_config
from mentiondesk.period import days_from
from mentiondesk.report import period_report
from mentiondesk.store import Store
from mentiondesk.tables import SURVEY
from tests.desk.seed import dated_case, write_config

SAO_PAULO = ZoneInfo("America/Sao_Paulo")
NOW = datetime(2026, 12, 2, 15, tzinfo=UTC)
HOURS = """\
timezone = "America/Sao_Paulo"
business_hours = { days = "mon-fri", open = "09:00", close = "18:00", holidays = ["2026-11-20"] }
"""


@pytest.fixture
def config(tmp_path: Path, db_url: str) -> Config:
    return load_config(write_config(tmp_path, db_url, desk=HOURS))


def _local(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=SAO_PAULO).astimezone(UTC)


def _case(store: Store, opened: datetime, answered: datetime | None, status: str) -> int:
    return dated_case(store, opened, answered, status=status, ingested=True)


def _answer(store: Store, case: int, kind: str, score: int, at: datetime) -> None:
    with store.engine.begin() as conn:
        values = {"case_id": case, "kind": kind, "score": score, "answered_at": at}
        conn.execute(sa.insert(SURVEY).values(values))


def test_november_in_sao_paulo(config: Config, store: Store) -> None:
    # 31 Oct 23:30 in São Paulo is 1 Nov in UTC: October's, as is its answer.
    october = _case(store, _local(2026, 10, 31, 23, 30), _local(2026, 11, 3, 9, 30), "resolved")
    _answer(store, october, "csat", 1, _local(2026, 10, 31, 22))
    _case(store, _local(2026, 11, 30, 22), None, "closed")  # 1 Dec in UTC: November's
    # Thursday 17:00 before Friday's holiday, answered Monday 09:30: 88.5 h, 1.5 business h.
    holiday = _case(store, _local(2026, 11, 19, 17), _local(2026, 11, 23, 9, 30), "resolved")
    plain = _case(store, _local(2026, 11, 10, 10), _local(2026, 11, 10, 11), "open")
    _answer(store, holiday, "nps", 3, _local(2026, 11, 24))
    _answer(store, plain, "nps", 10, _local(2026, 11, 24))
    _answer(store, plain, "nps", 0, _local(2026, 11, 25))  # replaces the 10: all detractors
    _answer(store, holiday, "csat", 5, _local(2026, 11, 30, 22))  # 1 Dec in UTC
    period = days_from(date(2026, 11, 1), days=30, now=NOW, zone=SAO_PAULO)
    data = period_report(store, period, now=NOW, zone=SAO_PAULO, hours=config.business_hours)
    assert (data["cases_total"], data["cases_resolved"], data["cases_closed"]) == (3, 1, 1)
    assert data["resolution_rate"] == 50.0  # 1 of the 2 that needed one; the open one counts
    assert data["first_response"]["p50_seconds"] == (318_600 + 3600) / 2
    assert data["first_response"]["p90_seconds"] is None  # 2 answered: too few
    assert data["first_response_business_hours"]["p50_seconds"] == (5400 + 3600) / 2
    assert data["csat"] == {"percent": 100.0, "shown": 100, "answers": 1, "small_sample": True}
    assert data["nps"] == {"score": -100.0, "shown": -100, "answers": 2, "small_sample": True}
