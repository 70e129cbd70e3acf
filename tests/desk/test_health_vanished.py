"""/healthz tells an uptime monitor when no worker reads a source because the last one went
without a clean stop (kill -9, the OOM killer): degraded, naming it and since when, while a
clean stop (an upgrade), a restarted worker or a desk with no worker say nothing of it."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from mentiondesk.config import Config, load_config
from mentiondesk.source_health import SourceHealth
from mentiondesk.source_recorder import SourceRecorder
from mentiondesk.source_states import STALE_AFTER, recorded
from mentiondesk.store import Store
from mentiondesk.web import create_app
from tests.desk.seed import write_config
from tests.helpers import age_source_rows


async def _health(config: Config, store: Store) -> dict[str, Any]:
    async with TestServer(create_app(config, store)) as server:
        client: TestClient[web.Request, None] = TestClient(server)
        async with client:
            response = await client.get("/healthz")
            assert response.status == 200  # degraded or not: a balancer keeps the desk
            body: dict[str, Any] = await response.json()
            return body


@contextmanager
def _worker(tmp_path: Path, pg_url: str) -> Iterator[subprocess.Popen[bytes]]:
    """A real `mentiondesk run` listening on the "samples" replay, no desk of its own, until
    it has recorded its source in the store."""
    path = write_config(tmp_path, pg_url, desk="enabled = false")
    with path.open("a", encoding="utf-8") as f:
        f.write('\n[sentiment]\nclassifier = "vader"\n')
    command = [sys.executable, "-m", "mentiondesk", "--config", str(path), "run"]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    out = (tmp_path / "run.log").open("w")
    proc = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=out, stderr=out, env=env)
    try:
        store, deadline = Store(pg_url), time.monotonic() + 60
        try:
            while not any(r.writer == _writer(proc) for r in _rows(store)):
                assert proc.poll() is None, (tmp_path / "run.log").read_text()
                assert time.monotonic() < deadline, (tmp_path / "run.log").read_text()
                time.sleep(0.2)
        finally:
            store.dispose()
        yield proc
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=60)
        out.close()


def _writer(proc: subprocess.Popen[bytes]) -> str:
    return f"{socket.gethostname()}:{proc.pid}"


def _rows(store: Store) -> list[Any]:
    try:
        return recorded(store)
    except Exception:  # the worker has not made the schema yet
        return []


@pytest.mark.postgres
async def test_a_worker_killed_with_sigkill_degrades_once_stale_naming_its_source(
    tmp_path: Path, pg_url: str
) -> None:
    with _worker(tmp_path, pg_url) as proc:
        writer = _writer(proc)
        proc.send_signal(signal.SIGKILL)  # no clean stop: its rows are never marked ended
        proc.wait(timeout=30)
    config, store = load_config(tmp_path / "config.toml"), Store(pg_url)
    try:
        fresh = await _health(config, store)  # within the grace: a restart may be on its way
        assert fresh["status"] == "ok" and "no_worker_since" not in fresh
        last = age_source_rows(pg_url, writer, STALE_AFTER + timedelta(seconds=30))
        body = await _health(config, store)
    finally:
        store.dispose()
    assert body["status"] == "degraded"
    assert body["no_worker_since"] == {"samples": last.isoformat(timespec="seconds")}
    assert body["sources"]["samples"]["status"] == "unknown"


@pytest.mark.postgres
async def test_a_worker_stopped_cleanly_does_not_degrade(tmp_path: Path, pg_url: str) -> None:
    with _worker(tmp_path, pg_url) as proc:
        writer = _writer(proc)
        proc.send_signal(signal.SIGTERM)  # systemctl stop, for an upgrade
        assert proc.wait(timeout=60) == 0
    age_source_rows(pg_url, writer, 2 * STALE_AFTER)  # stopped long ago: still meant
    config, store = load_config(tmp_path / "config.toml"), Store(pg_url)
    try:
        body = await _health(config, store)
    finally:
        store.dispose()
    assert body["status"] == "ok" and "no_worker_since" not in body
    assert body["sources"]["samples"]["status"] == "unknown"


async def _write(store: Store, writer: str, *names: str) -> None:
    assert await SourceRecorder(store, writer=writer).record([SourceHealth(n) for n in names])


async def test_a_worker_restarted_after_a_kill_reads_again(config: Config, store: Store) -> None:
    await _write(store, "worker:1", "samples")
    age_source_rows(config.store_url(), "worker:1", 2 * STALE_AFTER)  # killed long ago
    assert (await _health(config, store))["status"] == "degraded"
    await _write(store, "worker:2", "samples")  # systemd's Restart= brought another up
    body = await _health(config, store)
    assert body["status"] == "ok" and "no_worker_since" not in body


async def test_a_clean_stop_after_a_killed_one_is_what_counts(config: Config, store: Store) -> None:
    """Killed, restarted, then stopped cleanly for an upgrade: the latest writer's stop was
    meant, though the killed one's row is still in the store."""
    stopped = SourceHealth("samples", stopped=True, error="FatalError", reason="401")
    assert await SourceRecorder(store, writer="worker:1").record([stopped])
    age_source_rows(config.store_url(), "worker:1", 3 * STALE_AFTER)
    restarted = SourceRecorder(store, writer="worker:2")
    restarted.start(lambda: [SourceHealth("samples")])
    await restarted.close([SourceHealth("samples")])
    age_source_rows(config.store_url(), "worker:2", 2 * STALE_AFTER)
    body = await _health(config, store)
    assert body["status"] == "ok" and "no_worker_since" not in body


async def test_only_the_sources_of_the_desks_config_count(config: Config, store: Store) -> None:
    """A source dropped from the config after its worker was killed: its rows stay until
    pruned, yet nobody is meant to read it."""
    await _write(store, "worker:1", "dropped")
    age_source_rows(config.store_url(), "worker:1", 2 * STALE_AFTER)
    await _write(store, "worker:2", "samples")
    body = await _health(config, store)
    assert body["status"] == "ok" and "no_worker_since" not in body
    assert body["sources"]["dropped"]["status"] == "unknown"


async def test_a_desk_with_no_worker_yet_is_ok(config: Config, store: Store) -> None:
    body = await _health(config, store)
    assert body["status"] == "ok" and "sources" not in body and "no_worker_since" not in body
