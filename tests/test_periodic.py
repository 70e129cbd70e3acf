"""The loop of the periodic work (help-desk sync, digests, retention): a failing turn is
logged and the next one comes; a stop ends the wait for the next at once."""

from __future__ import annotations

import asyncio
import logging

import pytest

from mentiondesk.periodic import every

LOG = logging.getLogger("mentiondesk.periodic_test")


async def test_a_failing_turn_is_logged_and_the_next_one_comes(
    caplog: pytest.LogCaptureFixture,
) -> None:
    stop, turns = asyncio.Event(), []

    async def step() -> None:
        turns.append(len(turns))
        if len(turns) == 1:
            raise RuntimeError("database away")
        stop.set()

    with caplog.at_level(logging.ERROR, logger=LOG.name):
        await asyncio.wait_for(every(0, stop, step, "sync failed", log=LOG), 60)  # a guard
    assert turns == [0, 1]
    (record,) = caplog.records
    assert record.name == LOG.name and record.getMessage() == "sync failed"
    assert record.exc_info and "database away" in str(record.exc_info[1])


async def test_a_stop_ends_the_wait_for_the_next_turn() -> None:
    stop, ran, turns = asyncio.Event(), asyncio.Event(), []

    async def step() -> None:
        turns.append(1)
        ran.set()

    loop = asyncio.create_task(every(3600, stop, step, "never", log=LOG))
    await ran.wait()
    stop.set()  # the loop now waits for the next turn, an hour away
    await asyncio.wait_for(loop, 60)  # a guard against a wait for the hour, not a measure
    assert turns == [1]
