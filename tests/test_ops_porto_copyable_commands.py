"""Porto's operations lead, on an 80-column terminal over SSH, copies the commands that
`outbox list` and `outbox list --held` print under the table. Rich wrapped their lines between
any two words, so `mentiondesk outbox retry 7 --to zendesk-br` could end a line at "retry 7"
and copying it lost `--to zendesk-br`. Lines now break only between words of prose: a command
is whole on one line, on a line of its own where it does not fit. Through the CLI, at 80 and
60 columns and narrower."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from mentiondesk.cli_text import wrapped
from mentiondesk.config import load_config
from mentiondesk.store import Store
from tests.helpers import run_cli
from tests.ops_porto_held_desks_setup import two_desks_config
from tests.test_ops_porto_two_desks_hint import held_at_zd

MENTIONDESK = Path(sys.executable).with_name("mentiondesk")


def _at(columns: int, config: Path, *args: str) -> str:
    """What `mentiondesk --config CONFIG ARGS…` prints at `columns` (the real entry point,
    in a process of its own: rich reads COLUMNS when its consoles are made)."""
    done = subprocess.run(
        [str(MENTIONDESK), "--config", str(config), *args],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=120,
        check=False,
        env={**os.environ, "COLUMNS": str(columns)},
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return two_desks_config(f"sqlite:///{tmp_path / 'store.db'}", tmp_path, monkeypatch)


@pytest.fixture
def comment(config: Path) -> int:
    """The follow-up held at the gone desk "zd", its hint naming both desks' commands."""
    store = Store(load_config(config).store_url())
    store.create_all()
    try:
        return held_at_zd(store)[1]
    finally:
        store.dispose()


def _commands(comment: int) -> list[str]:
    return [
        f"`mentiondesk outbox retry {comment} --to rt-pt`",
        f"`mentiondesk outbox retry {comment} --to zendesk-br`",
        f"`mentiondesk outbox drop {comment}`",
        "mentiondesk outbox retry ID…",
        "mentiondesk outbox drop ID… --reason",
    ]


def _check(output: str, commands: list[str], width: int) -> None:
    lines = output.splitlines()
    for command in commands:
        assert any(command in line for line in lines), f"{command!r} broken:\n{output}"
    for line in lines:
        # No code span left open at a line's end (a command split across two lines).
        assert line.count("`") % 2 == 0, f"{line!r} in\n{output}"
        # Wider than the terminal only where one command alone could not fit.
        words = line.split("`")
        assert len(line) <= width or (len(words) == 3 and not words[0].strip()), line


@pytest.mark.parametrize(("held", "columns"), [(False, 80), (True, 80), (True, 60), (True, 40)])
def test_every_command_is_whole_on_a_line(
    config: Path, comment: int, columns: int, held: bool
) -> None:
    output = _at(columns, config, "outbox", "list", *(["--held"] if held else []))
    _check(output.split("Last errors:")[1], _commands(comment), columns)
    # The prose is still wrapped to the terminal, between words, under its id.
    errors = output.split("Last errors:\n")[1].splitlines()
    assert errors[0].startswith(f"  {comment}: ") and errors[1].startswith("    "), output
    # What it says works: the command copied from its line sends it to Brazil's desk.
    line = next(x for x in errors if "--to zendesk-br`" in x)
    copied = line.split("`")[1].split()[1:]
    code, output = run_cli(config, *copied)
    assert code == 0 and f"action {comment} now goes to zendesk-br" in output, output


def test_prose_breaks_between_words_only() -> None:
    text = "sent there without it; run `mentiondesk outbox retry 12 --to zendesk-br`; or wait"
    assert wrapped(text, 30, indent="  ", hang="    ") == [
        "  sent there without it; run",
        "    `mentiondesk outbox retry 12 --to zendesk-br`;",
        "    or wait",
    ]
    keep = "mentiondesk outbox drop ID… --reason"
    assert wrapped(f"drop one that can never go: {keep}", 40, keep=[keep]) == [
        "drop one that can never go:",
        keep,
    ]
    # A stray backtick in a server's error glues nothing: the rest still wraps.
    assert wrapped("a ` b c d", 5) == ["a ` b", "c d"]
