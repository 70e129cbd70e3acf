"""A satisfaction answer read from the customer's own post ("nota 5", `[survey]
answers_from_posts`) is their data: the access export shows the answer and the trail's line
"by their reply", and `authors forget` deletes the answer and its post and strips that line
of its case and post, on both backends."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sqlalchemy as sa

from mentiondesk import cli_common
from mentiondesk.models import ERASED_ON_REQUEST
from mentiondesk.tables import AUDIT, MENTION, SURVEY
from tests.helpers import mention, run_cli, table_rows
from tests.test_survey_answers_pipeline import LATER, _case_then


@pytest.fixture
async def desk(tmp_path: Path, db_url: str, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Ana's case MD-000001 resolved, then her "nota 5" recorded as its CSAT answer."""
    monkeypatch.setattr(cli_common.getpass, "getuser", lambda: "root")
    await _case_then(tmp_path, db_url, [mention(LATER, "nota 5")])
    assert table_rows(db_url, sa.select(SURVEY.c.score)) == [(5,)]
    return tmp_path / "config.toml"


def test_the_export_shows_their_answer_and_where_it_came_from(desk: Path) -> None:
    code, output = run_cli(desk, "authors", "export", "x", "h_a1", "--format", "json")
    assert code == 0, output
    data = json.loads(output)
    assert [(s["kind"], s["score"]) for s in data["surveys"]] == [("csat", 5)]
    assert [m["text"] for m in data["mentions"]][-1] == "nota 5"
    said = [(a["actor"], a["detail"]) for a in data["audit"] if a["action"] == "survey"]
    assert said == [("their reply", "csat 5")]


def test_forget_takes_their_answer_and_its_trail(desk: Path, db_url: str) -> None:
    code, output = run_cli(desk, "authors", "forget", "x", "h_a1", "--yes")
    assert code == 0, output
    assert "1 survey answer" in output
    assert table_rows(db_url, sa.select(SURVEY.c.id)) == []
    assert table_rows(db_url, sa.select(MENTION.c.id)) == []
    trail = sa.select(AUDIT.c.actor, AUDIT.c.mention_id, AUDIT.c.case_id, AUDIT.c.detail)
    lines = table_rows(db_url, trail.where(AUDIT.c.action == "survey"))
    assert lines == [("their reply", None, None, ERASED_ON_REQUEST)]
