"""The outbox worker through a database outage logs the first failed pass with its traceback
and each try after it as one warning line (the error's class and the driver's first line):
before, a traceback a try, one a minute for as long as the outage lasted, each saying the
same. Nothing it logs holds what an action says. On PostgreSQL, refusing connections."""

from __future__ import annotations

import asyncio
import logging
import re

import pytest

from mentiondesk import outage_wait
from mentiondesk.config import OutboxSection
from mentiondesk.outbox import OutboxWorker
from mentiondesk.store import Store
from tests.conftest import Database
from tests.helpers import mention
from tests.outage_helpers import until
from tests.test_outbox import Clock, Flaky, _enqueue, _row

pytestmark = pytest.mark.postgres
DOWN_FOR = 4  # failed passes before the database is back
_AGAIN = re.compile(
    r"outbox worker: database error again \(OperationalError: [^\n]*accepting connections"
    r"[^\n]*; (\d+) tries\); next try in (\d+) s"
)


async def test_an_outage_logs_one_traceback_then_one_line_a_try(
    pg_store: Store,
    database: Database,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    clock, sink, stop = Clock(), Flaky(), asyncio.Event()
    _enqueue(pg_store, "k1", clock.now)
    worker = OutboxWorker(pg_store, {"sink": sink}, OutboxSection(), clock=clock, lease_wall=clock)
    waits: list[float] = []

    async def restarting(_: asyncio.Event, wake: asyncio.Event, seconds: float) -> None:
        waits.append(seconds)  # the waits between tries: no real seconds
        if len(waits) == DOWN_FOR:
            database.up()
        await asyncio.sleep(0)

    monkeypatch.setattr(outage_wait, "wait_any", restarting)
    database.down()
    with caplog.at_level(logging.DEBUG, "mentiondesk.outbox"):
        running = asyncio.create_task(worker.run(stop, asyncio.Event()))
        await until(lambda: bool(sink.calls), seconds=60)
        stop.set()
        await asyncio.wait_for(running, 60)  # a guard, not a measure
    assert waits == [2.0, 4.0, 8.0, 16.0]
    assert sink.calls == ["k1"] and _row(pg_store, "k1").status == "done"
    failed = [r for r in caplog.records if "database error" in r.getMessage()]
    first, *again = failed
    assert first.levelno == logging.ERROR and first.exc_info is not None
    assert first.getMessage() == "outbox worker: database error; retrying"
    # Before: DOWN_FOR tracebacks, one a try.
    assert len(again) == DOWN_FOR - 1 and all(r.exc_info is None for r in again)
    assert all(r.levelno == logging.WARNING for r in again)
    said = [_AGAIN.fullmatch(r.getMessage()) for r in again]
    assert [(m[1], m[2]) for m in said if m] == [("2", "4"), ("3", "8"), ("4", "16")], again
    assert mention(1).text not in caplog.text
