"""A stage's wait between tries after its store work failed: the processor's (pipeline) and
the outbox worker's (outbox). New work, or a stop, cuts it short; so, when the failure was a
lost database (a PostgreSQL restart), does the store answering someone else: the pollers are
often first to find it back (`StoreOutage.on_answer`, wired to `answered` by pipeline.App)."""

from __future__ import annotations

import asyncio

from mentiondesk.outbox_waits import wait_any
from mentiondesk.store_engine import lost


class OutageWait:
    """One stage's wait out of a failed store call, and what wakes it early."""

    def __init__(self) -> None:
        self._wake: asyncio.Event | None = None  # set while waiting out a lost database

    async def wait(
        self, stop: asyncio.Event, wake: asyncio.Event, seconds: float, failure: BaseException
    ) -> None:
        """Sleep `seconds`, or less once `stop` or `wake` (new work) is set, or `answered()`
        is called while `failure` says the database was lost."""
        wake.clear()  # a wake left set before the failure would end every wait at once
        self._wake = wake if lost(failure) else None
        try:
            await wait_any(stop, wake, seconds)
        finally:
            self._wake = None

    def answered(self) -> None:
        """The store answered someone else: a wait out of a lost database ends now, not once
        its seconds (a minute at most) are over; what was waiting is tried."""
        if self._wake is not None:
            self._wake.set()
