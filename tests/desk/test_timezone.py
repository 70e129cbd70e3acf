"""[desk] timezone: the desk shows times and counts days where the team works."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from mentiondesk.config import Config, load_config
from mentiondesk.period import days_from
from mentiondesk.store import Store
from mentiondesk.web.data_dash import csv_rows, load_dashboard
from mentiondesk.web.i18n import ENGLISH, PORTUGUESE
from tests.desk.conftest import Desk
from tests.desk.seed import dated_case, write_config
from tests.helpers import run_cli

Login = Callable[[str], Awaitable[Desk]]
SAO_PAULO = ZoneInfo("America/Sao_Paulo")  # UTC−3, no summer time since 2019
LISBON = ZoneInfo("Europe/Lisbon")  # summer time from 29 March 2026, 01:00 UTC


def test_days_are_the_teams_days(store: Store) -> None:
    # 12 Nov 12:00 in São Paulo. 01:00 UTC on the 12th is 22:00 on the 11th there; 02:00 UTC
    # on the 6th is 23:00 on the 5th, before the 7-day chart's first day (the 6th).
    now = datetime(2026, 11, 12, 15, 0, tzinfo=UTC)
    for at in (datetime(2026, 11, 12, 1, 0, tzinfo=UTC), datetime(2026, 11, 6, 2, 0, tzinfo=UTC)):
        dated_case(store, at)
    data = load_dashboard(store, days=7, now=now, zone=SAO_PAULO)
    assert data.since == datetime(2026, 11, 6, 3, 0, tzinfo=UTC)  # midnight in São Paulo
    assert data.days_list()[0] == "2026-11-06" and list(data.by_day) == ["2026-11-11"]
    assert data.cases_opened == 1
    assert [row[0] for row in csv_rows(store, days=7, now=now, zone=SAO_PAULO)[1:]] == [
        "2026-11-11"
    ]
    in_utc = load_dashboard(store, days=7, now=now)  # the default: both are in, on UTC days
    assert sorted(in_utc.by_day) == ["2026-11-06", "2026-11-12"]


def test_times_read_in_the_desks_zone() -> None:
    at = datetime(2026, 12, 1, 1, 30, tzinfo=UTC)
    assert ENGLISH.when(at) == "2026-12-01 01:30 UTC"
    assert replace(PORTUGUESE, zone=SAO_PAULO).when(at) == "30/11/2026 22:30 UTC\u22123"


@pytest.mark.parametrize(
    ("zone", "winter", "summer"),
    [
        # tzdata has no abbreviation for these, only "-03", "-01", "+00", "+0530", "+0545".
        ("America/Sao_Paulo", "UTC\u22123", "UTC\u22123"),
        ("Atlantic/Azores", "UTC\u22121", "UTC"),
        ("Asia/Colombo", "UTC+5:30", "UTC+5:30"),
        ("Asia/Kathmandu", "UTC+5:45", "UTC+5:45"),
        # Real abbreviations stay.
        ("Europe/Lisbon", "WET", "WEST"),
        ("Europe/London", "GMT", "BST"),
        ("America/New_York", "EST", "EDT"),
        ("Asia/Kolkata", "IST", "IST"),
    ],
)
def test_a_zone_without_an_abbreviation_reads_as_an_offset(
    zone: str, winter: str, summer: str
) -> None:
    desk = replace(PORTUGUESE, zone=ZoneInfo(zone))
    assert desk.when(datetime(2026, 1, 15, 12, 0, tzinfo=UTC)).endswith(f" {winter}")
    assert desk.when(datetime(2026, 7, 15, 12, 0, tzinfo=UTC)).endswith(f" {summer}")


@pytest.fixture
def config(tmp_path: Path, db_url: str) -> Config:
    """The desk fixtures' config, for a team in São Paulo."""
    return load_config(write_config(tmp_path, db_url, desk='timezone = "America/Sao_Paulo"'))


async def test_the_case_page_shows_the_teams_time(as_role: Login, store: Store) -> None:
    desk = await as_role("agent")
    dated_case(store, datetime(2026, 12, 1, 1, 30, tzinfo=UTC))
    page = await (await desk.client.get("/cases/1")).text()
    assert "2026-11-30 22:30 UTC\u22123" in page and "01:30 UTC" not in page
    assert " -03" not in page


def test_an_unknown_zone_stops_start_up_naming_the_key(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('[brand]\nname = "L"\n[desk]\ntimezone = "America/Sao_Pablo"\n')
    code, output = run_cli(path, "check-config")
    assert code == 2 and "desk.timezone" in output and '"America/Sao_Paulo"' in output


def test_days_start_on_the_half_hour_where_the_team_works(store: Store) -> None:
    # Kolkata is UTC+5:30: 18:20 UTC on the 11th is 23:50 there, 18:40 UTC is 00:10 on the 12th.
    kolkata = ZoneInfo("Asia/Kolkata")
    now = datetime(2026, 11, 12, 12, 0, tzinfo=UTC)
    for at in (datetime(2026, 11, 11, 18, 20, tzinfo=UTC), datetime(2026, 11, 11, 18, 40)):
        dated_case(store, at.replace(tzinfo=UTC))
    data = load_dashboard(store, days=7, now=now, zone=kolkata)
    days = {day: sum(labels.values()) for day, labels in data.by_day.items()}
    assert days == {"2026-11-11": 1, "2026-11-12": 1}
    # Kathmandu is UTC+5:45: 18:14 UTC is 23:59 there, 18:15 UTC midnight.
    dated_case(store, datetime(2026, 11, 10, 18, 14, tzinfo=UTC))
    dated_case(store, datetime(2026, 11, 10, 18, 15, tzinfo=UTC))
    data = load_dashboard(store, days=7, now=now, zone=ZoneInfo("Asia/Kathmandu"))
    days = {day: sum(labels.values()) for day, labels in data.by_day.items()}
    assert days == {"2026-11-10": 1, "2026-11-11": 1, "2026-11-12": 2}


def test_the_previous_period_is_as_long_across_a_change_to_summer_time(store: Store) -> None:
    # Monday 6 April, 13:00 in Lisbon: the 7 days began on 31 March at 00:00 (WEST), 23:00
    # UTC on the 30th, 6 d 13 h ago. As long before that is 24 March, 10:00 UTC (and WET);
    # on the wall clock, across the change, it was 11:00, and 10:30's complaint fell out.
    now = datetime(2026, 4, 6, 12, 0, tzinfo=UTC)
    dated_case(store, datetime(2026, 3, 24, 10, 30, tzinfo=UTC))
    dated_case(store, datetime(2026, 3, 24, 9, 30, tzinfo=UTC))  # before it: in no period
    data = load_dashboard(store, days=7, now=now, zone=LISBON)
    assert data.reasons == [("delivery", 0, 1)]
    # Closed whole days stay whole days: 31 March to 2 April follows 28 to 30 March.
    closed = days_from(date(2026, 3, 31), days=3, now=now, zone=LISBON)
    assert closed.previous_since(closed.span(now)) == datetime(2026, 3, 28, tzinfo=LISBON)


@pytest.mark.parametrize("name", ["WET", "CET", "EET", "MET"])
def test_a_zone_named_like_an_abbreviation_counts_days_as_the_zone_does(
    store: Store, name: str
) -> None:
    # "WET" is a zone with summer time (Lisbon's rules); PostgreSQL reads the same string as
    # the fixed abbreviation (UTC+0), and counted an 00:30 post in summer on the day before.
    zone = ZoneInfo(name)
    now = datetime(2026, 7, 7, 12, 0, tzinfo=UTC)
    at = datetime(2026, 7, 2, 0, 30, tzinfo=zone).astimezone(UTC)  # 00:30 local on 2 July
    dated_case(store, at)
    data = load_dashboard(store, days=7, now=now, zone=zone)
    assert list(data.by_day) == ["2026-07-02"]
    assert [row[0] for row in csv_rows(store, days=7, now=now, zone=zone)[1:]] == ["2026-07-02"]
