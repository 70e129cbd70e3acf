"""`run` listening through a PostgreSQL outage with deliveries already due (an alert queued
before it): the outbox worker, waiting between tries, goes on as soon as the pollers find
the database answering again, not once its own wait (up to a minute) is over, and still
delivers each action once."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from pathlib import Path

import pytest

from mentiondesk import outbox
from mentiondesk.pipeline import App
from tests.conftest import Database
from tests.helpers import COMPLAINT, config_for, mention
from tests.test_pipeline import Recorder, recorders

pytestmark = pytest.mark.postgres


class Said(logging.Handler):
    """Sets `seen` once the outbox worker has failed for the database."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.seen = asyncio.Event()

    def emit(self, record: logging.LogRecord) -> None:
        if record.getMessage().startswith("outbox worker: database error"):
            self.seen.set()


async def _until(done: Callable[[], bool], seconds: float) -> bool:
    for _ in range(int(seconds / 0.05)):  # a guard against a hang, not a measure
        if done():
            return True
        await asyncio.sleep(0.05)
    return done()


async def test_due_deliveries_go_out_when_the_pollers_find_the_database_back(
    tmp_path: Path, pg_url: str, database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An hour between the worker's tries, and nothing new to process once the database is
    back (the alert was queued before the outage): only the pollers' finding the store
    answering can bring delivery back while the test runs."""
    monkeypatch.setattr(outbox, "_outage_wait", lambda failures: 3600.0)
    sinks = recorders()
    config = config_for(tmp_path, pg_url, [], poll_seconds=0.2)
    app = App(config, responders=sinks)  # type: ignore[arg-type]
    said = Said()
    await app.initialize()
    logging.getLogger("mentiondesk.outbox").addHandler(said)
    try:
        await asyncio.to_thread(app.store.ingest, "elsewhere", [mention(1, COMPLAINT)], "c1")
        assert await app.process_all() == 1  # decided: its alert waits in the outbox
        database.down()
        await app.start()
        await asyncio.wait_for(said.seen.wait(), 60)  # a guard against a hang, not a measure
        database.up()
        console: Recorder = sinks["console"]
        delivered = await _until(lambda: bool(console.delivered), seconds=30)
        await asyncio.wait_for(app.stop(), 60)
    finally:
        logging.getLogger("mentiondesk.outbox").removeHandler(said)
        await app.shutdown()
    assert delivered and len(console.delivered) == 1
    assert not app.restarts  # waited out in the worker, no crash
