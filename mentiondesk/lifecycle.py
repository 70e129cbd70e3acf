"""The App's lifecycle chores kept out of pipeline.py: saying when a stage's task ends while
the process runs, giving up a wait when a stop comes, the wait between tries through an
outage, and closing every plugin at shutdown even when one fails to close."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Iterable
from typing import Protocol, TypeVar

_LOGGER = logging.getLogger(__name__)
T = TypeVar("T")


class Closable(Protocol):
    async def close(self) -> None: ...


def watch(task: asyncio.Task[None], *, stopping: asyncio.Event) -> None:
    """Log at error level if `task` ends before a stop was asked for: otherwise a source,
    the processor or the outbox can be gone for hours with nothing in the log until stop.
    The App's stages crash into `supervision`, which starts them again: what reaches here
    from them is a stage that ended by itself (a source stopped by a revoked token)."""
    task.add_done_callback(_ended(stopping))


def _ended(stopping: asyncio.Event) -> Callable[[asyncio.Task[None]], None]:
    def ended(task: asyncio.Task[None]) -> None:
        if stopping.is_set():
            return  # stop() joins the tasks and says how each ended
        if task.cancelled():
            how = "was cancelled"
        elif (exc := task.exception()) is not None:
            how = f"failed ({type(exc).__name__})"  # the class only: a message may quote a post
        else:
            how = "returned"
        _LOGGER.error(
            "task %s ended while running (%s): it does not run again until restart",
            task.get_name(),
            how,
        )

    return ended


def retry_wait(failures: int, first: float, cap: float) -> float:
    """Seconds before the next try after `failures` failed tries in a row: `first`, doubling,
    `cap` at most. The exponent is bounded: 2.0 ** 1024 is no float, hours into an outage."""
    return min(cap, first * 2.0 ** min(max(failures - 1, 0), 32))


async def before_stop(work: Awaitable[T], stop: asyncio.Event) -> T | None:
    """`work`'s answer, or None when `stop` comes first: `work` is then cancelled and waited
    for, so only what may be given up halfway (a read) belongs here."""
    task = asyncio.ensure_future(work)
    stopped = asyncio.ensure_future(stop.wait())
    try:
        await asyncio.wait([task, stopped], return_when=asyncio.FIRST_COMPLETED)
    finally:
        stopped.cancel()
        if not task.done():
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)  # its clean-up, not its error
    return None if task.cancelled() else task.result()


async def close_all(plugins: Iterable[tuple[str, Closable]]) -> None:
    """Close each plugin in turn, each failure logged and the rest still closed (their
    sessions would be left open); the first failure is raised once all were tried."""
    first: Exception | None = None
    for name, plugin in plugins:
        try:
            await plugin.close()
        except Exception as exc:
            _LOGGER.error("closing %s failed (%s)", name, type(exc).__name__)
            first = first or exc
    if first is not None:
        raise first
