"""This process's sources, written to the store for the processes that show them (the desk
served by another worker, `sources check`): a source's row is written when its state changes
(looked at every CHECK seconds, in memory; a stop at once), all of them refreshed every
source_states.REFRESH so readers can tell a writer that runs from one that is gone, and marked
ended at a clean stop, both as of the database's clock (this process's only paces the looks
and dates a state its source gave no start for). A store error is logged and the write tried
again at the next look: recording never stops a source nor the process."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from mentiondesk import source_states
from mentiondesk.periodic import wait_or_stop
from mentiondesk.source_failing import Failing, failing
from mentiondesk.source_health import SourceHealth, held_now, held_reason
from mentiondesk.store import Store

_LOGGER = logging.getLogger(__name__)
CHECK = 5.0  # seconds between looks at the pollers; nothing is written unless it changed
Health = Callable[[], list[SourceHealth]]
Clock = Callable[[], datetime]


def _now() -> datetime:
    return datetime.now(UTC)


def writer_name() -> str:
    """Which process writes: "host:pid", as an operator finds it with ps on that host."""
    return f"{socket.gethostname()}:{os.getpid()}"[-128:]


def _state(health: SourceHealth, now: datetime) -> str:
    """A source with only some endpoints held (X's search) is "limited" too: not all read.
    One whose polls (or the store) keep failing is "failing" (source_failing), unless the
    platform answers with a rate limit: then it is read when that ends."""
    if health.stopped:
        return "stopped"
    if health.rate_limited_until is None and failing(health) is not None:
        return "failing"
    return "limited" if health.rate_limited_until or held_now(health, now) else "ok"


def _until(health: SourceHealth, now: datetime) -> datetime | None:
    """When it is read whole again: a limit on the source, else its last endpoint held."""
    held = [at for _, at in held_now(health, now)]
    return health.rate_limited_until or (max(held) if held else None)


class SourceRecorder:
    """Keeps this process's rows in the store in step with its pollers."""

    def __init__(self, store: Store, *, writer: str | None = None, clock: Clock = _now) -> None:
        self.store = store
        self.writer = writer or writer_name()
        self._clock = clock
        self._seen: dict[str, tuple[str, datetime]] = {}  # state, and since when, per source
        self._written: dict[str, tuple[Any, ...]] = {}  # what the store holds from us
        self._refreshed: datetime | None = None
        self._failing = False  # said once per outage, as a source's own failures are
        self._lock = asyncio.Lock()  # the loop's look and a stop's write, one at a time
        self._stop = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._closed = False

    def start(self, health: Health) -> None:
        """Look every CHECK seconds until `close()`; a second call keeps the first loop."""
        if self._task is None:
            self._task = asyncio.create_task(self._keep(health), name="source-states")

    async def _keep(self, health: Health) -> None:
        while not self._stop.is_set():
            await self.record(health())
            await wait_or_stop(self._stop, CHECK)

    async def record(self, health: list[SourceHealth]) -> bool:
        """Write what changed (everything once REFRESH has passed). False when the store
        refused: logged, and tried again at the next look."""
        async with self._lock:
            now = self._clock()
            due = self._refreshed is None or now - self._refreshed >= source_states.REFRESH
            rows = [self._row(h, now) for h in health]
            changed = [r for r in rows if self._written.get(r["source"]) != _said(r)]
            if not changed and not due:
                return True
            try:
                await asyncio.to_thread(
                    source_states.write, self.store, rows if due else changed, prune=due
                )
            except Exception as exc:  # the store's errors vary by driver; all are retried
                self._failed(exc)
                return False
            if self._failing:
                _LOGGER.info("source states: recorded in the store again")
            self._failing = False
            self._written.update((r["source"], _said(r)) for r in rows)
            self._refreshed = now if due else self._refreshed
            return True

    def _row(self, health: SourceHealth, now: datetime) -> dict[str, Any]:
        state = _state(health, now)
        if state == "failing" and (fails := failing(health)) is not None:
            return self._failing_row(health.name, fails)
        seen = self._seen.get(health.name)
        if seen is None or seen[0] != state:
            seen = (state, health.since or now)
            self._seen[health.name] = seen
        return {
            "source": health.name,
            "writer": self.writer,
            "state": state,
            "error": (health.error or "")[:64],
            # scrubbed by source_health; where not stopped, the endpoints held (source_health)
            "reason": health.reason or held_reason(held_now(health, now)),
            "since": seen[1],
            "until": _until(health, now),
        }

    def _failing_row(self, name: str, fails: Failing) -> dict[str, Any]:
        """Since its first failure, not since this look: "until" is when it counts as down."""
        self._seen[name] = ("failing", fails.since)
        return {
            "source": name,
            "writer": self.writer,
            "state": "failing",
            "error": fails.error()[:64],
            "reason": fails.cause,
            "since": fails.since,
            "until": fails.down_from,
        }

    def _failed(self, exc: Exception) -> None:
        # The type only: a driver's message may name the database's host or a statement.
        if not self._failing:
            _LOGGER.error(
                "source states: recording them in the store failed (%s); retrying every %.0f s",
                type(exc).__name__,
                CHECK,
            )
        self._failing = True

    async def close(self, health: list[SourceHealth] | None = None) -> None:
        """End the loop; write the last states (`health`) and mark this writer's rows ended,
        so no reader takes them for a process still running. Once; never raises."""
        if self._closed:
            return
        self._closed = True
        self._stop.set()
        if self._task is None:  # never started (a refused start): nothing of ours is there
            return
        with contextlib.suppress(Exception):
            await self._task
        if health is not None and await self.record(health):
            with contextlib.suppress(Exception):  # a store down: the rows go stale instead
                await asyncio.to_thread(source_states.end, self.store, self.writer)


def _said(row: dict[str, Any]) -> tuple[Any, ...]:
    """What a reader is told, less the refresh time: a change of it is written at once."""
    return row["state"], row["error"], row["reason"], row["since"], row["until"]
