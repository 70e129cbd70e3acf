"""Stages kept running for the life of the process, as python-telegram-bot or opsdroid keep
theirs: a stage's task (a poller, the processor, the outbox, a periodic chore) that dies of
an unexpected exception is started again after a wait, and said each time.

A stage that ends by itself (a source stopped for good by a revoked token) stays ended:
`lifecycle.watch` says so. A crash while the process stops is not retried either: `stop()`
joins the task and says how it ended, so a stage crashing at once cannot hold a stop up.

Each restart is counted by task name for the life of the process (the log line's "restart N")
and handed to `record` (the App's writes it to the store, stage_restarts): what /healthz and
`sources check` in any process read, with their rule of a stage that keeps crashing."""

from __future__ import annotations

import asyncio
import logging
import time
from collections import Counter
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

from mentiondesk.lifecycle import retry_wait
from mentiondesk.periodic import wait_or_stop

_LOGGER = logging.getLogger(__name__)
Start = Callable[[], Coroutine[Any, Any, None]]
Clock = Callable[[], float]
Record = Callable[[str], Awaitable[None]]  # one restart of the stage named: never raises


async def supervised(
    name: str,
    start: Start,
    *,
    stopping: asyncio.Event,
    restarts: Counter[str],
    first: float,
    cap: float,
    clock: Clock = time.monotonic,
    record: Record | None = None,
) -> None:
    """Run `start()` until it returns; each crash before `stopping` is logged (the class
    only: a message may quote a post), counted in `restarts[name]`, and followed by a wait,
    `first` doubling to `cap` while it keeps crashing, so a stage that cannot start does not
    spin. One that ran `cap` seconds or more before crashing waits `first` again. `record`
    is awaited first (a stop cuts it short), so whoever counts in `restarts` finds it
    recorded."""
    crashes = 0  # in a row
    while True:
        began = clock()
        try:
            await start()
            return
        except Exception as exc:
            if stopping.is_set():
                raise  # stop() joins it and says how it ended
            crashes = 1 if clock() - began >= cap else crashes + 1
            await _record(record, name, stopping)
            restarts[name] += 1
            wait = retry_wait(crashes, first, cap)
            said = "task %s failed (%s); restarting it in %.3g s (restart %d)"
            _LOGGER.error(said, name, type(exc).__name__, wait, restarts[name])
        # A stop cuts the wait short: the stage is started once more to end its own way (the
        # outbox drains what is due, a poller sees the stop and returns).
        await wait_or_stop(stopping, wait)


async def _record(record: Record | None, name: str, stopping: asyncio.Event) -> None:
    """`record(name)`, whose failure is logged (the class only) and goes no further: the
    hook is meant never to raise, and a bug in it must not end the stage's supervision. A
    stop cuts it short, as it does the wait after it: a store that hangs holds no stop up."""
    if record is None:
        return
    recording = asyncio.ensure_future(record(name))
    stopped = asyncio.ensure_future(stopping.wait())
    try:
        done, _ = await asyncio.wait({recording, stopped}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        stopped.cancel()
        recording.cancel()  # done: no effect; else given up on, as the stop asks
    if recording not in done or recording.cancelled() or recording.exception() is None:
        return
    said = "task %s: its restart's record hook failed (%s)"  # any hook's bug; it restarts anyway
    _LOGGER.error(said, name, type(recording.exception()).__name__)


def supervise(
    name: str,
    start: Start,
    *,
    stopping: asyncio.Event,
    restarts: Counter[str],
    first: float,
    cap: float,
    record: Record | None = None,
) -> asyncio.Task[None]:
    """A task named `name` running `start` under `supervised`."""
    kept = supervised(
        name, start, stopping=stopping, restarts=restarts, first=first, cap=cap, record=record
    )
    return asyncio.create_task(kept, name=name)
