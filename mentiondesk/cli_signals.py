"""Ctrl-C and SIGTERM while `mentiondesk run` starts (the classifier can take seconds to
load): a stop said in words and a clean exit, not a silent death by signal."""

from __future__ import annotations

import asyncio
import signal
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from mentiondesk.cli_common import say

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


@asynccontextmanager
async def stoppable_start_up() -> AsyncIterator[None]:
    """Around start-up and what follows: until `run` installs its own handlers (once the App
    is up), a stop cancels the start-up; what the App had opened it closes on the way out
    (App.initialize), and the command ends normally (exit 0, as a stop after start-up)."""
    loop, task = asyncio.get_running_loop(), asyncio.current_task()
    assert task is not None  # called from a coroutine
    asked = False

    def stop() -> None:
        nonlocal asked
        if asked:  # a second Ctrl-C: the first is being honoured
            return
        asked = True
        say("Stopping during start-up: nothing has been read or sent; closing what was opened…")
        task.cancel()

    for sig in STOP_SIGNALS:
        loop.add_signal_handler(sig, stop)
    try:
        yield
    except asyncio.CancelledError:
        if not asked:
            raise
        task.uncancel()  # the stop asked for is done: this is no cancellation to pass on
