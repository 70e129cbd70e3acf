"""The App's lifecycle chores kept out of pipeline.py: saying when a stage's task ends while
the process runs, and closing every plugin at shutdown even when one fails to close."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Iterable
from typing import Protocol

_LOGGER = logging.getLogger(__name__)


class Closable(Protocol):
    async def close(self) -> None: ...


def watch(task: asyncio.Task[None], *, stopping: asyncio.Event) -> None:
    """Log at error level if `task` ends before a stop was asked for: otherwise a source,
    the processor or the outbox can be gone for hours with nothing in the log until stop."""
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
