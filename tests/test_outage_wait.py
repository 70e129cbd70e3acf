"""OutageWait, the processor's and the outbox worker's wait between tries after a failed store
call: the store answering a poller ends it early only when the database was lost (a refused
statement is no outage a poller can see end), and a wake left set before the failure does
not end it at once."""

from __future__ import annotations

import asyncio

import sqlalchemy as sa

from mentiondesk.outage_wait import OutageWait

GONE = sa.exc.OperationalError("SELECT 1", {}, OSError("gone"), connection_invalidated=True)
REFUSED = sa.exc.ProgrammingError("SELECT 1", {}, Exception("permission denied"))


async def _woken(failure: BaseException, *, early_wake: bool = False) -> bool:
    """Whether `answered()` (or, with `early_wake`, a wake set before) ends an hour's wait."""
    outage, stop, wake = OutageWait(), asyncio.Event(), asyncio.Event()
    if early_wake:
        wake.set()
    waiting = asyncio.create_task(outage.wait(stop, wake, 3600.0, failure))
    await asyncio.sleep(0.05)
    if not early_wake:
        outage.answered()
    await asyncio.sleep(0.05)
    woken = waiting.done()
    stop.set()
    await waiting
    return woken


async def test_the_store_answering_ends_the_wait_out_of_a_lost_database() -> None:
    assert await _woken(GONE)


async def test_a_refused_statement_waits_its_time() -> None:
    assert not await _woken(REFUSED)


async def test_a_wake_left_set_before_the_failure_does_not_end_the_wait() -> None:
    assert not await _woken(GONE, early_wake=True)


async def test_answered_after_the_wait_wakes_nothing_later() -> None:
    outage, stop, wake = OutageWait(), asyncio.Event(), asyncio.Event()
    await outage.wait(stop, wake, 0.01, GONE)  # over by its time
    outage.answered()
    assert not wake.is_set()
