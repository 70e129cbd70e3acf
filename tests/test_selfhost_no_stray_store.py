"""A command that changes rows already stored (a case to resolve, a user to disable, an
action to hold) makes no store where there is none. On a mistyped `[store] url` it made an
empty SQLite file, said "no case MD-000001", and left the file behind: from then on the
mistyped path looked like a store, and `report` showed zeros instead of saying so."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import complaint_and_praise, run_cli
from tests.no_store_helpers import assert_no_sqlite_store_made, assert_no_tables_made
from tests.sentiment_data import EN, write_folder

CHANGING = [
    ("cases", "resolve", "MD-000001"),
    ("cases", "close", "MD-000001"),
    ("survey", "record", "MD-000001", "--kind", "csat", "--score", "5"),
    ("relabel", "1", "positive"),
    ("users", "disable", "ana"),
    ("users", "enable", "ana"),
    ("users", "passwd", "ana", "--random"),
    ("drafts", "approve", "1", "--no-send"),
    ("drafts", "posted", "1"),
    ("drafts", "reject", "1"),
    ("outbox", "retry", "1"),
    ("outbox", "hold", "1"),
    ("outbox", "drop", "1"),
    ("outbox", "look-first", "--all-pending"),
    ("authors", "forget", "x", "cliente_irritada", "--yes"),
    ("store", "purge", "--days", "30"),
]


@pytest.mark.parametrize("command", CHANGING, ids=" ".join)
def test_a_changing_command_makes_no_store_on_a_mistyped_url(
    tmp_path: Path, command: tuple[str, ...]
) -> None:
    config = complaint_and_praise(tmp_path)  # sqlite:///desk.db, beside the config
    assert_no_sqlite_store_made(tmp_path, *run_cli(config, *command))


@pytest.mark.parametrize(
    "command",
    [
        ("users", "add", "ana", "--password-stdin"),
        ("cases", "number-from", "MD-000500"),
        ("authors", "do-not-contact", "x", "cliente_irritada"),
    ],
    ids=" ".join,
)
def test_the_commands_that_set_up_a_new_store_still_make_it(
    tmp_path: Path, command: tuple[str, ...]
) -> None:
    # Before the first run: the first login, numbering past the help desk's tickets, a
    # do-not-contact request for someone who has not posted yet.
    config = complaint_and_praise(tmp_path)
    code, output = run_cli(config, *command, stdin="uma senha bem comprida\n")
    assert code == 0, output
    assert (tmp_path / "desk.db").exists()


def test_once_the_store_is_there_a_missing_case_is_still_named(tmp_path: Path) -> None:
    config = complaint_and_praise(tmp_path)
    assert run_cli(config, "run", "--once")[0] == 0
    code, output = run_cli(config, "cases", "resolve", "MD-000999")
    assert code == 1, output
    assert "MD-000999" in output and "no store" not in output


@pytest.mark.postgres
@pytest.mark.parametrize("command", CHANGING[:5], ids=" ".join)
def test_a_changing_command_makes_no_tables_in_a_database_without_a_store(
    tmp_path: Path, pg_url: str, command: tuple[str, ...]
) -> None:
    """A url naming the wrong database (`postgres`, a colleague's) got all the store's tables
    from a `cases resolve`, as it did from a `report` before."""
    assert_no_tables_made(tmp_path, pg_url, *command)


def test_learning_from_corrections_makes_no_store_on_a_mistyped_url(tmp_path: Path) -> None:
    # Said "no corrections in the store yet" of an empty store it had just made.
    config = complaint_and_praise(tmp_path)
    data = write_folder(tmp_path / "en", EN)
    out = tmp_path / "m.npz"
    args = ("--data", str(data), "--out", str(out), "--corrections")
    assert_no_sqlite_store_made(tmp_path, *run_cli(config, "train-sentiment", *args))
    assert not out.exists()  # refused before the training, not after it
