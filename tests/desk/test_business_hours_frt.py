"""First-response time in business hours beside the clock's: dashboard, queue, report."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from aiohttp.test_utils import TestClient, TestServer
from rich.console import Console

from mentiondesk.cli_render import print_summary
from mentiondesk.config import Config, load_config
from mentiondesk.period import days_from
from mentiondesk.report import period_report, report
from mentiondesk.store import Store
from mentiondesk.web import create_app
from mentiondesk.web.data_dash import load_dashboard
from tests.desk.conftest import Desk
from tests.desk.seed import dated_case, write_config
from tests.helpers import run_cli

Login = Callable[[str], Awaitable[Desk]]
SAO_PAULO = ZoneInfo("America/Sao_Paulo")
# Monday 23 Nov 2026, 11:00 in São Paulo; Friday the 20th was a holiday (Consciência Negra).
NOW = datetime(2026, 11, 23, 14, 0, tzinfo=UTC)
HOURS = """\
timezone = "America/Sao_Paulo"
business_hours = { days = "mon-fri", open = "09:00", close = "18:00", holidays = ["2026-11-20"] }
"""
PER_DAY = 'hours = { "mon-fri" = "08:00-18:00", sat = "09:00-13:00" }'


@pytest.fixture
def config(tmp_path: Path, db_url: str) -> Config:
    return load_config(write_config(tmp_path, db_url, desk=HOURS))


@pytest.fixture
async def server(config: Config, store: Store) -> AsyncIterator[TestServer]:
    async with TestServer(create_app(config, store, clock=lambda: NOW)) as server:
        yield server


def _local(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=SAO_PAULO).astimezone(UTC)  # type: ignore[misc]


def _seed(store: Store) -> None:
    """Four answered cases and one waiting. On the clock / in business hours:
    Tue 10:00 → 11:00: 1 h / 1 h; Fri 19:00 → Mon 09:30: 62.5 h / 30 min; Thu 17:00 before
    the Friday holiday → Mon 09:30: 88.5 h / 1.5 h; Mon 10:00 → 10:20: 20 min / 20 min."""
    dated_case(store, _local(2026, 11, 10, 10), _local(2026, 11, 10, 11))
    dated_case(store, _local(2026, 11, 13, 19), _local(2026, 11, 16, 9, 30))
    dated_case(store, _local(2026, 11, 19, 17), _local(2026, 11, 23, 9, 30))
    dated_case(store, _local(2026, 11, 23, 10), _local(2026, 11, 23, 10, 20))
    dated_case(store, _local(2026, 11, 21, 10), None)


def _period() -> Any:
    return days_from(date(2026, 11, 9), days=15, now=NOW, zone=SAO_PAULO)


def test_the_report_counts_both(config: Config, store: Store) -> None:
    _seed(store)
    data = period_report(store, _period(), now=NOW, zone=SAO_PAULO, hours=config.business_hours)
    assert data["first_response"]["p50_seconds"] == (3600 + 225_000) / 2  # the clock's
    assert data["business_hours"] == "Mon–Fri 09:00–18:00"
    assert data["first_response_business_hours"] == {
        "count": 4,
        "p50_seconds": 2700.0,  # (30 min + 1 h) / 2
        "p90_seconds": None,  # 4 answered: too few for a p90, as the text and the dashboard
        "mean_seconds": 3000.0,
    }
    # Without [desk] business_hours the keys are there, and null.
    plain = period_report(store, _period(), now=NOW, zone=SAO_PAULO)
    assert plain["business_hours"] is None and plain["first_response_business_hours"] is None
    assert list(plain) == list(data)


def test_the_report_command_prints_both(
    config: Config, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    _seed(store)
    monkeypatch.setenv("COLUMNS", "200")  # each row on a line
    code, output = run_cli(config.path, "report", "--since", "2026-11-09", "--days", "15")
    assert code == 0, output
    rows = {line.split("│")[1].strip(): line for line in output.splitlines() if "│" in line}
    assert "1d 8h" in rows["first response p50"]  # 114,300 s (31 h 45 min) rounded, as the desk
    assert "45m" in rows["p50 in business hours"]
    assert "first response, Mon–Fri 09:00–18:00" in rows["p90 in business hours"]
    assert "—" in rows["p90 in business hours"]  # 2 answered: too few, as the dashboard
    assert "too few for a p90 (shown from 10 on)" in rows["p90 in business hours"]  # says why


def test_the_run_summary_adds_the_median_in_business_hours(config: Config, store: Store) -> None:
    _seed(store)
    console = Console(record=True, width=100)
    print_summary(console, report(store, hours=config.business_hours), config, new=0)
    said = console.export_text()
    assert "in business hours     45m   (Mon–Fri 09:00–18:00)" in said
    assert "First response p50    1d 8h" in said  # as the dashboard's 1d 8h, not 31.8h
    console = Console(record=True, width=100)
    print_summary(console, report(store), config, new=0)
    assert "business hours" not in console.export_text()


def test_a_shift_per_day_reads_in_the_report_and_the_summary(
    tmp_path: Path, db_url: str, store: Store
) -> None:
    per_day = HOURS.replace('days = "mon-fri", open = "09:00", close = "18:00"', PER_DAY)
    path = write_config(tmp_path, db_url, desk=per_day)
    _seed(store)  # Saturday's four hours count now: 5.5 h and 6.5 h, not 30 and 90 min
    args = ("report", "--since", "2026-11-09", "--days", "15", "--format", "json")
    code, output = run_cli(path, *args)
    data = json.loads(output)
    assert code == 0 and data["business_hours"] == "Mon–Fri 08:00–18:00, Sat 09:00–13:00"
    assert data["first_response_business_hours"]["p50_seconds"] == (3600 + 19_800) / 2
    console = Console(record=True, width=100)
    hours = load_config(path).business_hours
    print_summary(console, report(store, hours=hours), load_config(path), new=0)
    assert "(Mon–Fri 08:00–18:00, Sat 09:00–13:00)" in console.export_text()


async def test_the_dashboard_shows_both(as_role: Login, store: Store) -> None:
    _seed(store)
    desk = await as_role("manager")
    page = await (await desk.client.get("/dashboard?days=30")).text()
    assert 'id="dash-frt-p50">1d 8h<' in page and 'id="dash-frt-p50-business">45m<' in page
    # Too few answered cases for a p90 (under 10): neither figure, the median's are enough.
    assert 'id="dash-frt-p90"><span aria-hidden="true">—<' in page
    assert "dash-frt-p90-business" not in page
    assert "in business hours (Mon–Fri 09:00–18:00)" in page
    headers = {"Accept-Language": "pt-BR"}
    page = await (await desk.client.get("/dashboard?days=30", headers=headers)).text()
    assert "em horário comercial (seg–sex 09:00–18:00)" in page
    assert "business hours" not in page


async def test_business_hours_are_counted_in_hours_not_days(as_role: Login, store: Store) -> None:
    # Tue 09:00 → Fri 12:00: 9 + 9 + 9 + 3 = 30 working hours, 75 on the clock. A working day
    # is 9 hours here, so "1d 6h" would read as 33 of them: business time stays in hours.
    case = dated_case(store, _local(2026, 11, 10, 9), _local(2026, 11, 13, 12))
    desk = await as_role("agent")
    page = await (await desk.client.get(f"/cases/{case}")).text()
    assert "3d 3h · <span" in page
    assert 'id="case-frt-business">30h 00m</span>' in page


async def test_the_queue_shows_both(as_role: Login, store: Store) -> None:
    _seed(store)  # answered in the last 24 h: 88.5 h / 1.5 h, and 20 min / 20 min
    desk = await as_role("agent")
    page = await (await desk.client.get("/queue")).text()
    assert 'id="kpi-frt">1d 20h<' in page and 'id="kpi-frt-business">55m<' in page
    assert "in business hours (Mon–Fri 09:00–18:00)" in page


async def test_the_case_page_shows_both(as_role: Login, store: Store) -> None:
    case = dated_case(store, _local(2026, 11, 13, 19), _local(2026, 11, 16, 9, 30))
    desk = await as_role("agent")
    page = await (await desk.client.get(f"/cases/{case}")).text()
    assert "2d 15h · <span" in page  # 62.5 h on the clock, rounded
    assert 'id="case-frt-business">30m</span> in business hours (Mon–Fri 09:00–18:00)' in page


async def test_without_business_hours_the_desk_shows_the_clock_only(
    config: Config, store: Store
) -> None:
    _seed(store)
    desk = config.settings.desk.model_copy(update={"business_hours": None})
    plain = dataclasses.replace(config, settings=config.settings.model_copy(update={"desk": desk}))
    data = load_dashboard(store, days=30, now=NOW, zone=SAO_PAULO, hours=plain.business_hours)
    assert data.first_response.business is None
    assert round(data.first_response.p50 or 0) == 114_300  # the clock's, as before
    app = create_app(plain, store, clock=lambda: NOW)
    async with TestServer(app) as server, TestClient(server) as client:
        assert await Desk(client).login("manager") == 303
        for path in ("/dashboard?days=30", "/queue", "/cases/2"):
            response = await client.get(path)
            page = await response.text()
            assert response.status == 200 and "business hours" not in page, path
            assert "-business" not in page
