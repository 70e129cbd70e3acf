"""Review of today's stage_restarts: recording a restart is a side job of supervision. A
`record` hook that raises (a bug, a driver error escaping it) must not end the stage's
supervision: the stage is still started again, and the restart still counted."""

from __future__ import annotations

import asyncio
from collections import Counter

import pytest

from mentiondesk.supervision import supervised


async def test_a_record_hook_that_raises_does_not_end_supervision(
    caplog: pytest.LogCaptureFixture,
) -> None:
    runs = 0

    async def start() -> None:
        nonlocal runs
        runs += 1
        if runs < 3:
            raise RuntimeError("a post's words")

    async def broken(name: str) -> None:
        raise ValueError("the store's host name")

    restarts: Counter[str] = Counter()
    kept = supervised(
        "outbox",
        start,
        stopping=asyncio.Event(),
        restarts=restarts,
        first=0.001,
        cap=0.01,
        record=broken,
    )
    await asyncio.wait_for(kept, 5)
    assert runs == 3  # started again after each crash, then returned by itself
    assert restarts == {"outbox": 2}  # counted for the log's "restart N"
    said = " ".join(r.getMessage() for r in caplog.records)
    assert "ValueError" in said
    assert "host name" not in said and "a post's words" not in said


async def test_a_stop_is_not_held_up_by_a_record_that_hangs() -> None:
    stopping = asyncio.Event()
    runs = 0

    async def start() -> None:
        nonlocal runs
        runs += 1
        if runs == 1:
            raise RuntimeError("crashed")

    async def hanging(name: str) -> None:
        stopping.set()  # the process is told to stop while the store does not answer
        await asyncio.Event().wait()

    kept = supervised(
        "processor",
        start,
        stopping=stopping,
        restarts=Counter(),
        first=60.0,
        cap=60.0,
        record=hanging,
    )
    await asyncio.wait_for(kept, 5)  # without the stop cutting it short: never
    assert runs == 2  # started once more after the stop, to end its own way
