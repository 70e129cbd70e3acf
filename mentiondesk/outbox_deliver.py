"""One outbox action through its responder, and what came of it, written under the lease.

Delivered: its receipt recorded (outbox_record.keep), through a blip and, the receipt in
hand, through an outage until a stop's grace is spent. Failed: rescheduled with backoff,
held for a person, or its sink found down or rate limited (the batch's rest waits with it);
a sink that refused as a whole holds what comes for it next untried (outbox_refused).
OutboxWorker (outbox) adds the batches, the sinks' paces, the run and its drains.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta

from mentiondesk.config import OutboxSection
from mentiondesk.models import FatalError, RateLimited, Receipt, Responder, Unreachable
from mentiondesk.outbox_claim import do_not_contact
from mentiondesk.outbox_drain import DELIVER_TIMEOUT
from mentiondesk.outbox_lease import LeaseClock, WallClock
from mentiondesk.outbox_pace import Sleep
from mentiondesk.outbox_record import Claimed, keep, record
from mentiondesk.outbox_refused import Refusals
from mentiondesk.outbox_retry import backoff, rescheduled
from mentiondesk.outbox_waits import Tried, answered, describe, said, unanswered
from mentiondesk.store import Store

_LOGGER = logging.getLogger("mentiondesk.outbox")  # the worker's log, where operators look


class Delivering:
    """One action at a time: its responder called, and the outcome written down."""

    def __init__(
        self,
        store: Store,
        responders: Mapping[str, Responder],
        settings: OutboxSection,
        *,
        clock: Callable[[], datetime],
        monotonic: Callable[[], float],
        lease_wall: WallClock | None = None,
    ) -> None:
        self.store = store
        self.responders = dict(responders)
        self.settings = settings
        self._clock = clock
        self.delivered = 0
        self.failed = 0
        # A lease is judged by one clock for every worker (outbox_lease): not this host's.
        self._leases = LeaseClock(store.dialect == "postgresql", clock, lease_wall)
        self._outages = Refusals(clock, self._leases)  # responders failing, or refusing lately
        self._sleep: Sleep = asyncio.sleep  # between tries of a write through a database blip
        self._monotonic = monotonic  # the stop's grace and the sinks' paces
        self._stop: asyncio.Event | None = None  # run's: a pace's wait gives way to it
        self._cut: asyncio.Event | None = None  # run's: set, a delivery in hand is cut short

    async def _deliver(self, claimed: Claimed, answer_within: float, by: float | None) -> Tried:
        action, began = claimed.action, self._clock()
        if await self._outages.held(self.store, claimed, self._sleep):
            return Tried(0)  # its sink refused as a whole lately: held untried
        responder = self.responders.get(action.target)
        try:
            if responder is None:
                raise FatalError(f"no responder named {action.target!r} is configured")
            if await asyncio.to_thread(do_not_contact, self.store, action):
                raise FatalError("the author asked not to be contacted; not sent")
            delivery, full = responder.deliver(action), DELIVER_TIMEOUT
            receipt = await answered(delivery, answer_within, full=full, cut=self._cut)
        except RateLimited as exc:
            until, why = exc.wait_until(self._clock()), said(str(exc), action)
            await self._retry(claimed, until, why)
            return Tried(0, until, why)  # its other actions would meet the same limit
        except FatalError as exc:
            self.failed += 1
            if whole := await self._outages.refused(self.store, claimed, exc, began, self._sleep):
                return whole  # the whole sink refused: its other actions are held with it
            if await self._retry(claimed, None, why := said(str(exc), action), hold=True):
                _LOGGER.error("outbox action %d (%s) held: %s", claimed.id, action.kind, why)
            return Tried(0)
        except Exception as exc:  # transient or unknown: retry with backoff, never drop
            why = said(describe(exc), action)  # said: one line, the action's text left out
            self._outages.failed(claimed.id, action, why, self._clock())
            may_show_twice(claimed, responder, exc, why)
            when = self._clock() + timedelta(seconds=backoff(self.settings, action.attempt))
            if unanswered(exc):  # it may still land: tried again when a killed worker's would be
                when = max(when, self._clock() + timedelta(seconds=self.settings.lease_seconds))
            await self._retry(claimed, when, why)
            self.failed += 1
            return Tried(0, when, why) if isinstance(exc, Unreachable) else Tried(0)
        await keep(self._record, claimed, receipt, sleep=self._sleep, go_on=self._until_cut(by))
        self.delivered += 1
        self._outages.delivered(action.target)
        # The row id, not the key: a key holds the post's platform id (on Bluesky its author's).
        _LOGGER.info(
            "delivered outbox action %d (%s) via %s", claimed.id, action.kind, action.target
        )
        return Tried(1)

    async def _retry(
        self, claimed: Claimed, when: datetime | None, error: str, *, hold: bool = False
    ) -> bool:
        """Reschedule (or hold) a failed action under this worker's lease, through a blip."""
        return await rescheduled(self.store, claimed, when, error, hold=hold, sleep=self._sleep)

    def _until_cut(self, by: float | None) -> Callable[[], bool] | None:
        """How long a receipt in hand is tried on through an outage: until a stop's grace is
        spent (`by`, or the cut). None (the quick tries only) where no stop could end it:
        outside run and drain, or a drain with neither (a reply approved with --send, which a
        person waits on)."""
        cut = self._cut
        if cut is None or (self._stop is None and by is None):
            return None
        return lambda: not cut.is_set() and (by is None or self._monotonic() < by)

    # --- database side (run in a worker thread) -----------------------------------------

    def _record(self, claimed: Claimed, receipt: Receipt) -> bool:
        """Record a delivery; False when the lease had passed to another worker."""
        return record(self.store, claimed, receipt, self._clock())


def may_show_twice(claimed: Claimed, responder: Responder | None, exc: Exception, why: str) -> None:
    """Say, for the action, that its retry may send it twice: it failed after the request may
    have reached its sink (an error answer, a timeout: not a sink never reached), and the sink
    says it cannot look for an earlier send (`finds_earlier_send = False`: an incoming webhook
    has no read). A design limit, twice rather than never: said as a warning at the action's
    first such failure, so a person can hold it if it shows (docs/operations.md, "Crashes"),
    at debug level after that (a webhook down for an hour would otherwise bury the log)."""
    if responder is None or isinstance(exc, Unreachable):
        return
    if getattr(responder, "finds_earlier_send", None) is not False:
        return
    action = claimed.action
    level = logging.WARNING if action.attempt <= 1 else logging.DEBUG
    _LOGGER.log(
        level,
        "outbox action %d (%s) via %s may have been posted before it failed (%s), and %s "
        "cannot look for an earlier send: its retry may show it twice; if it shows there "
        "already, `mentiondesk outbox hold %d`",
        *(claimed.id, action.kind, action.target, why, action.target, claimed.id),
    )
