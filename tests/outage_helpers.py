"""Set-up shared by the tests of a listening `run` through a PostgreSQL outage (the database
refusing connections, as while it restarts): start the App with the database down, bring it
back once a stage has said it failed, and see whether the work waiting is done in time."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

from mentiondesk.pipeline import App
from tests.conftest import Database


async def until(done: Callable[[], bool], seconds: float = 10.0) -> bool:
    """Whether `done` comes true within `seconds`: a guard against a hang, not a measure."""
    for _ in range(int(seconds / 0.05)):
        if done():
            return True
        await asyncio.sleep(0.05)
    return done()


class Said(logging.Handler):
    """Sets `seen` once a line holding `words` is logged."""

    def __init__(self, words: str) -> None:
        super().__init__(logging.WARNING)
        self.words = words
        self.seen = asyncio.Event()

    def emit(self, record: logging.LogRecord) -> None:
        if self.words in record.getMessage():
            self.seen.set()


async def back_after_outage(
    app: App,
    database: Database,
    *,
    failed: tuple[str, str],
    done: Callable[[], bool],
    before: Callable[[], Awaitable[object]] | None = None,
) -> bool:
    """Open `app` and run `before` (the database up); start it with the database down, bring
    the database back once logger `failed[0]` has said `failed[1]`; whether `done` came
    within 30 s of that. `app` is stopped and shut down after."""
    said, logger = Said(failed[1]), logging.getLogger(failed[0])
    await app.initialize()
    logger.addHandler(said)
    try:
        if before is not None:
            await before()
        database.down()
        await app.start()
        await asyncio.wait_for(said.seen.wait(), 60)  # a guard against a hang, not a measure
        database.up()
        came = await until(done, seconds=30)
        await asyncio.wait_for(app.stop(), 60)
    finally:
        logger.removeHandler(said)
        await app.shutdown()
    return came
