"""An SRE pages on /healthz and `sources check`, with the desk and the workers in separate
processes: a worker serving no desk (`run --sources none`, [desk] off) whose processor keeps
crashing used to say so only in its own log, so /healthz stayed "ok" and the check passed
while nothing was decided. Each process now records its stages' restarts in the store: here
a worker App and a desk with stores of their own on one real PostgreSQL database."""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from collections.abc import Iterator
from datetime import timedelta
from functools import partial
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from mentiondesk import pipeline, stage_restarts
from mentiondesk.pipeline import App
from mentiondesk.source_recorder import writer_name
from mentiondesk.store import Store
from mentiondesk.supervision import supervised
from mentiondesk.tables import STAGE_RESTART
from tests.helpers import config_for
from tests.outage_helpers import until
from tests.sources_fixtures import NOW, HnSearch, check_hn, healthz, sao_paulo_config, serve
from tests.test_pipeline import recorders

POST = "my Lumora lamp set my curtains on fire"
FAILED = "Check failed (exit 1)"


@pytest.fixture
def hn_url() -> Iterator[str]:
    yield from serve(HnSearch)


def _crashing_processor(monkeypatch: pytest.MonkeyPatch, times: int) -> None:
    """The processor's loop dies the first `times` times it starts (a bug), quoting a post,
    then finds nothing to do: the count is exact however slowly the test polls (it reached 5
    for 2 on a busy machine). The restarts' waits are cut short."""
    monkeypatch.setattr(pipeline, "RETRY", 0.01)
    monkeypatch.setattr(pipeline, "RETRY_CAP", 0.01)
    crashes = 0

    async def crashing(self: App) -> None:
        nonlocal crashes
        if crashes < times:
            crashes += 1
            raise RuntimeError(f"cannot decide {POST!r}")
        # After that, a pass that finds nothing to do: the loop waits for work or a stop.

    monkeypatch.setattr(App, "_process_safely", crashing)


async def _worker_crashes(tmp_path: Path, url: str, times: int) -> None:
    """A worker with no desk and no source, its processor restarted `times` times, stopped."""
    config = config_for(tmp_path / "worker", url, [])
    app = App(config, sources=[], responders=recorders())
    async with app:
        await app.start()
        assert await until(lambda: app.restarts["processor"] >= times)
        await asyncio.wait_for(app.stop(), 10)


async def _desk_healthz(tmp_path: Path, url: str) -> dict[str, Any]:
    """/healthz of a desk in another process: its own config and its own store's engine."""
    config = sao_paulo_config(tmp_path / "desk", url)
    store = Store(url)
    try:
        return await healthz(config, store, NOW)
    finally:
        store.dispose()


@pytest.mark.postgres
async def test_a_worker_without_a_desk_whose_processor_keeps_crashing_degrades_healthz(
    tmp_path: Path, pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "worker").mkdir()
    (tmp_path / "desk").mkdir()
    _crashing_processor(monkeypatch, stage_restarts.KEEPS_CRASHING)
    await _worker_crashes(tmp_path, pg_url, stage_restarts.KEEPS_CRASHING)
    body = await _desk_healthz(tmp_path, pg_url)
    assert body["status"] == "degraded"
    assert body["restarts"]["processor"] >= stage_restarts.KEEPS_CRASHING
    assert body["keeps_crashing"] == ["processor"]
    assert POST not in str(body) and writer_name() not in str(body)  # public: no host named


@pytest.mark.postgres
async def test_a_few_restarts_in_a_worker_are_shown_and_stay_ok(
    tmp_path: Path, pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "worker").mkdir()
    (tmp_path / "desk").mkdir()
    _crashing_processor(monkeypatch, 2)
    await _worker_crashes(tmp_path, pg_url, 2)
    body = await _desk_healthz(tmp_path, pg_url)
    assert body["status"] == "ok" and "keeps_crashing" not in body
    assert 2 <= body["restarts"]["processor"] < stage_restarts.KEEPS_CRASHING


@pytest.mark.postgres
def test_sources_check_names_the_worker_and_stage_that_keeps_crashing_and_exits_1(
    tmp_path: Path, pg_url: str, hn_url: str
) -> None:
    """What the worker wrote, by the store's rows: the check reads them in its own process."""
    store = Store(pg_url)
    store.create_all()
    try:
        for _ in range(stage_restarts.KEEPS_CRASHING):
            stage_restarts.write(store, "outbox", "worker-2:777")
        stage_restarts.write(store, "poll:hn", "worker-1:4242")
    finally:
        store.dispose()
    status, output = check_hn(tmp_path, pg_url, hn_url)
    assert "Stages restarted after a crash in the last hour:" in output
    assert "outbox in worker worker-2:777: 5 restarts, the latest at" in output
    assert "KEEPS CRASHING (/healthz says degraded)" in output
    assert "poll:hn in worker worker-1:4242: 1 restart, the latest at" in output
    assert output.endswith(f"{FAILED}: outbox in worker worker-2:777 (keeps crashing)")
    assert status == 1


def test_sources_check_passes_with_a_blip_and_says_nothing_without_restarts(
    tmp_path: Path, hn_url: str
) -> None:
    url = f"sqlite:///{tmp_path / 'store.db'}"
    store = Store(url)
    store.create_all()
    try:
        status, output = check_hn(tmp_path, url, hn_url)
        assert status == 0 and "Stages restarted" not in output
        stage_restarts.write(store, "processor", "worker-1:4242")
    finally:
        store.dispose()
    status, output = check_hn(tmp_path, url, hn_url)
    assert "processor in worker worker-1:4242: 1 restart" in output
    assert status == 0 and FAILED not in output


def test_a_stage_that_worked_since_is_shown_but_fails_nothing(tmp_path: Path, hn_url: str) -> None:
    """Five restarts twenty minutes ago (by the database's clock), none since: over it."""
    url = f"sqlite:///{tmp_path / 'store.db'}"
    store = Store(url)
    store.create_all()
    try:
        for _ in range(stage_restarts.KEEPS_CRASHING):
            stage_restarts.write(store, "outbox", "worker-1:4242")
        with store.engine.begin() as conn:
            latest = conn.scalar(sa.select(sa.func.max(STAGE_RESTART.c.at)))
            back = latest - timedelta(minutes=20)
            conn.execute(sa.update(STAGE_RESTART).values(at=back))
        assert [one.crashing() for one in stage_restarts.recent(store)] == [False]
    finally:
        store.dispose()
    status, output = check_hn(tmp_path, url, hn_url)
    assert "outbox in worker worker-1:4242: 5 restarts" in output
    assert "none since, working again" in output and status == 0


async def test_a_store_refusing_the_restart_is_logged_and_the_stage_restarts_anyway(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    store = Store(f"sqlite:///{tmp_path / 'empty.db'}")  # no schema: every write refused
    runs: list[int] = []

    async def stage() -> None:
        runs.append(1)
        if len(runs) < 3:
            raise RuntimeError(f"cannot decide {POST!r}")

    restarts: Counter[str] = Counter()
    record = partial(stage_restarts.record, store)
    try:
        with caplog.at_level(logging.ERROR):
            kept = supervised(
                "outbox",
                stage,
                stopping=asyncio.Event(),
                restarts=restarts,
                first=0.01,
                cap=0.01,
                record=record,
            )
            await asyncio.wait_for(kept, 10)
    finally:
        store.dispose()
    assert len(runs) == 3 and restarts == {"outbox": 2}
    said = "task outbox: recording its restart in the store failed (OperationalError)"
    assert said in caplog.text and POST not in caplog.text
