"""Checks shared by the tests of commands that must make no store where there is none
(test_cli_no_store_yet: commands that read; test_selfhost_no_stray_store: commands that
change rows): exit 2, say so, and leave no SQLite file and no tables behind."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa

from tests.helpers import mention, run_cli, write_config, write_mentions


def assert_no_sqlite_store_made(tmp_path: Path, code: int, output: str) -> None:
    """A command run on `complaint_and_praise(tmp_path)` (sqlite:///desk.db, beside the
    config) refused, said where the store is missing, and made no file there."""
    assert code == 2, output
    assert f"there is no store at {tmp_path / 'desk.db'} yet" in output
    assert "the first `mentiondesk run` creates it" in output
    assert not (tmp_path / "desk.db").exists()


def assert_no_tables_made(tmp_path: Path, pg_url: str, *command: str) -> Path:
    """COMMAND run on a config whose url names an empty PostgreSQL database (the wrong one,
    as `postgres` or a colleague's) refused, named the database, and laid no tables in it.
    Returns the config, for what the test does next."""
    samples = write_mentions(tmp_path / "m.jsonl", [mention(1)])
    config = write_config(tmp_path, db_url=pg_url, samples=samples)
    code, output = run_cli(config, *command)
    assert code == 2, output
    database = sa.engine.make_url(pg_url).database
    assert f"database '{database}' holds no mentiondesk store yet" in output
    engine = sa.create_engine(pg_url)
    try:
        assert sa.inspect(engine).get_table_names() == []
    finally:
        engine.dispose()
    return config
