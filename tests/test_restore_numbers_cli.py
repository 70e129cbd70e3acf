"""`mentiondesk cases number-from N`: after restoring the database from a backup (or starting
a new one) case numbers start again where the backup was, and new cases took numbers whose
tickets the help desk already had. The command moves the numbering past them, on SQLite and
PostgreSQL, and refuses a number a stored case has, or one below the next already."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa

from mentiondesk.tables import AUDIT, CASE
from tests.helpers import COMPLAINT, mention, run_cli, table_rows, write_config, write_mentions


def _config(tmp_path: Path, db_url: str, authors: tuple[str, ...]) -> Path:
    """One complaint by each author, replayed by `run --once`."""
    mentions = [mention(n, COMPLAINT, author=a) for n, a in enumerate(authors, 1)]
    samples = write_mentions(tmp_path / "m.jsonl", mentions)
    return write_config(tmp_path, db_url=db_url, samples=samples)


def test_new_cases_are_numbered_from_n(tmp_path: Path, db_url: str) -> None:
    config = _config(tmp_path, db_url, ("a1",))
    code, said = run_cli(config, "cases", "number-from", "MD-000500")  # a new database
    assert code == 0 and "New cases are numbered from MD-000500 on." in said
    assert run_cli(config, "run", "--once")[0] == 0
    assert table_rows(db_url, sa.select(CASE.c.id)) == [(500,)]
    code, said = run_cli(config, "cases", "number-from", "500")
    assert code == 1 and "MD-000500 is not past the highest case stored, MD-000500" in said
    assert run_cli(config, "cases", "number-from", "0")[0] == 2
    assert run_cli(config, "cases", "number-from", "MD-1200")[0] == 0
    config = _config(tmp_path, db_url, ("a1", "b2"))  # a second author's complaint
    assert run_cli(config, "run", "--once")[0] == 0
    assert table_rows(db_url, sa.select(CASE.c.id)) == [(500,), (1200,)]


def test_a_restored_database_is_numbered_past_its_cases(tmp_path: Path, db_url: str) -> None:
    config = _config(tmp_path, db_url, ("a1",))
    assert run_cli(config, "run", "--once")[0] == 0  # MD-000001, as in the backup
    code, said = run_cli(config, "cases", "number-from", "1")
    assert code == 1 and "not past the highest case stored, MD-000001" in said
    assert run_cli(config, "cases", "number-from", "40")[0] == 0
    code, said = run_cli(config, "cases", "number-from", "39")  # numbers never go back
    assert code == 1 and "new cases are numbered from MD-000040 already" in said


def test_help_says_when_and_why(tmp_path: Path) -> None:
    config = _config(tmp_path, "sqlite:///desk.db", ("a1",))
    code, said = run_cli(config, "cases", "number-from", "--help")
    assert code == 0 and "after restoring the database from a backup" in " ".join(said.split())
    assert "number-from" in run_cli(config, "cases", "--help")[1]


def test_the_audit_trail_says_who_moved_the_numbering(tmp_path: Path, db_url: str) -> None:
    config = _config(tmp_path, db_url, ("a1",))
    assert run_cli(config, "run", "--once")[0] == 0  # MD-000001 opened
    assert run_cli(config, "cases", "number-from", "MD-000900")[0] == 0
    trail = table_rows(db_url, sa.select(AUDIT.c.actor, AUDIT.c.action, AUDIT.c.detail))
    moved = [row for row in trail if row[1] == "case-numbering"]
    assert [(action, detail) for _, action, detail in moved] == [
        ("case-numbering", "from MD-000002 to MD-000900")
    ]
    assert moved[0][0].startswith("cli")
