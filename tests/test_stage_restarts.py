"""`run` up for weeks: a stage's task (a poller, the processor) that dies of an unexpected
exception is started again after a backoff, said each time by class only (the message may
quote a post), its restarts counted; one that keeps dying does not spin, and a stop still
joins everything. After a database outage, processing goes on as soon as the pollers find
the store answering, not once its own wait between tries is over."""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from pathlib import Path

import pytest

from mentiondesk import pipeline
from mentiondesk.models import Batch
from mentiondesk.pipeline import App
from mentiondesk.supervision import supervised
from tests.conftest import Database
from tests.helpers import COMPLAINT, config_for, mention
from tests.outage_helpers import back_after_outage, until
from tests.test_pipeline import Recorder, recorders

POST = "my Lumora lamp set my curtains on fire"


class Buggy:
    """A source plugin with a bug: its first poll returns no page at all (a forgotten
    `return`), which the poll loop cannot read; later polls read the complaint."""

    name = "buggy"
    poll_seconds = 0.05

    def __init__(self) -> None:
        self.polls = 0

    async def poll(self, cursor: str | None) -> Batch:
        self.polls += 1
        if self.polls == 1:
            return None  # type: ignore[return-value]
        return Batch(mentions=[mention(1, COMPLAINT)] if cursor is None else [], cursor="c1")

    async def close(self) -> None:
        return None


def _lines(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "mentiondesk.supervision"]


async def test_a_poller_that_crashes_is_restarted_and_reads_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(pipeline, "RETRY", 0.05)
    source, sinks = Buggy(), recorders()
    config = config_for(tmp_path, f"sqlite:///{tmp_path / 'run.db'}", [])
    app = App(config, sources=[source], responders=sinks)  # type: ignore[list-item,arg-type]
    with caplog.at_level(logging.INFO):
        async with app:
            await app.start()
            read = await until(lambda: bool(sinks["console"].delivered))
            restarts = dict(app.restarts)
            await asyncio.wait_for(app.stop(), 30)
    assert read and source.polls >= 2  # polled again after the crash, the complaint alerted
    assert restarts == {"poll:buggy": 1}
    assert _lines(caplog) == [
        "task poll:buggy failed (AttributeError); restarting it in 0.05 s (restart 1)"
    ]


def _crashing(monkeypatch: pytest.MonkeyPatch, times: int) -> list[int]:
    """The processor's loop dies `times` times (a bug), quoting a post, then works."""
    crashes: list[int] = []
    real = App._process_safely

    async def crashing(self: App) -> None:
        if len(crashes) < times:
            crashes.append(1)
            raise RuntimeError(f"cannot decide {POST!r}")
        await real(self)

    monkeypatch.setattr(App, "_process_safely", crashing)
    return crashes


async def test_a_processor_that_crashes_is_restarted_and_decides_what_is_stored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(pipeline, "RETRY", 0.05)
    crashes = _crashing(monkeypatch, times=2)
    sinks = recorders()
    config = config_for(tmp_path, f"sqlite:///{tmp_path / 'run.db'}", [mention(1, COMPLAINT)])
    app = App(config, responders=sinks)  # type: ignore[arg-type]
    with caplog.at_level(logging.INFO):
        async with app:
            await app.start()
            decided = await until(lambda: bool(sinks["console"].delivered))
            restarts = dict(app.restarts)
            await asyncio.wait_for(app.stop(), 30)
    assert decided and len(crashes) == 2 and restarts == {"processor": 2}
    assert _lines(caplog) == [
        "task processor failed (RuntimeError); restarting it in 0.05 s (restart 1)",
        "task processor failed (RuntimeError); restarting it in 0.1 s (restart 2)",
    ]
    assert POST not in caplog.text


async def test_a_stage_that_keeps_crashing_backs_off_and_a_stop_still_joins(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pipeline, "RETRY", 0.05)
    crashes = _crashing(monkeypatch, times=10_000)
    sinks = recorders()
    config = config_for(tmp_path, f"sqlite:///{tmp_path / 'run.db'}", [])
    app = App(config, responders=sinks)  # type: ignore[arg-type]
    async with app:
        await app.start()
        await asyncio.sleep(1.0)
        restarts = app.restarts["processor"]
        await asyncio.wait_for(app.stop(), 10)  # not held up by the wait before a restart
        assert app._processor_task is None and app._outbox_task is None
    # 0.05 s doubling: 0.05 + 0.1 + 0.2 + 0.4 = 0.75 s, the fifth wait ends after the second.
    assert 3 <= restarts <= 5 and len(crashes) <= 6


async def test_a_stop_during_the_wait_before_a_restart_is_not_held_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pipeline, "RETRY", 3600.0)
    crashes = _crashing(monkeypatch, times=1)
    config = config_for(tmp_path, f"sqlite:///{tmp_path / 'run.db'}", [])
    async with App(config, responders=recorders()) as app:  # type: ignore[arg-type]
        await app.start()
        assert await until(lambda: app.restarts["processor"] == 1)
        await asyncio.wait_for(app.stop(), 5)  # an hour's wait is cut short by the stop
    assert len(crashes) == 1


async def test_a_stage_that_ran_a_while_before_crashing_waits_the_first_wait_again(
    caplog: pytest.LogCaptureFixture,
) -> None:
    now = [0.0]
    runs: list[float] = []

    async def stage() -> None:
        runs.append(now[0])
        if len(runs) == 4:
            now[0] += 10.0  # up and working for `cap` seconds, then it crashes again
        if len(runs) < 5:
            raise OSError("broken")

    restarts: Counter[str] = Counter()
    with caplog.at_level(logging.ERROR):
        await asyncio.wait_for(
            supervised(
                "x",
                stage,
                stopping=asyncio.Event(),
                restarts=restarts,
                first=0.01,
                cap=10.0,
                clock=lambda: now[0],
            ),
            5,
        )
    waits = [r.getMessage().split(" in ")[1] for r in caplog.records]
    assert waits == [
        "0.01 s (restart 1)",
        "0.02 s (restart 2)",
        "0.04 s (restart 3)",
        "0.01 s (restart 4)",
    ]
    assert restarts == {"x": 4}


@pytest.mark.postgres
async def test_processing_goes_on_when_the_pollers_find_the_database_back(
    tmp_path: Path, pg_url: str, database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An hour between tries, and no new page once the database is back (the complaint was
    read before the outage): only the pollers' finding the store answering can bring
    processing back while the test runs."""
    monkeypatch.setattr(pipeline, "RETRY", 3600.0)
    monkeypatch.setattr(pipeline, "RETRY_CAP", 3600.0)
    sinks = recorders()
    config = config_for(tmp_path, pg_url, [], poll_seconds=0.2)
    app = App(config, responders=sinks)  # type: ignore[arg-type]
    console: Recorder = sinks["console"]

    async def read_before() -> None:
        await asyncio.to_thread(app.store.ingest, "elsewhere", [mention(1, COMPLAINT)], "c1")

    decided = await back_after_outage(
        app,
        database,
        failed=("mentiondesk.pipeline", "processing failed"),
        done=lambda: bool(console.delivered),
        before=read_before,
    )
    assert decided and len(console.delivered) == 1
