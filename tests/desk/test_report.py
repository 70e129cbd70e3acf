"""`mentiondesk report` over a period: the dashboard's calendar days, on both stores."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from typer.testing import CliRunner

from mentiondesk.cli import app as cli
from mentiondesk.config import Config
from mentiondesk.store import Store
from mentiondesk.web.period import days_from
from tests.desk.seed import add


def _report(config: Config, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["--config", str(config.path), "report", *args])
    return result.exit_code, result.output


def _json(config: Config, *args: str) -> dict[str, Any]:
    code, output = _report(config, "--format", "json", *args)
    assert code == 0, output
    data: dict[str, Any] = json.loads(output)
    return data


def test_report_covers_the_dashboards_last_30_days_unless_told(
    config: Config, store: Store
) -> None:
    add(store, "late again", ago=timedelta(days=40))
    add(store, "still late", ago=timedelta(days=10))
    add(store, "where is it", ago=timedelta(days=1))
    today = datetime.now(UTC).date()
    data = _json(config)
    assert data["period"] == {
        "first_day": (today - timedelta(days=29)).isoformat(),
        "last_day": today.isoformat(),
        "days": 30,
        "timezone": "UTC",
    }
    assert (data["mentions"], data["cases_total"], data["by_label"]["negative"]) == (2, 2, 2)
    assert _json(config, "--days", "7")["mentions"] == 1
    assert _json(config, "--since", (today - timedelta(days=45)).isoformat())["mentions"] == 3


def test_since_with_days_is_a_closed_window(config: Config, store: Store) -> None:
    # 12 to 8 days ago: the complaint of 10 days ago, not the ones before or after.
    for days in (15, 10, 1):
        add(store, "late again", ago=timedelta(days=days))
    first = datetime.now(UTC).date() - timedelta(days=12)
    data = _json(config, "--since", first.isoformat(), "--days", "5")
    assert (data["period"]["first_day"], data["period"]["days"]) == (first.isoformat(), 5)
    assert (data["mentions"], data["cases_total"], data["drafts_pending"]) == (1, 1, 0)


def test_a_first_day_after_today_is_refused(config: Config, store: Store) -> None:
    tomorrow = datetime.now(UTC).date() + timedelta(days=1)
    code, output = _report(config, "--since", tomorrow.isoformat())
    assert code == 2 and "is after today" in output


def test_a_period_is_whole_days_in_the_desks_zone_and_never_past_today() -> None:
    zone = ZoneInfo("America/Sao_Paulo")
    now = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)  # still 30 November in São Paulo
    running = days_from(date(2026, 11, 20), days=30, now=now, zone=zone)
    assert (running.last_day, running.days, running.until) == (date(2026, 11, 30), 11, None)
    october = days_from(date(2026, 10, 1), days=31, now=now, zone=zone)
    assert october.since == datetime(2026, 10, 1, 3, 0, tzinfo=UTC)  # midnight there
    assert october.until == datetime(2026, 11, 1, 3, 0, tzinfo=UTC)


def test_report_text_heads_with_its_days(config: Config, store: Store) -> None:
    add(store, "late again", ago=timedelta(days=45))
    first = datetime.now(UTC).date() - timedelta(days=50)
    last = first + timedelta(days=9)
    code, output = _report(config, "--since", first.isoformat(), "--days", "10")
    assert code == 0, output
    assert f"mentiondesk report · {first} to {last}\n{first} – {last}, 10 days in UTC" in output
    assert "│ mentions │ 1 │" in " ".join(output.split())
