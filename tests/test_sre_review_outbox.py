"""The outbox worker through a PostgreSQL outage (the database refusing connections, as
while it restarts): it waits between tries rather than spinning, and a delivery made just
before the outage is recorded once the database answers, not sent again."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from datetime import timedelta

import pytest
import sqlalchemy as sa

from mentiondesk.config import OutboxSection
from mentiondesk.models import OutboxAction, Receipt
from mentiondesk.outbox import OutboxWorker
from mentiondesk.outbox_record import RECORD_TRIES
from mentiondesk.store import Store
from tests.conftest import Database
from tests.test_outbox import Clock, Flaky, _enqueue, _row

pytestmark = pytest.mark.postgres


class Tries(logging.Handler):
    """Counts the worker's failed tries, and says when the first came (an error with its
    traceback, then a warning a try: outbox._failed)."""

    def __init__(self, then: Callable[[], None] = lambda: None) -> None:
        super().__init__(logging.WARNING)
        self.count, self.first, self.then = 0, asyncio.Event(), then

    def emit(self, record: logging.LogRecord) -> None:
        if "database error" in record.getMessage():
            self.count += 1
            self.first.set()
            self.then()


async def test_an_outage_with_work_woken_is_tried_again_after_a_wait_not_at_once(
    pg_store: Store, database: Database
) -> None:
    """New work woke the worker just before the database went away: the wake is used up by
    the first failed try, not by every try after it (a traceback per millisecond)."""
    worker = OutboxWorker(pg_store, {"sink": Flaky()}, OutboxSection())
    stop, wake, tries = asyncio.Event(), asyncio.Event(), Tries()
    database.down()
    wake.set()
    logging.getLogger("mentiondesk.outbox").addHandler(tries)
    try:
        running = asyncio.create_task(worker.run(stop, wake))
        await asyncio.wait_for(tries.first.wait(), 30)
        await asyncio.sleep(0.3)  # the first wait after a failure is 2 s
        stop.set()
        await asyncio.gather(running, return_exceptions=True)  # its drain finds it down
    finally:
        logging.getLogger("mentiondesk.outbox").removeHandler(tries)
    assert tries.count == 1


class DownAfterSending(Flaky):
    """Sends, then the database goes down before the worker can record it."""

    def __init__(self, database: Database) -> None:
        super().__init__()
        self.database = database

    async def deliver(self, action: OutboxAction) -> Receipt:
        receipt = await super().deliver(action)
        self.database.down()
        return receipt


@pytest.mark.parametrize("passes", ["run", "drain"])
async def test_a_delivery_made_as_the_database_went_down_is_recorded_when_it_is_back(
    pg_store: Store, database: Database, passes: str
) -> None:
    """The database is back only after the quick tries (a restart of more than a few seconds):
    the receipt in hand is recorded then, so the action is not sent again when its lease lapses
    (a webhook chat cannot look for the earlier send)."""
    clock, sink, stop = Clock(), DownAfterSending(database), asyncio.Event()
    _enqueue(pg_store, "k1", clock.now)
    worker = OutboxWorker(pg_store, {"sink": sink}, OutboxSection(), clock=clock, lease_wall=clock)
    waits: list[float] = []

    def back() -> None:
        database.up()
        stop.set()

    async def restarting(seconds: float) -> None:
        waits.append(seconds)
        if len(waits) == RECORD_TRIES + 2:
            back()

    worker._sleep = restarting  # type: ignore[assignment]
    given_up = Tries(back)  # the receipt given up: the worker's loop goes on without it
    logging.getLogger("mentiondesk.outbox").addHandler(given_up)
    # The drain as `run --once` ends with one: a stop could end it.
    delivering = worker.run(stop, asyncio.Event()) if passes == "run" else worker.drain(stop=stop)
    try:
        with contextlib.suppress(sa.exc.OperationalError):
            await delivering
    finally:
        logging.getLogger("mentiondesk.outbox").removeHandler(given_up)
    clock.now += timedelta(seconds=worker.settings.lease_seconds + 1)
    await worker.drain()
    assert sink.calls == ["k1"] and _row(pg_store, "k1").status == "done"


async def test_a_stop_gives_up_recording_through_an_outage_once_its_grace_is_spent(
    pg_store: Store, database: Database, caplog: pytest.LogCaptureFixture
) -> None:
    """A stop's drain keeps to its grace: the receipt is given up with the line that says to
    hold the action, rather than waited on until the database is back."""
    clock, sink, elapsed = Clock(), DownAfterSending(database), [0.0]
    _enqueue(pg_store, "k1", clock.now)
    worker = OutboxWorker(
        pg_store, {"sink": sink}, OutboxSection(), clock=clock, monotonic=lambda: elapsed[0]
    )

    async def waiting(seconds: float) -> None:
        elapsed[0] += seconds

    worker._sleep = waiting  # type: ignore[assignment]
    with (
        caplog.at_level(logging.ERROR, "mentiondesk.outbox"),
        pytest.raises(sa.exc.OperationalError),
    ):
        await worker.drain(grace=20.0)
    assert 20.0 <= elapsed[0] < 30.0 and "could not be recorded" in caplog.text


async def test_the_worker_outlives_a_thousand_failed_tries_and_delivers_once_it_is_back(
    pg_store: Store, database: Database
) -> None:
    """An outage of 17 hours (a failed try a minute) once made the wait between tries overflow
    (2.0 ** 1024), which ended the worker for good. New work wakes it here after each try."""
    clock, stop, wake = Clock(), asyncio.Event(), asyncio.Event()
    _enqueue(pg_store, "k1", clock.now)
    sink = Flaky()
    worker = OutboxWorker(pg_store, {"sink": sink}, OutboxSection(), clock=clock, lease_wall=clock)
    loop = asyncio.get_running_loop()

    def again() -> None:
        if tries.count == 1100:
            database.up()
            stop.set()  # the drain at the stop sends k1
        loop.call_soon(wake.set)

    tries = Tries(again)
    database.down()
    logging.getLogger("mentiondesk.outbox").addHandler(tries)
    try:
        await worker.run(stop, wake)
    finally:
        logging.getLogger("mentiondesk.outbox").removeHandler(tries)
    assert tries.count == 1100 and sink.calls == ["k1"]
