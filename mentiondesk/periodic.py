"""The loop of the periodic work beside the flow (help-desk sync, digests, retention): try a
step, log what failed, wait for the interval or the stop, whichever comes first."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable

Step = Callable[[], Awaitable[object]]


async def every(
    seconds: float, stop: asyncio.Event, step: Step, what: str, *, log: logging.Logger
) -> None:
    """Run `step` now, then every `seconds` until `stop`. A failing turn is logged on `log`
    as `what` (with its traceback) and the next turn comes as usual: it never ends the loop."""
    while not stop.is_set():
        await attempt(step, what, log=log)
        await wait_or_stop(stop, seconds)


async def attempt(step: Step, what: str, *, log: logging.Logger) -> None:
    """Run `step`; an exception is logged as `what`, not raised (a bad turn is retried later)."""
    try:
        await step()
    except Exception:
        log.exception("%s", what)


async def wait_or_stop(stop: asyncio.Event, seconds: float) -> None:
    """Wait `seconds`, or less when `stop` is set meanwhile: a shutdown waits out no interval."""
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stop.wait(), seconds)
