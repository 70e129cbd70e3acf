"""`[survey] answers_from_posts`: a customer who answers "nota 5" to the team's question after
their case was resolved has their answer recorded for that case, as `survey record` records
one, and counted in the report's CSAT; their post opens no case and gets no alert or draft.
Anything more than a score, a case closed without resolution or one resolved too long ago
leaves the post to the playbook, as before."""

from __future__ import annotations

import json
import logging
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from mentiondesk.models import Mention
from mentiondesk.pipeline import App
from mentiondesk.store import Store
from mentiondesk.tables import AUDIT, CASE, DRAFT, MENTION, READING, SURVEY
from tests.helpers import BASE_TIME, COMPLAINT, config_for, mention, run_cli, table_rows
from tests.test_pipeline import Recorder

CSAT = '\n[survey]\nanswers_from_posts = "csat"\n'
NPS = '\n[survey]\nanswers_from_posts = "nps"\n'
RESOLVED_AT = BASE_TIME + timedelta(hours=1)
LATER = 120  # minutes after BASE_TIME: an hour after the case was resolved


async def _run(tmp_path: Path, db_url: str, mentions: list[Mention], extra: str) -> Recorder:
    """One pass of the pipeline (the store keeps earlier passes); what it delivered to the
    chat and the help desk."""
    sink = Recorder("both")
    config = config_for(tmp_path, db_url, mentions, extra=extra)
    async with App(config, responders={"console": sink, "cases": sink}) as app:
        await app.run_once()
    return sink


async def _case_then(
    tmp_path: Path,
    db_url: str,
    later: list[Mention],
    *,
    extra: str = CSAT,
    status: str = "resolved",
) -> Recorder:
    """Ana complains (case MD-000001), a person ends her case with `status` an hour later,
    then `later` comes in; what that last pass delivered."""
    first = [mention(1, COMPLAINT)]
    await _run(tmp_path, db_url, first, extra)
    _end_cases(db_url, status, RESOLVED_AT)
    return await _run(tmp_path, db_url, [*first, *later], extra)


def _end_cases(db_url: str, status: str, at: datetime) -> None:
    store = Store(db_url)
    try:
        with store.engine.begin() as conn:
            open_ = CASE.c.status == "open"
            conn.execute(sa.update(CASE).where(open_).values(status=status, closed_at=at))
    finally:
        store.engine.dispose()


def _answers(db_url: str) -> list[tuple[Any, ...]]:
    return table_rows(
        db_url, sa.select(SURVEY.c.id, SURVEY.c.case_id, SURVEY.c.kind, SURVEY.c.score)
    )


def _of_mention(db_url: str, external_id: str) -> int:
    rows = table_rows(db_url, sa.select(MENTION.c.id).where(MENTION.c.external_id == external_id))
    return int(rows[0][0])


def _csat(config: Path) -> dict[str, Any]:
    code, output = run_cli(config, "report", "--since", "2026-11-10", "--format", "json")
    assert code == 0, output
    return dict(json.loads(output)["csat"])


@pytest.mark.parametrize(
    "text", ["nota 5", "@lumora 5", "5/5", "⭐⭐⭐⭐⭐", "cinco", "5 estrelas, obrigada 🙏"]
)
async def test_a_score_after_the_case_was_resolved_is_its_answer(
    tmp_path: Path, db_url: str, text: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="mentiondesk.survey_answers")
    chat = await _case_then(tmp_path, db_url, [mention(LATER, text)])
    assert [row[1:] for row in _answers(db_url)] == [(1, "csat", 5)]
    answer = _of_mention(db_url, f"m{LATER}")
    # No new case, no draft, no alert: the post is read (its reading stored) and no more.
    assert table_rows(db_url, sa.select(CASE.c.id, CASE.c.status)) == [(1, "resolved")]
    assert table_rows(db_url, sa.select(DRAFT.c.id).where(DRAFT.c.mention_id == answer)) == []
    assert chat.delivered == []  # no alert, no ticket
    read = sa.select(READING.c.mention_id).where(READING.c.mention_id == answer)
    assert table_rows(db_url, read) == [(answer,)]
    # The trail says where it came from, by "their reply", never with the post's words.
    trail = sa.select(AUDIT.c.actor, AUDIT.c.action, AUDIT.c.case_id, AUDIT.c.detail)
    lines = table_rows(db_url, trail.where(AUDIT.c.mention_id == answer))
    assert lines == [("their reply", "survey", 1, "csat 5")]
    said = [r.getMessage() for r in caplog.records if r.name == "mentiondesk.survey_answers"]
    assert said == [
        f"mention {answer}: recorded as the csat answer 5 of MD-000001, from the author's post"
    ]
    assert _csat(tmp_path / "config.toml") == {
        "percent": 100.0,
        "shown": 100,
        "answers": 1,
        "small_sample": True,
    }


async def test_a_later_answer_replaces_the_earlier_in_the_figures(
    tmp_path: Path, db_url: str
) -> None:
    first = mention(LATER, "2")
    await _case_then(tmp_path, db_url, [first])
    config = tmp_path / "config.toml"
    assert _csat(config)["percent"] == 0.0
    await _run(tmp_path, db_url, [mention(1, COMPLAINT), first, mention(LATER + 5, "nota 4")], CSAT)
    assert [row[1:] for row in _answers(db_url)] == [(1, "csat", 2), (1, "csat", 4)]
    assert _csat(config) == {"percent": 100.0, "shown": 100, "answers": 1, "small_sample": True}
    detail = sa.select(AUDIT.c.detail).where(AUDIT.c.action == "survey")
    assert table_rows(db_url, detail) == [("csat 2",), ("csat 4, replacing 2 of 2026-11-10",)]


@pytest.mark.parametrize(
    "text",
    [
        "5 days and my parcel is still lost, terrible service, I am angry",
        "5/5 mas o pedido ainda não chegou",
        "10",  # not on CSAT's scale of five
    ],
)
async def test_more_than_a_score_is_read_as_usual(tmp_path: Path, db_url: str, text: str) -> None:
    await _case_then(tmp_path, db_url, [mention(LATER, text)])
    assert _answers(db_url) == []
    post = _of_mention(db_url, f"m{LATER}")
    read = sa.select(READING.c.mention_id).where(READING.c.mention_id == post)
    assert table_rows(db_url, read) == [(post,)]
    assert table_rows(db_url, sa.select(AUDIT.c.id).where(AUDIT.c.action == "survey")) == []


async def test_a_complaint_with_a_score_opens_its_case_as_before(
    tmp_path: Path, db_url: str
) -> None:
    text = "@lumora 5 days and my parcel is lost again. Terrible service, I am angry"
    chat = await _case_then(tmp_path, db_url, [mention(LATER, text)])
    assert _answers(db_url) == []
    post = _of_mention(db_url, f"m{LATER}")
    opened = sa.select(CASE.c.mention_id, CASE.c.status).where(CASE.c.mention_id == post)
    assert table_rows(db_url, opened) == [(post, "open")]
    assert chat.delivered != []  # the complaint's alert, as any complaint's


async def test_nps_reads_zero_to_ten_and_no_complaint(tmp_path: Path, db_url: str) -> None:
    later = [mention(LATER, "10!"), mention(LATER + 1, "nota 0 pro atendimento, o pedido sumiu")]
    await _case_then(tmp_path, db_url, later[:1], extra=NPS)
    assert [row[1:] for row in _answers(db_url)] == [(1, "nps", 10)]
    await _run(tmp_path, db_url, [mention(1, COMPLAINT), *later], NPS)
    assert [row[1:] for row in _answers(db_url)] == [(1, "nps", 10)]


async def test_outside_the_window_it_is_no_answer(tmp_path: Path, db_url: str) -> None:
    eight_days = 8 * 24 * 60 + 60  # minutes after BASE_TIME: 8 days after the resolution
    await _case_then(tmp_path, db_url, [mention(eight_days, "5")])
    assert _answers(db_url) == []


async def test_a_longer_window_takes_it(tmp_path: Path, db_url: str) -> None:
    eight_days = 8 * 24 * 60 + 60
    extra = CSAT + "within_days = 10\n"
    await _case_then(tmp_path, db_url, [mention(eight_days, "5")], extra=extra)
    assert [row[1:] for row in _answers(db_url)] == [(1, "csat", 5)]


async def test_a_case_closed_without_resolution_takes_no_answer(
    tmp_path: Path, db_url: str
) -> None:
    await _case_then(tmp_path, db_url, [mention(LATER, "5")], status="closed")
    assert _answers(db_url) == []


async def test_someone_else_s_score_is_no_answer(tmp_path: Path, db_url: str) -> None:
    await _case_then(tmp_path, db_url, [mention(LATER, "5", author="b")])
    assert _answers(db_url) == []


async def test_without_the_setting_nothing_changes(tmp_path: Path, db_url: str) -> None:
    await _case_then(tmp_path, db_url, [mention(LATER, "nota 5")], extra="")
    assert _answers(db_url) == []
