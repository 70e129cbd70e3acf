"""What the CLI says after an approval, which zone its times are in, what the outbox holds."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mentiondesk.cli import app
from mentiondesk.models import FatalError, OutboxAction, Receipt, TransientError
from responders.console import ConsoleResponder
from tests.helpers import (
    COMPLAINT,
    PRAISE,
    complaint_and_praise,
    mention,
    run_cli,
    write_config,
    write_mentions,
)

md = run_cli


@pytest.fixture
def ran(tmp_path: Path) -> Path:
    """A config whose store holds one run: case MD-000001, drafts 1 and 2."""
    config = complaint_and_praise(tmp_path)
    assert md(config, "run", "--once")[0] == 0
    return config


def _refuse(monkeypatch: pytest.MonkeyPatch, error: Exception) -> None:
    """The console poster fails every delivery with `error`, as a platform refusing would."""

    async def deliver(self: ConsoleResponder, action: OutboxAction) -> Receipt:
        raise error

    monkeypatch.setattr(ConsoleResponder, "deliver", deliver)


def test_a_held_reply_names_the_reason_and_the_retry_command(
    ran: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _refuse(monkeypatch, FatalError("x refused it: the author's DMs are closed"))
    code, output = md(ran, "drafts", "approve", "1")
    assert code == 0 and "will be retried" not in output
    assert "Reply held, not sent: x refused it: the author's DMs are closed." in output
    retry = re.search(r"run `mentiondesk outbox retry (\d+)`", output)
    assert retry and "1 held action" in md(ran, "outbox", "list", "--held")[1]
    assert md(ran, "outbox", "retry", retry.group(1))[0] == 0


def test_a_reply_that_failed_for_now_says_run_tries_again(
    ran: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _refuse(monkeypatch, TransientError("HTTP 503"))
    output = md(ran, "drafts", "approve", "1")[1]
    assert "Reply not sent yet: TransientError: HTTP 503. `mentiondesk run` tries again" in output


def test_a_reply_not_sent_here_is_left_to_mentiondesk_run(ran: Path) -> None:
    output = md(ran, "drafts", "approve", "1", "--no-send")[1]
    assert re.search(r"Reply queued as outbox action \d+: `mentiondesk run` sends it\.", output)
    assert "1 waiting, 0 held" in md(ran, "outbox", "list")[1]


def test_cases_list_shows_opened_times_in_the_desk_timezone(tmp_path: Path) -> None:
    samples = write_mentions(
        tmp_path / "m.jsonl", [mention(1, COMPLAINT), mention(2, PRAISE, author="b")]
    )
    zone = '\n[desk]\ntimezone = "America/Sao_Paulo"\n'
    config = write_config(tmp_path, db_url="sqlite:///desk.db", samples=samples, extra=zone)
    md(config, "run", "--once")
    shown = run_cli_wide(config, "cases", "list")
    assert "times in America/Sao_Paulo" in shown
    assert "2026-11-10" in shown and "06:01" in shown and "09:01" not in shown  # 09:01 UTC


def run_cli_wide(config: Path, *args: str) -> str:
    """`mentiondesk --config CONFIG ARGS…` 200 columns wide: a table's columns keep their words."""
    return wide(["--config", str(config), *args])


def wide(args: list[str]) -> str:
    return CliRunner().invoke(app, args, env={"COLUMNS": "200"}).output


def test_outbox_list_counts_waiting_and_held_apart_and_limit_is_at_least_one(ran: Path) -> None:
    md(ran, "drafts", "approve", "1", "--no-send")
    md(ran, "drafts", "approve", "2", "--no-send")
    code, output = md(ran, "outbox", "list", "--limit", "1")
    assert code == 0 and "showing 1 of 2: 2 waiting, 0 held" in output
    assert md(ran, "outbox", "list", "--limit", "0")[0] == 2


def test_approve_help_names_who_sends_without_send() -> None:
    shown = " ".join(wide(["drafts", "approve", "--help"]).split())
    assert "the outbox worker of `mentiondesk run` sends it" in shown
    assert "responders' secrets" in shown and "running desk will" not in shown
