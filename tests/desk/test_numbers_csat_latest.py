"""A case's CSAT (and NPS) is its latest answer by when it was answered, not by when it was
stored: an answer imported or delivered late, older than the one its customer gave after it,
replaces nothing. The report (JSON and text) and the dashboard say the same."""

from __future__ import annotations

import itertools
import json
from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime, timedelta

import sqlalchemy as sa
from typer.testing import CliRunner

from mentiondesk.cli import app as cli
from mentiondesk.config import Config
from mentiondesk.figures import load_period
from mentiondesk.models import Author, Mention
from mentiondesk.period import days_from
from mentiondesk.report import period_report
from mentiondesk.store import Store
from mentiondesk.tables import CASE, MENTION, SURVEY
from tests.desk.conftest import Desk

_IDS = itertools.count(1)
Login = Callable[[str], Awaitable[Desk]]


def _case(store: Store) -> int:
    """A case of its own mention and author (no reading, draft or rule needed here)."""
    n = next(_IDS)
    author = Author(id=f"u-csat-{n}", handle=f"csat_{n}")
    mention = Mention("x", f"csat-m{n}", author, "late again", datetime.now(UTC))
    store.ingest("seed", [mention], None)
    with store.engine.begin() as conn:
        row = conn.execute(
            sa.select(MENTION.c.id, MENTION.c.author_id).where(
                MENTION.c.external_id == f"csat-m{n}"
            )
        ).one()
        values = {"mention_id": row.id, "author_id": row.author_id, "rule": "complaint"}
        case = conn.scalar(sa.insert(CASE).values(values).returning(CASE.c.id))
    assert case is not None
    return int(case)


def _answers(store: Store, case: int, kind: str, answers: list[tuple[int, datetime]]) -> None:
    """Store `answers` (score, answered at) of `case` in this order: later ones, higher ids."""
    with store.engine.begin() as conn:
        for score, at in answers:
            values = {"case_id": case, "kind": kind, "score": score, "answered_at": at}
            conn.execute(sa.insert(SURVEY).values(values))


def test_an_answer_stored_late_does_not_replace_a_newer_one(store: Store) -> None:
    # The customer answered CSAT 1 on the 2nd and 5 on the 12th; the 1 came in by an import on
    # the 20th, after the 5 was stored. Their CSAT is the 5 of the 12th: the week of the 2nd
    # has no answer of theirs, the month one satisfied customer.
    now = datetime(2026, 9, 30, 12, 0, tzinfo=UTC)
    case = _case(store)
    _answers(store, case, "csat", [(5, datetime(2026, 9, 12, 10, tzinfo=UTC))])
    _answers(store, case, "csat", [(1, datetime(2026, 9, 2, 10, tzinfo=UTC))])
    _answers(store, case, "nps", [(10, datetime(2026, 9, 12, 10, tzinfo=UTC))])
    _answers(store, case, "nps", [(0, datetime(2026, 9, 2, 10, tzinfo=UTC))])
    week = load_period(store, days_from(date(2026, 9, 1), days=7, now=now), now=now)
    month = load_period(store, days_from(date(2026, 9, 1), days=30, now=now), now=now)
    assert (week.csat_answers, week.csat, week.nps_answers, week.nps) == (0, None, 0, None)
    assert (month.csat_answers, month.csat) == (1, 100.0)
    assert (month.nps_answers, month.nps) == (1, 100.0)


def test_answers_of_the_same_moment_take_the_one_stored_last(store: Store) -> None:
    now = datetime(2026, 9, 30, 12, 0, tzinfo=UTC)
    at = datetime(2026, 9, 12, 10, tzinfo=UTC)
    case, other = _case(store), _case(store)
    _answers(store, case, "csat", [(2, at), (4, at)])
    _answers(store, other, "csat", [(5, at - timedelta(hours=1)), (1, at)])
    month = load_period(store, days_from(date(2026, 9, 1), days=30, now=now), now=now)
    assert (month.csat_answers, month.csat) == (2, 50.0)  # the 4 and the 1


def test_report_json_text_and_dashboard_agree(config: Config, store: Store) -> None:
    # Two cases, each with a happy answer of yesterday stored before an unhappy one of three
    # days ago: both are satisfied customers, in the report's JSON and text alike.
    now = datetime.now(UTC)
    for _ in range(2):
        case = _case(store)
        _answers(store, case, "csat", [(5, now - timedelta(days=1))])
        _answers(store, case, "csat", [(2, now - timedelta(days=3))])
    runner = CliRunner()
    args = ["--config", str(config.path), "report", "--days", "7"]
    result = runner.invoke(cli, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["csat"] == {
        "percent": 100.0,
        "shown": 100,
        "answers": 2,
        "small_sample": True,
    }
    text = runner.invoke(cli, args, env={"COLUMNS": "200"})
    assert text.exit_code == 0, text.output
    line = next(row for row in text.output.splitlines() if "CSAT" in row)
    assert "100%" in line and "2 answers" in line
    period = days_from(now.date() - timedelta(days=6), days=7, now=now)
    data = period_report(store, period, now=now, zone=UTC)
    assert data["csat"]["percent"] == 100.0


async def test_the_dashboard_counts_the_latest_answer(as_role: Login, store: Store) -> None:
    now = datetime.now(UTC)
    case = _case(store)
    _answers(store, case, "csat", [(4, now - timedelta(days=1))])
    _answers(store, case, "csat", [(1, now - timedelta(days=2))])
    _answers(store, case, "nps", [(9, now - timedelta(days=1))])
    _answers(store, case, "nps", [(3, now - timedelta(days=2))])
    desk = await as_role("manager")
    page = await (await desk.client.get("/dashboard?days=7")).text()
    assert 'id="dash-csat">100%<' in page
    assert 'id="dash-nps">+100<' in page


def test_survey_record_names_the_answer_it_replaces(config: Config, store: Store) -> None:
    # The answer of yesterday is the case's latest, though one of last week was stored after it.
    now = datetime.now(UTC)
    case = _case(store)
    _answers(store, case, "csat", [(5, now - timedelta(days=1))])
    _answers(store, case, "csat", [(1, now - timedelta(days=7))])
    args = ["--config", str(config.path), "survey", "record", f"MD-{case:06d}"]
    result = CliRunner().invoke(cli, [*args, "--kind", "csat", "--score", "3"])
    assert result.exit_code == 0, result.output
    yesterday = (now - timedelta(days=1)).date()
    assert f"replaces the earlier answer 5 of {yesterday:%F}" in result.output
