"""`outbox hold`, `outbox retry` and `relabel` say what they did on stdout, where a script
reading a command's answer looks; what they refused stays on stderr."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner, Result

from mentiondesk.cli import app
from tests.helpers import mention, write_config, write_mentions
from tests.test_cli_outbox_retarget import _add
from tests.test_cli_outbox_retarget import config as config  # the fixture, re-exported

KEY = "alert:mm:x:m{}:angry"


def _md(config: Path, *args: str) -> Result:
    return CliRunner().invoke(app, ["--config", str(config), *args], env={"COLUMNS": "250"})


def test_hold_says_what_it_held_on_stdout_and_what_it_left_on_stderr(config: Path) -> None:
    pending = _add(config, KEY.format(1), "alert", "mm", status="pending")
    held = _md(config, "outbox", "hold", str(pending), "999")
    assert held.exit_code == 1
    assert f"held 1 action ({pending})" in held.stdout and "999" not in held.stdout
    assert "action 999 not held" in held.stderr and "held 1" not in held.stderr


def test_retry_says_what_is_due_on_stdout_and_what_it_left_on_stderr(config: Path) -> None:
    held = _add(config, KEY.format(1), "alert", "mm")
    retried = _md(config, "outbox", "retry", str(held), "999")
    assert retried.exit_code == 1
    assert f"action {held} is due now" in retried.stdout and "999" not in retried.stdout
    assert "no action with id 999" in retried.stderr and "due now" not in retried.stderr


def test_relabel_says_what_it_changed_on_stdout(tmp_path: Path) -> None:
    samples = write_mentions(tmp_path / "m.jsonl", [mention(1, "@lumora the lamp is fine")])
    desk = write_config(tmp_path, db_url=f"sqlite:///{tmp_path}/desk.db", samples=samples)
    assert _md(desk, "run", "--once").exit_code == 0
    relabelled = _md(desk, "relabel", "1", "negative")
    assert relabelled.exit_code == 0 and "→ negative" in relabelled.stdout
    assert "→" not in relabelled.stderr
