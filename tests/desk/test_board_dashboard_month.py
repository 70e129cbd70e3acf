"""The dashboard over a calendar month (?month=2025-10), as a board sees it: Lisbon's October
(summer time ends on its last Sunday), the cards, the summary sheet, the daily CSV and
`mentiondesk report --month` side by side, its reasons' trend on September."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer
from typer.testing import CliRunner

from mentiondesk.cli import app as cli
from mentiondesk.config import Config, load_config
from mentiondesk.store import Store
from mentiondesk.web import create_app
from tests.desk.conftest import Desk
from tests.desk.seed import dated_case, write_config

LISBON = 'timezone = "Europe/Lisbon"\nlanguage = "pt-PT"'
NOW = datetime.now(UTC).replace(microsecond=0)


@pytest.fixture
def config(tmp_path: Path, db_url: str) -> Config:
    return load_config(write_config(tmp_path, db_url, desk=LISBON))


@pytest.fixture
async def desk(config: Config, store: Store) -> AsyncIterator[Desk]:
    server = TestServer(create_app(config, store, clock=lambda: NOW))
    async with server, TestClient(server) as client:
        desk = Desk(client)
        assert await desk.login("manager") == 303
        yield desk


def _seed(store: Store) -> None:
    """October 2025 in Lisbon: three complaints, one of them 30 September 23:30 UTC (1 October
    00:30 there) and one 31 October 23:30 UTC (after summer time, still October); one the
    night after (November). September has two, 31 August one (not September's)."""
    for stamp in (
        "2025-09-30 23:30",
        "2025-10-15 10:00",
        "2025-10-31 23:30",
        "2025-11-01 00:30",
        "2025-09-15 10:00",
        "2025-09-29 22:30",
        "2025-08-31 10:00",
    ):
        opened = datetime.fromisoformat(stamp).replace(tzinfo=UTC)
        dated_case(store, opened, status="closed", ingested=True)


async def _text(desk: Desk, path: str) -> str:
    response = await desk.client.get(path, headers={"Accept-Language": "pt-PT"})
    assert response.status == 200
    return await response.text()


def _report(config: Config) -> dict[str, Any]:
    args = ["--config", str(config.path), "report", "--month", "2025-10", "--format", "json"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.output)
    return data


async def test_a_month_on_the_dashboard_is_the_reports_month(
    desk: Desk, config: Config, store: Store
) -> None:
    _seed(store)
    sheet = await _text(desk, "/dashboard/summary.csv?month=2025-10&format=data")
    figures = {row[0]: row[2] for row in csv.reader(io.StringIO(sheet.lstrip("\ufeff")))}
    assert (figures["period_first_day"], figures["period_last_day"]) == ("2025-10-01", "2025-10-31")
    assert figures["period_days"] == "31"
    assert figures["cases_opened"] == "3"
    # By hand: September's two; 31 August is in the 31 days before October, not in September.
    assert (figures["complaint_cases"], figures["complaint_previous_cases"]) == ("3", "2")
    report = _report(config)
    assert report["period"]["first_day"] == figures["period_first_day"]
    assert report["cases_total"] == int(figures["cases_opened"])
    assert report["complaint_cases"] == {"cases": 3, "previous_period": 2}

    page = await _text(desk, "/dashboard?month=2025-10")
    assert "01/10/2025 a 31/10/2025" in page
    assert "+50%" in page  # 3 against September's 2
    # Said as what it is compared with: the month before, not "as many days" before.
    assert "em relação ao mês anterior" in page
    assert "em relação ao período anterior" not in page
    assert 'href="/dashboard/summary.csv?month=2025-10"' in page
    assert 'href="/dashboard.csv?month=2025-10"' in page
    assert "legend-today" not in page  # a month over has no day under way

    daily = await _text(desk, "/dashboard.csv?month=2025-10&format=data")
    rows = list(csv.DictReader(io.StringIO(daily.lstrip("\ufeff"))))
    assert [(r["day"], r["total"]) for r in rows] == [
        ("2025-10-01", "1"),
        ("2025-10-15", "1"),
        ("2025-10-31", "1"),
    ]


async def test_a_month_not_yet_begun_is_the_last_days_as_without_it(
    desk: Desk, store: Store
) -> None:
    _seed(store)
    sheet = await _text(desk, f"/dashboard/summary.csv?month={NOW.year + 1}-01&format=data")
    figures = {row[0]: row[2] for row in csv.reader(io.StringIO(sheet.lstrip("\ufeff")))}
    assert figures["period_days"] == "30"
    page = await _text(desk, "/dashboard?month=2025-13")
    assert 'href="/dashboard/summary.csv?days=30"' in page
    assert 'id="dash-last-month"' in page
