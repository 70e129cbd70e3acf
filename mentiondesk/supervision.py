"""Stages kept running for the life of the process, as python-telegram-bot or opsdroid keep
theirs: a stage's task (a poller, the processor, the outbox, a periodic chore) that dies of
an unexpected exception is started again after a wait, and said each time.

A stage that ends by itself (a source stopped for good by a revoked token) stays ended:
`lifecycle.watch` says so. A crash while the process stops is not retried either: `stop()`
joins the task and says how it ended, so a stage crashing at once cannot hold a stop up.

`Restarts` counts them, by task name, for the life of the process and over the last hour;
each is also handed to `record` (the App's writes it to the store, stage_restarts), so
/healthz and `sources check` in any process say a worker's stage that keeps crashing."""

from __future__ import annotations

import asyncio
import logging
import time
from collections import Counter, deque
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

from mentiondesk.lifecycle import retry_wait
from mentiondesk.periodic import wait_or_stop

_LOGGER = logging.getLogger(__name__)
Start = Callable[[], Coroutine[Any, Any, None]]
Clock = Callable[[], float]
Record = Callable[[str], Awaitable[None]]  # one restart of the stage named: never raises
RECENT = 3600.0  # seconds: the window of `Restarts.recent`, what /healthz shows
LATELY = 600.0  # seconds: a stage restarted since then is still crashing, not over it


class Restarts(Counter[str]):
    """Each stage's restarts after a crash, by task name, since the process started; and when
    (on a monotonic clock), for the count over the last hour."""

    def __init__(self, clock: Clock = time.monotonic) -> None:
        super().__init__()
        self._clock = clock
        self._at: dict[str, deque[float]] = {}

    def restarted(self, name: str) -> int:
        """Count one restart of `name`, now; how many it has had in all."""
        self[name] += 1
        times = self._at.setdefault(name, deque())
        times.append(self._clock())
        self._forget(times)
        return self[name]

    def recent(self) -> dict[str, int]:
        """Restarts in the last RECENT seconds, by task name; those with none left out."""
        for times in self._at.values():
            self._forget(times)
        return {name: len(times) for name, times in sorted(self._at.items()) if times}

    def crashing(self, at_least: int) -> list[str]:
        """Stages restarted `at_least` times in the last RECENT seconds and again within
        LATELY: still crashing. One that has worked since is not (its count stays an hour)."""
        counts, lately = self.recent(), self._clock() - LATELY
        return [name for name, n in counts.items() if n >= at_least and self._at[name][-1] > lately]

    def _forget(self, times: deque[float]) -> None:
        """Drop what is past the window: a stage crashing for weeks keeps an hour's worth."""
        since = self._clock() - RECENT
        while times and times[0] < since:
            times.popleft()


async def supervised(
    name: str,
    start: Start,
    *,
    stopping: asyncio.Event,
    restarts: Restarts,
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
            count = restarts.restarted(name)
            wait = retry_wait(crashes, first, cap)
            said = "task %s failed (%s); restarting it in %.3g s (restart %d)"
            _LOGGER.error(said, name, type(exc).__name__, wait, count)
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
    restarts: Restarts,
    first: float,
    cap: float,
    record: Record | None = None,
) -> asyncio.Task[None]:
    """A task named `name` running `start` under `supervised`."""
    kept = supervised(
        name, start, stopping=stopping, restarts=restarts, first=first, cap=cap, record=record
    )
    return asyncio.create_task(kept, name=name)
