"""An admin's cron job feeds `cases list` and `outbox list` to a BI tool: `--format json` gives
valid JSON on stdout alone, numbers as numbers, ISO-8601 times with their offset, a pt-BR name
and emoji as they are, and no character a terminal would act on left raw."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from typer.testing import CliRunner, Result

from mentiondesk.cli import app
from tests.helpers import COMPLAINT, mention, write_config, write_mentions
from tests.test_cli_outbox_retarget import _add
from tests.test_cli_outbox_retarget import config as config  # the fixture, re-exported

NAME = "joão_conceição"  # a pt-BR handle: non-ASCII must survive as it is


def _md(config: Path, *args: str) -> Result:
    return CliRunner().invoke(app, ["--config", str(config), *args], env={"COLUMNS": "80"})


def _desk(tmp_path: Path, db_url: str | None = None) -> Path:
    posts = [mention(1, COMPLAINT + " 😡", author=NAME, name="João 😡")]
    samples = write_mentions(tmp_path / "m.jsonl", posts)
    url = db_url or f"sqlite:///{tmp_path}/desk.db"
    desk = write_config(tmp_path, db_url=url, samples=samples)
    assert _md(desk, "run", "--once").exit_code == 0
    return desk


def _aware(value: str) -> datetime:
    at = datetime.fromisoformat(value)
    assert at.utcoffset() is not None, value
    return at


def test_cases_list_json_is_the_cases_with_typed_values(tmp_path: Path, db_url: str) -> None:
    listed = _md(_desk(tmp_path, db_url), "cases", "list", "--format", "json")
    assert listed.exit_code == 0, listed.output
    data = json.loads(listed.stdout)  # stdout holds the JSON and nothing else
    assert data["status"] == "open" and data["total"] == 1
    (case,) = data["cases"]
    assert case["case"] == "MD-000001" and case["handle"] == f"h_{NAME}"
    assert isinstance(case["priority"], int) and isinstance(case["mention_id"], int)
    assert case["label"] == "negative" and case["held_reply"] is None
    assert _aware(case["opened_at"]).isoformat() == "2026-11-10T09:01:00+00:00"
    assert case["first_response_at"] is None


def test_outbox_list_json_gives_each_action_and_the_totals(config: Path) -> None:
    held = _add(config, "alert:mm:x:m1:angry", "alert", "mm")
    waiting = _add(config, "alert:mm:x:m2:angry", "alert", "mm", status="pending")
    listed = _md(config, "outbox", "list", "-f", "json")
    assert listed.exit_code == 0, listed.output
    data = json.loads(listed.stdout)
    assert (data["pending"], data["held"]) == (1, 1)
    by_id = {a["id"]: a for a in data["actions"]}
    assert by_id[held]["status"] == "held" and by_id[held]["next_try_at"] is None
    assert _aware(by_id[waiting]["next_try_at"])
    assert by_id[waiting]["case"] == "MD-000001" and by_id[waiting]["tries"] == 0
    assert by_id[waiting]["to"] == "mm" and by_id[waiting]["kind"] == "alert"


def test_json_escapes_what_a_terminal_would_act_on(config: Path) -> None:
    waiting = _add(config, "alert:mm:x:m2:angry", "alert", "mm", status="pending")
    reason = "à espera \x9b2J \u202eevil 😡"  # a lone CSI and a bidi override
    assert _md(config, "outbox", "hold", str(waiting), "--reason", reason).exit_code == 0
    listed = _md(config, "outbox", "list", "--format", "json")
    assert "\x9b" not in listed.stdout and "\u202e" not in listed.stdout
    assert "à espera" in listed.stdout and "😡" in listed.stdout  # readable, not \u-escaped
    (action,) = json.loads(listed.stdout)["actions"]
    assert action["last_error"].endswith(reason)  # the same text once parsed


def test_author_export_json_escapes_a_lone_csi_in_a_post(tmp_path: Path) -> None:
    posts = [mention(1, "@lumora late again \x9b2J\u202e", author="ana", name="Ana \x9b31m")]
    samples = write_mentions(tmp_path / "m.jsonl", posts)
    desk = write_config(tmp_path, db_url=f"sqlite:///{tmp_path}/desk.db", samples=samples)
    assert _md(desk, "run", "--once").exit_code == 0
    exported = _md(desk, "authors", "export", "x", "h_ana", "--format", "json")
    assert exported.exit_code == 0, exported.output
    assert "\x9b" not in exported.stdout and "\u202e" not in exported.stdout
    data = json.loads(exported.stdout)
    assert data["mentions"][0]["text"] == "@lumora late again \x9b2J\u202e"


def test_drafts_list_json_keeps_a_portuguese_name_in_the_text(tmp_path: Path, db_url: str) -> None:
    listed = _md(_desk(tmp_path, db_url), "drafts", "list", "--format", "json")
    assert listed.exit_code == 0, listed.output
    data = json.loads(listed.stdout)
    assert data["status"] == "pending" and data["total"] == len(data["drafts"]) >= 1
    assert data["held_replies"] == []
    (draft,) = [d for d in data["drafts"] if d["kind"] == "private"]
    assert draft["case"] == "MD-000001" and isinstance(draft["id"], int)
    assert "João" in draft["text"] and draft["handle"] == f"h_{NAME}"
    assert _aware(draft["created_at"])
