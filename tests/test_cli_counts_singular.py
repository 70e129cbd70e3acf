"""A count of one reads in the singular in `cases list` and `report`: "1 follower", "1 of 1 case
that needed one" (the desk says so too), never "1 followers" or "1 cases"."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.console import Console

from mentiondesk.cli_report import print_report
from tests.helpers import COMPLAINT, mention, run_cli, write_config, write_mentions


def test_cases_list_says_1_follower(tmp_path: Path) -> None:
    samples = write_mentions(tmp_path / "m.jsonl", [mention(1, COMPLAINT, followers=1)])
    config = write_config(tmp_path, db_url="sqlite:///desk.db", samples=samples)
    assert run_cli(config, "run", "--once")[0] == 0
    code, shown = run_cli(config, "cases", "list")
    assert code == 0, shown
    assert "1 follower" in shown and "1 followers" not in shown, shown


def _data(**figures: Any) -> dict[str, Any]:
    """A report's JSON with nothing in it but `figures`."""
    data: dict[str, Any] = {
        "period": {"first_day": "2026-12-01", "last_day": "2026-12-07", "days": 7},
        "mentions": 1,
        "by_label": {},
        "by_topic": {},
        "first_response": None,
        "business_hours": None,
        "first_response_waiting": 0,
        "resolution_rate": 100.0,
        "csat": {"percent": None, "answers": 0, "small_sample": False},
        "nps": {"score": None, "answers": 0, "small_sample": False},
        "won_back": 0,
        "complaint_reasons": [],
        "previous_period_had_complaints": False,
    }
    data["period"]["timezone"] = "Europe/Lisbon"
    work = ("cases_open", "drafts_pending", "replies_sent", "alerts_sent", "tickets_opened")
    for key in (*work, "outbox_waiting", "outbox_held", "outbox_dropped", "cases_closed"):
        data[key] = 0
    return data | figures


def _printed(data: dict[str, Any]) -> str:
    console = Console(width=200, record=True)
    print_report(console, data, running=True)
    return console.export_text()


def test_report_resolution_rate_of_one_case_is_singular() -> None:
    shown = _printed(_data(cases_total=1, cases_resolved=1))
    assert "1 of 1 case that needed one" in shown, shown
    assert "1 of 2 cases that needed one" in _printed(_data(cases_total=2, cases_resolved=1))
