"""`run` on a SQLite store its user cannot write, as after a first `users add` run as root for a
service that runs as its own user (README "Running in production"): a configuration problem,
exit 2 (systemd's RestartPreventExitStatus=2 stops there), naming the owner and the chown,
never a traceback at the first write and exit 1 (systemd restarting it forever)."""

from __future__ import annotations

import os
import pwd
from pathlib import Path

import pytest
import sqlalchemy as sa

from tests.helpers import complaint_and_praise, run_cli, with_store


def _root_made(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    """`path` read-only to this user, as root's file is to the service's; root writes
    anywhere, so os.access is told too (as check-config's tests do)."""
    path.chmod(0o444)
    real = os.access
    monkeypatch.setattr(os, "access", lambda p, m: real(p, m) and Path(p) != path)


def test_run_refuses_a_store_it_cannot_write_naming_the_owner_and_the_fix(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = with_store(complaint_and_praise(tmp_path))
    store = tmp_path / "desk.db"
    _root_made(monkeypatch, store)
    try:
        code, output = run_cli(config, "run", "--once")
    finally:
        store.chmod(0o644)
    me = pwd.getpwuid(os.geteuid()).pw_name
    said = " ".join(output.split())  # rich wraps the line at the terminal's width
    assert code == 2, output
    assert f"desk.db' is not readable and writable by this user ({me})" in said
    assert f"chown {me}: {store}" in said
    assert "Traceback" not in output
    engine = sa.create_engine(f"sqlite:///{store}")
    with engine.connect() as conn:  # nothing was read: it stopped before the sources
        assert conn.execute(sa.text("SELECT count(*) FROM mention")).scalar() == 0
    engine.dispose()
