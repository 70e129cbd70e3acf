"""`mentiondesk report` over a period: the dashboard's figures, from a terminal, on both stores."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from mentiondesk.cli import app as cli
from mentiondesk.config import Config
from mentiondesk.period import days_from, last_days
from mentiondesk.queue import close_case
from mentiondesk.report import period_report
from mentiondesk.store import Store
from mentiondesk.tables import CASE, SURVEY
from tests.desk.seed import add


def _report(config: Config, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["--config", str(config.path), "report", *args])
    return result.exit_code, result.output


def _json(config: Config, *args: str) -> dict[str, Any]:
    code, output = _report(config, "--format", "json", *args)
    assert code == 0, output
    data: dict[str, Any] = json.loads(output)
    return data


def _answer(store: Store, case: int | None, minutes: int) -> None:
    with store.engine.begin() as conn:
        opened = conn.scalar(sa.select(CASE.c.opened_at).where(CASE.c.id == case))
        reply = opened + timedelta(minutes=minutes)
        conn.execute(sa.update(CASE).where(CASE.c.id == case).values(first_response_at=reply))


def _survey(store: Store, answers: list[tuple[str, int]]) -> None:
    with store.engine.begin() as conn:
        conn.execute(sa.insert(SURVEY), [{"kind": k, "score": s} for k, s in answers])


def _seed_a_month(store: Store) -> None:
    """Three cases this month (one answered in 2 minutes and closed without resolution, one in
    4 and resolved, one waiting), Maria's three posts about one late order among them, and five
    survey answers."""
    _, closed, _ = add(store, "parcel lost", ago=timedelta(days=3))
    _, answered, _ = add(store, "no refund yet", reason="refund_payment", ago=timedelta(days=2))
    for text in ("late again", "still nothing", "where is it??"):
        add(store, text, handle="maria", ago=timedelta(hours=5))
    _answer(store, closed, 2)
    _answer(store, answered, 4)
    assert closed is not None and answered is not None
    close_case(store, closed, by="manager")
    close_case(store, answered, by="manager", status="resolved")
    _survey(store, [("csat", 5), ("csat", 2), ("nps", 10), ("nps", 9), ("nps", 3)])


def test_report_gives_the_dashboards_numbers(config: Config, store: Store) -> None:
    _seed_a_month(store)
    data = _json(config)
    assert data["first_response"]["count"] == 2 and data["first_response"]["p50_seconds"] == 180
    assert data["first_response_waiting"] == 1  # Maria's case: nobody has answered it
    # The closed case needed no resolution: 1 resolved of the 2 that did, the closed one beside.
    cases = ("cases_total", "cases_resolved", "cases_closed", "resolution_rate")
    assert tuple(data[k] for k in cases) == (3, 1, 1, 50.0)
    assert data["csat"] == {"percent": 50.0, "shown": 50, "answers": 2, "small_sample": True}
    assert data["nps"] == {"score": 33.3, "shown": 33, "answers": 3, "small_sample": True}
    assert data["complaint_reasons"] == [  # Maria's three posts are one delivery case
        {"reason": "delivery", "cases": 2, "previous_period": 0},
        {"reason": "refund_payment", "cases": 1, "previous_period": 0},
    ]


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
    assert data["complaint_reasons"] == [{"reason": "delivery", "cases": 1, "previous_period": 1}]


def test_report_keys_are_the_same_with_nothing_to_count(config: Config, store: Store) -> None:
    empty = _json(config)
    _seed_a_month(store)
    assert list(empty) == list(_json(config))
    assert empty["csat"] == {"percent": None, "shown": None, "answers": 0, "small_sample": False}
    assert (empty["resolution_rate"], empty["first_response"], empty["complaint_reasons"]) == (
        None,
        None,
        [],
    )


def test_report_json_has_no_p90_from_too_few_answers_as_the_text(
    config: Config, store: Store
) -> None:
    """2 answered cases: the text shows "—" for the p90; the JSON null, beside the count."""
    _seed_a_month(store)
    first = _json(config, "--days", "7")["first_response"]
    assert first["count"] == 2 and first["p50_seconds"] and first["p90_seconds"] is None


def test_report_text_names_the_period_and_the_figures(config: Config, store: Store) -> None:
    _seed_a_month(store)
    add(store, "meh", label="neutral", topics=("[red]odd[/red]",), case=False, draft=None)
    code, output = _report(config, "--days", "7")
    assert code == 0, output
    text = " ".join(output.split())  # the tables' cells, whatever their widths
    assert "mentiondesk report · last 7 days" in text and "cases opened │ 3 │" in text
    assert "first response p50 │ 3m │ 2 answered" in text
    # As the dashboard's "—": no p90 from 2 answered cases (the slowest 1 in 10 of 2).
    assert "first response p90 │ — │ 2 answered; too few for a p90" in text
    assert "resolution rate │ 50% │ 1 of 2 cases that needed one" in text
    assert "closed without resolution │ 1 │ spam, duplicate, no answer; not in rate" in text
    assert "CSAT (4–5 of 5) │ 50% │ 2 answers · small sample" in text
    assert "NPS │ +33 │ 3 answers · small sample" in text
    # Nothing came before this week: no reason is "new", as on the dashboard.
    assert "│ delivery │ 2 │ 0 │ — │" in text and "│ refund/payment │ 1 │" in text
    assert "topic: [red]odd[/red]" in text  # printed as written, not as markup


def test_a_reason_is_new_only_beside_an_earlier_complaint(config: Config, store: Store) -> None:
    add(store, "charged twice", reason="refund_payment", ago=timedelta(days=10))
    add(store, "late again")
    code, output = _report(config, "--days", "7")
    text = " ".join(output.split())
    assert code == 0 and "│ delivery │ 1 │ 0 │ new │" in text, output
    assert "│ refund/payment │ 0 │ 1 │ -100% │" in text
    assert _json(config, "--days", "7")["previous_period_had_complaints"] is True
    assert _json(config, "--days", "3")["previous_period_had_complaints"] is False


def test_a_first_day_after_today_is_refused(config: Config, store: Store) -> None:
    tomorrow = datetime.now(UTC).date() + timedelta(days=1)
    code, output = _report(config, "--since", tomorrow.isoformat())
    assert code == 2 and "is after today" in output


@pytest.mark.parametrize("day", ["10/20/2026", "2026-02-30", "yesterday"])  # 10/20: month first
def test_a_day_not_written_as_yyyy_mm_dd_is_refused_in_words(config: Config, day: str) -> None:
    code, output = _report(config, "--since", day)
    text = " ".join(output.replace("│", " ").split())  # the error box wraps the line
    assert code == 2 and "write the day as YYYY-MM-DD, e.g. 2026-10-20" in text, output
    assert "%Y" not in output and "does not match the format" not in output


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


def test_a_period_report_reckons_first_responses_once(store: Store) -> None:
    _seed_a_month(store)
    statements: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        statements.append(statement)

    now = datetime.now(UTC)
    sa.event.listen(store.engine, "before_cursor_execute", record)
    data = period_report(store, last_days(now, 30, UTC), now=now, zone=UTC)
    sa.event.remove(store.engine, "before_cursor_execute", record)
    # One query for the answered cases' waits, one for the cases still awaiting a reply.
    assert sum("first_response_at" in s for s in statements) == 2
    assert (data["first_response"]["count"], data["first_response_waiting"]) == (2, 1)


def test_won_back_is_whoever_did_not_complain_again_in_the_period(
    config: Config, store: Store
) -> None:
    # From 12 to 8 days ago both complained, then thanked us; Maria complained again within
    # those days, Joe only after them: what came after the period is not the period's.
    for handle in ("maria", "joe"):
        add(store, "late again", handle=handle, ago=timedelta(days=11))
        add(store, "arrived, thanks!", handle=handle, label="positive", case=False, draft=None,
            ago=timedelta(days=10))  # fmt: skip
    add(store, "and now it is broken", handle="maria", ago=timedelta(days=9))
    add(store, "and now it is broken", handle="joe", ago=timedelta(days=2))
    first = datetime.now(UTC).date() - timedelta(days=12)
    assert _json(config, "--since", first.isoformat(), "--days", "5")["won_back"] == 1
    code, output = _report(config, "--since", first.isoformat(), "--days", "5")
    assert code == 0, output
    assert "won back │ 1 │ complained; praise since, no complaint" in " ".join(output.split())
