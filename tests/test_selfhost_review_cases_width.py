"""`cases list` at 80 columns with a held reply's column beside the others: the README says the
list is "readable at 80 columns (a long value is wrapped, never cut; a handle or a reason code
stays whole on a line)". Found walking the README's demo: once a reply was held, the case
numbers, ticket references and handles were folded mid-word ("MD-0000" / "15")."""

from __future__ import annotations

import re
from pathlib import Path

from typer.testing import CliRunner

from mentiondesk.cli import app
from tests.helpers import mention, run_cli, write_config, write_mentions

# A furious refund complaint: the shipped playbook drafts a private reply and escalates it
# (frustration 3), so the case has a ticket ("local:MD-000001") and the reason is the widest.
REFUND = (
    "@lumora charged me twice and still no refund after three weeks. Absurd, I am furious, "
    "this is a scam, I will go to Procon and my lawyer"
)
HANDLE = "h_joaopedro_sts"  # no "@" or "." where it could break: it must stay whole


def _held(tmp_path: Path) -> Path:
    samples = write_mentions(tmp_path / "m.jsonl", [mention(1, REFUND, author="joaopedro_sts")])
    config = write_config(tmp_path, db_url="sqlite:///desk.db", samples=samples)
    assert run_cli(config, "run", "--once")[0] == 0
    code, said = run_cli(config, "drafts", "approve", "1", "--no-send")
    assert code == 0, said
    action = re.search(r"outbox action (\d+)", said)
    assert action, said
    assert run_cli(config, "outbox", "hold", action.group(1), "--reason", "checking")[0] == 0
    return config


def test_a_held_reply_leaves_case_numbers_tickets_and_handles_whole(tmp_path: Path) -> None:
    config = _held(tmp_path)
    shown = CliRunner().invoke(
        app, ["--config", str(config), "cases", "list"], env={"COLUMNS": "80"}
    )
    assert shown.exit_code == 0, shown.output
    assert "reply held" in shown.output and "held it back" in shown.output  # why: under it
    words = shown.output.split()
    table = [line for line in shown.output.splitlines() if not line.startswith("MD-")]
    assert max(len(line) for line in table) <= 80  # the advice under the table is prose
    assert "MD-000001" in words, shown.output
    assert "local:MD-000001" in words, shown.output
    assert "@" + HANDLE in words, shown.output  # as X writes it (handle_shown), whole
