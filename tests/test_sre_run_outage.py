"""`run` listening through a PostgreSQL outage (the database refusing connections, as while it
restarts): processing waits longer between tries rather than a traceback a second, says once
it works again, is woken by a page stored once the database is back rather than waiting out
its wait, and the mention read before the outage is decided and alerted once."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

import pytest

from mentiondesk import outage_wait, pipeline
from mentiondesk.lifecycle import retry_wait
from mentiondesk.outbox_waits import wait_any
from mentiondesk.pipeline import App
from tests.conftest import Database
from tests.helpers import COMPLAINT, config_for, mention
from tests.outage_helpers import Said, back_after_outage, until
from tests.test_pipeline import Recorder, recorders

pytestmark = pytest.mark.postgres
DOWN_FOR = 8  # failed tries before the database is back


async def test_processing_backs_off_through_an_outage_and_decides_once_when_back(
    tmp_path: Path,
    pg_url: str,
    database: Database,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    waits: list[float] = []

    async def restarting(stop: asyncio.Event, wake: asyncio.Event, seconds: float) -> None:
        if stop is not app.stop_event:  # the outbox worker's (it stops later): as it is
            return await wait_any(stop, wake, seconds)
        waits.append(seconds)  # the processor's: no real seconds
        if len(waits) == DOWN_FOR:
            database.up()
        await asyncio.sleep(0)

    monkeypatch.setattr(outage_wait, "wait_any", restarting)
    sinks = recorders()
    app = App(config_for(tmp_path, pg_url, []), responders=sinks)  # type: ignore[arg-type]
    await app.initialize()
    try:
        # Stored before the outage (read from the platform, not yet decided).
        await asyncio.to_thread(app.store.ingest, "samples", [mention(1, COMPLAINT)], "c1")
        database.down()
        with caplog.at_level(logging.DEBUG, "mentiondesk.pipeline"):
            await app.start()
            await until(lambda: bool(sinks["console"].delivered), seconds=60)
            await asyncio.wait_for(app.stop(), 60)
    finally:
        await app.shutdown()
    assert waits == [1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 60.0, 60.0]
    failed = [r for r in caplog.records if r.name == "mentiondesk.pipeline" and r.levelno >= 40]
    assert len(failed) == DOWN_FOR and sum(r.exc_info is not None for r in failed) == 1
    assert f"processing again after {DOWN_FOR} failed tries" in caplog.text
    assert [a.key for a in sinks["console"].delivered] == [sinks["console"].delivered[0].key]


def test_the_wait_between_tries_stays_a_number_however_long_the_outage() -> None:
    assert retry_wait(5000, pipeline.RETRY, pipeline.RETRY_CAP) == pipeline.RETRY_CAP


async def test_a_stop_during_the_outage_does_not_say_processing_works_again(
    tmp_path: Path,
    pg_url: str,
    database: Database,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    monkeypatch.setattr(pipeline, "RETRY", 3600.0)  # only the stop ends the wait
    monkeypatch.setattr(pipeline, "RETRY_CAP", 3600.0)
    said = Said("processing failed")
    app = App(config_for(tmp_path, pg_url, []), responders=recorders())  # type: ignore[arg-type]
    await app.initialize()
    logging.getLogger("mentiondesk.pipeline").addHandler(said)
    try:
        database.down()
        with caplog.at_level(logging.DEBUG, "mentiondesk.pipeline"):
            await app.start()
            await asyncio.wait_for(said.seen.wait(), 60)  # a guard against a hang, not a measure
            await asyncio.wait_for(app.stop(), 60)
    finally:
        logging.getLogger("mentiondesk.pipeline").removeHandler(said)
        await app.shutdown()
    assert "processing failed" in caplog.text and "processing again" not in caplog.text


async def test_a_page_stored_once_the_database_is_back_ends_the_wait_between_tries(
    tmp_path: Path, pg_url: str, database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An hour between tries: only the page the poller stores once the database answers can
    bring processing back while the test runs."""
    monkeypatch.setattr(pipeline, "RETRY", 3600.0)
    monkeypatch.setattr(pipeline, "RETRY_CAP", 3600.0)
    sinks = recorders()
    config = config_for(tmp_path, pg_url, [mention(1, COMPLAINT)], poll_seconds=0.2)
    app = App(config, responders=sinks)  # type: ignore[arg-type]
    console: Recorder = sinks["console"]
    decided = await back_after_outage(
        app,
        database,
        failed=("mentiondesk.pipeline", "processing failed"),
        done=lambda: bool(console.delivered),
    )
    assert decided and len(console.delivered) == 1
