"""What strangers wrote (an author's name and handle, a draft's text) reaches the admin's
terminal without its control sequences: rich's markup escape lets ESC through, and an ESC
in a name makes a hidden hyperlink or rewrites what the terminal shows."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from mentiondesk import contacts
from mentiondesk.cli import app
from mentiondesk.cli_text import cli_safe, shown
from mentiondesk.config import load_config
from mentiondesk.store import Store
from tests.desk.seed import add, write_config

# The review's name: a hyperlink to evil.example hidden under "CLICK"; then a CSI (C1) that
# would clear the screen, a right-to-left override and a line break.
HOSTILE = "Zed\x1b]8;;http://evil.example\x1b\\CLICK\x1b]8;;\x1b\\ \x9b2J\u202eevil\nX"
UNSAFE = ("\x1b", "\x9b", "\u202e", "\x07")


@pytest.fixture
def config(tmp_path: Path, db_url: str) -> Path:
    """A store with a hostile author, their case and public draft, on the do-not-contact
    list."""
    path = write_config(tmp_path, db_url)
    store = Store(load_config(path).store_url())
    store.create_all()
    add(
        store,
        "late again",
        handle="zed\x1b[31m",
        name=HOSTILE,
        draft=f"Hi {HOSTILE}",
        draft_kind="public",  # kept: the list withdraws private drafts
    )
    contacts.set_do_not_contact(store, "x", "zed\x1b[31m", by="test")
    store.dispose()
    return path


@pytest.mark.parametrize(
    "command", [["authors", "list"], ["cases", "list"], ["drafts", "list"]], ids=" ".join
)
def test_no_terminal_control_reaches_the_output(config: Path, command: list[str]) -> None:
    result = CliRunner().invoke(app, ["--config", str(config), *command], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert not [c for c in UNSAFE if c in result.output], repr(result.output)
    assert "zed[31m" in result.output  # the rest shows, as text


def test_cli_safe_keeps_the_text_and_drops_the_controls() -> None:
    assert cli_safe(HOSTILE) == "Zed]8;;http://evil.example\\CLICK]8;;\\ 2Jevil X"
    assert cli_safe("Ana\tSouza\r\nLima") == "Ana Souza Lima"
    assert shown("[bold]Ana[/]\x1b") == "\\[bold]Ana\\[/]"
