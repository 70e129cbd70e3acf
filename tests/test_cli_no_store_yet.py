"""A command that only shows what is stored makes no SQLite store where there is none: an
empty new file showed zeros, as if a mistyped [store] url were a quiet week."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import complaint_and_praise, run_cli
from tests.no_store_helpers import assert_no_sqlite_store_made, assert_no_tables_made

READING = [
    ("report",),
    ("report", "--format", "json"),
    ("cases", "list"),
    ("drafts", "list"),
    ("outbox", "list"),
    ("authors", "list"),
    ("users", "list"),
]


@pytest.mark.parametrize("command", READING, ids=" ".join)
def test_a_reading_command_says_there_is_no_store_yet(tmp_path: Path, command: tuple[str]) -> None:
    config = complaint_and_praise(tmp_path)  # sqlite:///desk.db, beside the config
    assert_no_sqlite_store_made(tmp_path, *run_cli(config, *command))


def test_the_first_users_add_still_makes_the_store(tmp_path: Path) -> None:
    # Before the first run, an admin adds the first login: that command makes the store.
    config = complaint_and_praise(tmp_path)
    assert (
        run_cli(config, "users", "add", "Ana", "--password-stdin", stdin="a long enough secret\n")[
            0
        ]
        == 0
    )
    assert (tmp_path / "desk.db").exists()
    code, output = run_cli(config, "users", "list")
    assert code == 0 and "Ana" in output


def test_after_a_run_the_commands_read_the_store(tmp_path: Path) -> None:
    config = complaint_and_praise(tmp_path)
    assert run_cli(config, "run", "--once")[0] == 0
    code, output = run_cli(config, "report")
    assert code == 0 and "no store" not in output


@pytest.mark.postgres
@pytest.mark.parametrize("command", READING[:3], ids=" ".join)
def test_a_reading_command_makes_no_tables_in_a_database_without_a_store(
    tmp_path: Path, pg_url: str, command: tuple[str]
) -> None:
    """A url naming the wrong database (`postgres`, a colleague's) got all the store's tables
    from a `report`, and showed zeros as if it were a quiet week."""
    config = assert_no_tables_made(tmp_path, pg_url, *command)
    assert run_cli(config, "run", "--once")[0] == 0  # the first run makes it, as it says
    assert run_cli(config, *command)[0] == 0
