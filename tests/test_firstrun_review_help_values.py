"""`--help` spells every value the same way, as a newcomer reading it first meets them
(`report --days <n>`, `drafts approve --text <text>`): the ids `outbox hold` takes read `<n>`,
not Python's `<int>`, and an option a command gave an upper-case word (`--reason TEXT`,
`--to NAME`, `--id ID`, `--post URL`) reads `<text>`, `<name>`, as its neighbours do."""

from __future__ import annotations

from typing import Any

import pytest
import typer.main
from typer.core import TyperOption
from typer.testing import CliRunner

from mentiondesk.cli import app


def _help(*command: str) -> str:
    result = CliRunner().invoke(app, [*command, "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    return result.output


def _row(shown: str, name: str) -> list[str]:
    """The words of the help row whose first word is `name` (an option or an argument)."""
    rows = (line.strip("│ *").split() for line in shown.splitlines())
    return next(words for words in rows if words and words[0] == name)


@pytest.mark.parametrize("verb", ["hold", "drop", "look-first", "retry"])
def test_the_action_ids_read_as_a_number_in_words(verb: str) -> None:
    row = _row(_help("outbox", verb), "ID")
    assert row[1] == "<n>", row


@pytest.mark.parametrize(
    ("command", "option", "shown"),
    [
        (["outbox", "hold"], "--reason", "<text>"),
        (["outbox", "drop"], "--reason", "<text>"),
        (["outbox", "retry"], "--to", "<name>"),
        (["outbox", "retry"], "--held-for", "<name>"),
        (["authors", "export"], "--id", "<id>"),
        (["authors", "forget"], "--post", "<url>"),
    ],
)
def test_an_upper_case_value_reads_as_its_neighbours_do(
    command: list[str], option: str, shown: str
) -> None:
    assert _row(_help(*command), option)[1] == shown


def _options() -> list[tuple[str, Any]]:
    def walk(command: Any, path: str) -> list[tuple[str, Any]]:
        mine = [(f"{path} {p.opts[0]}", p) for p in command.params if isinstance(p, TyperOption)]
        below = getattr(command, "commands", {}).items()
        return mine + [o for name, c in below for o in walk(c, f"{path} {name}".strip())]

    return walk(typer.main.get_command(app), "")


@pytest.mark.parametrize(("name", "option"), _options(), ids=[n for n, _ in _options()])
def test_every_option_value_is_written_in_angle_brackets(name: str, option: Any) -> None:
    value = option.display_type_rich(None)
    assert value is None or value.startswith("<"), f"{name}: {value}"
