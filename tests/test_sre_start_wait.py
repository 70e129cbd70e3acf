"""A listening `run` started while PostgreSQL is not up yet (with the host, or while it
restarts) waits for it, saying so, rather than stopping as a config error: systemd's unit
does not restart a process that exits 2 (RestartPreventExitStatus=2). What waiting cannot fix
(a database that does not exist) still stops it at once, and `run --once` (cron's) never
waits."""

from __future__ import annotations

import asyncio
import logging
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from mentiondesk import app_parts
from mentiondesk.models import ConfigError
from mentiondesk.pipeline import App
from tests.conftest import Database
from tests.helpers import COMPLAINT, config_for, mention, write_config, write_mentions
from tests.test_lifecycle import _wait_for
from tests.test_pipeline import recorders

pytestmark = pytest.mark.postgres


def _with_password(url: str) -> str:
    return url.replace("postgres@", "postgres:s3cret@")  # the test server trusts: unchecked


async def test_a_listening_start_waits_for_the_database_and_opens_once_it_is_back(
    tmp_path: Path,
    pg_url: str,
    database: Database,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    waits: list[float] = []

    async def restarting(seconds: float) -> None:
        waits.append(seconds)
        if len(waits) == 4:
            database.up()
        await asyncio.sleep(0)

    monkeypatch.setattr(app_parts, "_sleep", restarting)
    config = config_for(tmp_path, _with_password(pg_url), [])
    database.down()
    app = App(config, responders=recorders(), wait_for_store=True)  # type: ignore[arg-type]
    with caplog.at_level(logging.INFO, "mentiondesk.pipeline"):
        await app.initialize()
    try:
        assert await asyncio.to_thread(app.store.pending_count) == 0  # the store is open
    finally:
        await app.shutdown()
    assert waits == [1.0, 2.0, 4.0, 8.0]
    assert "not currently accepting connections" in caplog.text
    assert "trying again in 8 s" in caplog.text and "reached the database after 4" in caplog.text
    assert "s3cret" not in caplog.text and "postgres:***@" in caplog.text


async def test_a_database_that_does_not_exist_stops_the_start_without_waiting(
    tmp_path: Path, pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    waits: list[float] = []

    async def waiting(seconds: float) -> None:
        waits.append(seconds)

    monkeypatch.setattr(app_parts, "_sleep", waiting)
    config = config_for(tmp_path, pg_url + "_missing", [])
    app = App(config, responders=recorders(), wait_for_store=True)  # type: ignore[arg-type]
    with pytest.raises(ConfigError, match="cannot open"):
        await app.initialize()
    assert waits == []


async def test_without_waiting_a_database_that_is_down_stops_the_start(
    tmp_path: Path, pg_url: str, database: Database
) -> None:
    database.down()
    app = App(config_for(tmp_path, pg_url, []), responders=recorders())  # type: ignore[arg-type]
    with pytest.raises(ConfigError, match="cannot open"):
        await app.initialize()


def test_run_under_systemd_waits_for_the_database_and_a_stop_then_exits_0(
    tmp_path: Path, pg_url: str, database: Database
) -> None:
    """The process as systemd runs it: not exit 2 (never restarted), but waiting, said in the
    journal, until the database answers or a stop comes."""
    samples = write_mentions(tmp_path / "m.jsonl", [mention(1, COMPLAINT)])
    url = _with_password(pg_url)
    config = write_config(tmp_path, db_url=url, samples=samples, extra="[desk]\nenabled = false\n")
    database.down()
    command = [sys.executable, "-m", "mentiondesk", "--config", str(config), "run"]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        said = _wait_for(proc.stderr, "trying again in")
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0 and "Stopping during start-up" in err
    assert "store: cannot reach" in said and "s3cret" not in said + err


async def test_a_url_option_libpq_does_not_know_is_still_said_as_a_config_error(
    tmp_path: Path, pg_url: str
) -> None:
    config = config_for(tmp_path, pg_url + "?sslmod=require", [])
    app = App(config, responders=recorders(), wait_for_store=True)  # type: ignore[arg-type]
    with pytest.raises(ConfigError, match="sslmode"):
        await app.initialize()
