"""Stages kept running for the life of the process, as python-telegram-bot or opsdroid keep
theirs: a stage's task (a poller, the processor, the outbox, a periodic chore) that dies of
an unexpected exception is started again after a wait, and said each time.

A stage that ends by itself (a source stopped for good by a revoked token) stays ended:
`lifecycle.watch` says so. A crash while the process stops is not retried either: `stop()`
joins the task and says how it ended, so a stage crashing at once cannot hold a stop up."""

from __future__ import annotations

import asyncio
import logging
import time
from collections import Counter
from collections.abc import Callable, Coroutine
from typing import Any

from mentiondesk.lifecycle import retry_wait
from mentiondesk.periodic import wait_or_stop

_LOGGER = logging.getLogger(__name__)
Start = Callable[[], Coroutine[Any, Any, None]]
Clock = Callable[[], float]


async def supervised(
    name: str,
    start: Start,
    *,
    stopping: asyncio.Event,
    restarts: Counter[str],
    first: float,
    cap: float,
    clock: Clock = time.monotonic,
) -> None:
    """Run `start()` until it returns; each crash before `stopping` is logged (the class
    only: a message may quote a post), counted in `restarts[name]`, and followed by a wait,
    `first` doubling to `cap` while it keeps crashing, so a stage that cannot start does not
    spin. One that ran `cap` seconds or more before crashing waits `first` again."""
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
            restarts[name] += 1
            wait = retry_wait(crashes, first, cap)
            said = "task %s failed (%s); restarting it in %.3g s (restart %d)"
            _LOGGER.error(said, name, type(exc).__name__, wait, restarts[name])
        # A stop cuts the wait short: the stage is started once more to end its own way (the
        # outbox drains what is due, a poller sees the stop and returns).
        await wait_or_stop(stopping, wait)


def supervise(
    name: str,
    start: Start,
    *,
    stopping: asyncio.Event,
    restarts: Counter[str],
    first: float,
    cap: float,
) -> asyncio.Task[None]:
    """A task named `name` running `start` under `supervised`."""
    kept = supervised(name, start, stopping=stopping, restarts=restarts, first=first, cap=cap)
    return asyncio.create_task(kept, name=name)
