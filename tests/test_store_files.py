"""check-config on a SQLite store that is there: the file and its folder writable (SQLite
opens a read-only file and fails at the first write; its write-ahead log lives beside it),
and the columns a newer version adds named for the next start, without adding them."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import sqlalchemy as sa

from mentiondesk.store import Store
from tests.helpers import complaint_and_praise, run_cli, with_store


@pytest.fixture
def config(tmp_path: Path) -> Path:
    """A config whose SQLite store is made (as a first run makes it)."""
    return with_store(complaint_and_praise(tmp_path))


def _deny(monkeypatch: pytest.MonkeyPatch, path: Path, mode: int) -> None:
    """`path` without write permission; root writes anywhere, so os.access is told too."""
    path.chmod(mode)
    real = os.access
    monkeypatch.setattr(os, "access", lambda p, m: real(p, m) and Path(p) != path)


def test_a_store_file_not_writable_is_refused(
    config: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _deny(monkeypatch, config.parent / "desk.db", 0o444)
    code, output = run_cli(config, "check-config")
    assert code == 2 and "desk.db' is not readable and writable by this user" in output


def test_a_store_in_a_folder_not_writable_is_refused(
    config: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _deny(monkeypatch, config.parent, 0o555)
    try:
        code, output = run_cli(config, "check-config")
    finally:
        config.parent.chmod(0o755)  # for pytest's clean-up
    assert code == 2 and "is not writable by this user" in output
    assert "write-ahead log" in output


def test_a_column_a_newer_version_adds_is_named_and_not_added(config: Path) -> None:
    engine = sa.create_engine(f"sqlite:///{config.parent / 'desk.db'}")
    with engine.begin() as conn:
        conn.execute(sa.text('ALTER TABLE "case" DROP COLUMN ticket_url'))
    code, output = run_cli(config, "check-config")
    assert code == 0 and "note: columns case.ticket_url will be added at the next start" in output
    assert "ticket_url" not in {c["name"] for c in sa.inspect(engine).get_columns("case")}
    engine.dispose()
    store = Store(f"sqlite:///{config.parent / 'desk.db'}")
    store.create_all()  # and the next start adds it
    assert "ticket_url" in {c["name"] for c in sa.inspect(store.engine).get_columns("case")}
    store.dispose()
