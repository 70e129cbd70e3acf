"""`cases list` and `drafts list` put an approved reply the outbox holds first, saying why it is
held, as the desk's queue does: its author was never answered."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from mentiondesk.cli import app
from mentiondesk.config import load_config
from mentiondesk.models import FatalError, OutboxAction, Receipt
from mentiondesk.store import Store
from mentiondesk.tables import OUTBOX
from responders.console import ConsoleResponder
from tests.helpers import COMPLAINT, mention, run_cli, write_config, write_mentions

REFUSED = "x refused it: You cannot send messages to this user"


@pytest.fixture
def two_cases(tmp_path: Path) -> Path:
    """MD-000001 (10 followers, draft 1) and the more urgent MD-000002 (100,000, draft 2)."""
    samples = write_mentions(
        tmp_path / "m.jsonl",
        [mention(1, COMPLAINT), mention(2, COMPLAINT, author="b", followers=100_000)],
    )
    config = write_config(tmp_path, db_url="sqlite:///desk.db", samples=samples)
    assert run_cli(config, "run", "--once")[0] == 0
    return config


def _wide(config: Path, *args: str) -> str:
    result = CliRunner().invoke(app, ["--config", str(config), *args], env={"COLUMNS": "250"})
    assert result.exit_code == 0, result.output
    return result.output


def _hold_the_reply_of_draft_1(config: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """Approve draft 1 as the platform refuses it for good; the command to send it again."""

    async def deliver(self: ConsoleResponder, action: OutboxAction) -> Receipt:
        raise FatalError(REFUSED)

    monkeypatch.setattr(ConsoleResponder, "deliver", deliver)
    retry = re.search(
        r"`mentiondesk (outbox retry \d+)`", run_cli(config, "drafts", "approve", "1")[1]
    )
    assert retry
    return retry.group(1)


def _rows(output: str) -> list[str]:
    return [line.strip() for line in output.splitlines() if line.startswith(" MD-")]


def test_cases_list_puts_a_held_reply_first_and_says_why(
    two_cases: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _rows(_wide(two_cases, "cases", "list"))
    assert [r[:9] for r in before] == ["MD-000002", "MD-000001"]  # most urgent first
    retry = _hold_the_reply_of_draft_1(two_cases, monkeypatch)
    shown = _wide(two_cases, "cases", "list")
    first, second = _rows(shown)
    assert first.startswith("MD-000001")
    assert "approved, not sent: the author does not take private messages from us" in first
    assert "not sent" not in second
    assert f"MD-000001: once fixed, `mentiondesk {retry}` sends its reply again." in shown
    assert "1 with an approved reply the outbox holds" in shown


def test_drafts_list_shows_held_replies_above_the_drafts_waiting(
    two_cases: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert "held" not in _wide(two_cases, "drafts", "list")
    retry = _hold_the_reply_of_draft_1(two_cases, monkeypatch)
    shown = _wide(two_cases, "drafts", "list")
    held, waiting = shown.index("1 approved reply held, not sent"), shown.index("1 pending draft")
    assert held < waiting
    row = next(line for line in shown.splitlines() if line.startswith("│ 1 "))
    assert "MD-000001" in row and "the author does not take private messages from us" in row
    assert retry in row
    assert "held" not in _wide(two_cases, "drafts", "list", "--status", "rejected")


@pytest.mark.parametrize("reason", ["waiting for legal", "the token giveaway is off"])
def test_a_reply_a_person_held_reads_as_their_hold(two_cases: Path, reason: str) -> None:
    """Their reason is theirs: not the platform's refusal, nor a set-up problem ("token")."""
    queued = run_cli(two_cases, "drafts", "approve", "1", "--no-send")[1]
    action = re.search(r"outbox action (\d+)", queued)
    assert action
    assert run_cli(two_cases, "outbox", "hold", action[1], "--reason", reason)[0] == 0
    shown = _wide(two_cases, "drafts", "list")
    row = next(line for line in shown.splitlines() if line.startswith("│ 1 "))
    assert "a person on the team held it back (cli:" in row and f": {reason})" in row
    assert "refused" not in row and "set-up" not in row
    assert f"once it may go, `mentiondesk outbox retry {action[1]}`" in _wide(
        two_cases, "cases", "list"
    )
    held = _wide(two_cases, "outbox", "list", "--held")
    assert f"{action[1]}: held by cli:" in held and f": {reason}" in held


def test_an_older_persons_hold_reads_as_recorded(two_cases: Path) -> None:
    """Held before "held by ACTOR: REASON": the bare reason, never tried; not a refusal."""
    assert run_cli(two_cases, "drafts", "approve", "1")[0] == 0  # the console sends it
    store = Store(load_config(two_cases).store_url())
    with store.engine.begin() as conn:
        conn.execute(
            sa.update(OUTBOX)
            .where(OUTBOX.c.key == "post:draft:1")
            .values(status="held", last_error="waiting for [b]legal[/b]", attempts=0)
        )
    store.dispose()
    shown = _wide(two_cases, "cases", "list")
    assert "approved, not sent: held" in shown and "refused" not in shown
    assert "MD-000001: held: waiting for [b]legal[/b]; once it may go" in " ".join(shown.split())
