"""`--help` names a number's value in words, as `report --days <n>` does, not as Python's
types ("<int range>", "<float range>")."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from mentiondesk.cli import app


@pytest.mark.parametrize(
    ("command", "option", "shown"),
    [
        (["outbox", "list"], "--limit", "<n>"),
        (["drafts", "list"], "--limit", "<n>"),
        (["cases", "list"], "--limit", "<n>"),
        (["train-sentiment"], "--steps", "<n>"),
        (["train-sentiment"], "--learning-rate", "<number>"),
        (["survey", "record"], "--score", "<n>"),
    ],
)
def test_a_number_option_reads_in_words(command: list[str], option: str, shown: str) -> None:
    out = CliRunner().invoke(app, [*command, "--help"], env={"COLUMNS": "200"}).output
    line = next(x for x in out.splitlines() if x.strip("│ *").startswith(f"{option} "))
    assert shown in line.split(), line
    assert "range" not in line and "<int>" not in line and "<float>" not in line, line
