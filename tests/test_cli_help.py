"""`--help` at any width: prose reads as sentences, values never break mid-word, commands in
the order a new user needs them, and figures that agree with docs/sentiment.md."""

from __future__ import annotations

import inspect
import itertools
import re
from typing import Any

import pytest
import typer.main
from rich.text import Text
from typer.testing import CliRunner

from mentiondesk.cli import app
from mentiondesk.cli_help import ORDER
from tests.docs_text import page

SENTIMENT_PAGE = page("docs/sentiment.md")


def _commands() -> list[tuple[list[str], Any]]:
    def walk(command: Any, path: list[str]) -> list[tuple[list[str], Any]]:
        below = getattr(command, "commands", {})
        return [(path, command)] + [p for n, c in below.items() for p in walk(c, [*path, n])]

    return walk(typer.main.get_command(app), [])


COMMANDS = _commands()
NAMES = [" ".join(path) or "mentiondesk" for path, _ in COMMANDS]


def help_at(width: int, *command: str) -> str:
    result = CliRunner().invoke(app, [*command, "--help"], env={"COLUMNS": str(width)})
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=NAMES)
def test_help_prose_runs_on_across_the_source_lines(path: list[str], command: Any) -> None:
    """A docstring wrapped at 100 columns reads as sentences, not lines broken mid-way."""
    shown = help_at(1000, *path)  # one line per paragraph: none wraps at this width
    for paragraph in inspect.cleandoc(command.help or "").split("\n\n"):
        lines = paragraph.splitlines()
        for before, after in itertools.pairwise(lines):
            joint = Text.from_markup(f"{before.split()[-1]} {after.split()[0]}").plain
            assert joint in shown, f"{' '.join(path)}: break at {joint!r}"


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=NAMES)
def test_the_usage_line_brackets_an_optional_argument_once(path: list[str], command: Any) -> None:
    """Click brackets an optional argument's metavar itself: "[HANDLE]", never "[[HANDLE]]"."""
    usage = next(line for line in help_at(1000, *path).splitlines() if "Usage:" in line)
    assert "[[" not in usage and "]]" not in usage, usage


def test_the_report_line_in_the_main_help_is_one_sentence() -> None:
    shown = help_at(1000)
    assert re.search(r"report\s+The numbers for a period: .*, alerts, first-response time, ", shown)


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=NAMES)
def test_help_never_breaks_a_value_mid_word_at_80_columns(path: list[str], command: Any) -> None:
    shown = help_at(80, *path)
    ctx = command.context_class(command)
    for param in command.params:
        value = param.display_type_rich(ctx) if hasattr(param, "display_type_rich") else None
        for word in str(value or "").split():  # "<pending|…|withdrawn>", "[x>=1]"
            assert word in shown, f"{' '.join(path)} {param.name}: {word} broken"


def test_the_main_help_lists_commands_as_a_new_user_needs_them() -> None:
    names = list(typer.main.get_command(app).commands)  # type: ignore[attr-defined]
    assert sorted(names) == sorted(ORDER), "place a new command in cli_help.ORDER"
    shown = help_at(200)
    at = [shown.index(f"│ {name} ") for name in ORDER]
    assert at == sorted(at) and ORDER[0] == "run"


def test_train_sentiment_times_are_the_readme_measured_ones() -> None:
    shown = " ".join(help_at(200, "train-sentiment").replace("│", " ").split())  # unboxed
    assert "2,600 and 2,400 steps took about 57 and 39 min" in shown
    assert "--steps 2600" in SENTIMENT_PAGE and "# ≈57 min" in SENTIMENT_PAGE
    assert "--steps 2400" in SENTIMENT_PAGE and "# ≈39 min" in SENTIMENT_PAGE


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (
            ["report", "--config", "x.toml"],
            "put it before the command: mentiondesk --config FILE report",
        ),
        (["users", "add", "ana", "-c", "x.toml"], "mentiondesk -c FILE users add"),
        (["cases", "list", "-vv"], "put it before the command: mentiondesk -v cases list"),
    ],
)
def test_a_global_option_after_the_command_says_where_it_goes(args: list[str], said: str) -> None:
    result = CliRunner().invoke(app, args, prog_name="mentiondesk")
    assert result.exit_code == 2
    assert said in " ".join(result.output.replace("│", " ").split()), result.output  # unboxed
