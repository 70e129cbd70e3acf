"""When an outbox drain ends, and what a drain without a grace takes besides what is due.

A drain with a grace (a stop's) takes what was due when it began until the grace is spent.
One without (the end of `run --once`, which exits "after draining the outbox") also takes
the actions queued before it began that were only set aside for their pace turn, by an
earlier pass's grace or a claim's lease: nothing failed, their turn is merely seconds or
minutes off. Ones that failed keep their backoff, so a sink that is down still does not hold
the drain. A stop asked for meanwhile bounds it from that moment by the stop's grace.
A stop's grace bounds the deliveries in hand when it comes too (InHand, Limit.cut): a sink
that does not answer is cut short then, not waited for until DELIVER_TIMEOUT.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from datetime import datetime, timedelta

import sqlalchemy as sa

from mentiondesk.models import Pace
from mentiondesk.outbox_admin import counts
from mentiondesk.outbox_lease import LeaseClock
from mentiondesk.outbox_record import RECORD_WITHIN
from mentiondesk.store import Store
from mentiondesk.tables import OUTBOX

_LOGGER = logging.getLogger("mentiondesk.outbox")  # the worker's log, where operators look
# A lease must outlast one delivery and its recording (OutboxSection's minimum: 60 s, and
# outbox_record.RECORD_WITHIN); a sink's batch tail goes under a renewed lease.
DELIVER_TIMEOUT = 60.0
MIN_DELIVER_TIMEOUT = 5.0  # what a delivery started at the end of a stop's grace still gets
# outbox_retry.put_off writes "not tried: WHY" on what it puts off; WHY is paced_why's here.
SET_ASIDE = "not tried: paced: "


def paced_why(pace: Pace) -> str:
    """Why a send waits for its pace turn: put_off's reason, which marks it set aside."""
    return f"paced: {pace.per} per {pace.seconds:g} s"


def paced(last_error: sa.ColumnElement[str | None]) -> sa.ColumnElement[bool]:
    """SQL: a delivery only set aside for its turn at its sink's pace: nothing failed."""
    return last_error.startswith(SET_ASIDE, autoescape=True)


def was_paced(last_error: str | None) -> bool:
    """`paced`, for a row already read."""
    return (last_error or "").startswith(SET_ASIDE)


class Limit:
    """When a drain stops taking batches: `grace` seconds from now; without one, never,
    unless `stop` comes: then `stop_grace` seconds from that moment (not from when the drain
    next looks: a batch in hand may take a while)."""

    def __init__(
        self,
        clock: Callable[[], float],
        grace: float | None,
        stop: asyncio.Event | None,
        stop_grace: float,
    ) -> None:
        self._clock, self._stop = clock, stop
        self.catching_up = grace is None
        self.by = None if grace is None else clock() + grace  # on `clock`
        self._watch: asyncio.Task[None] | None = None
        self.cut = asyncio.Event()  # set: a delivery still unanswered is cut short (InHand)
        if grace is None and stop is not None:
            if stop.is_set():
                self.by = clock() + stop_grace
            self._watch = asyncio.create_task(self._stopped(stop, stop_grace))

    async def _stopped(self, stop: asyncio.Event, stop_grace: float) -> None:
        await stop.wait()
        if self.by is None:
            self.by = self._clock() + stop_grace
        await asyncio.sleep(max(stop_grace, MIN_DELIVER_TIMEOUT))
        self.cut.set()

    @property
    def stopped(self) -> bool:
        """A drain without a grace was asked to stop."""
        return self.catching_up and self.by is not None

    @property
    def pace_stop(self) -> asyncio.Event | None:
        """What a pace's wait gives way to: the stop, until it came and the grace bounds it."""
        return self._stop if self.by is None else None

    def left(self) -> float | None:
        """Seconds left (None: no limit)."""
        return None if self.by is None else self.by - self._clock()

    def within(self) -> float:
        """How long a delivery begun now may take: its timeout, less near the end of a grace
        (still MIN_DELIVER_TIMEOUT), as a stop keeps to its grace."""
        left = self.left()
        return (
            DELIVER_TIMEOUT
            if left is None
            else min(DELIVER_TIMEOUT, max(MIN_DELIVER_TIMEOUT, left))
        )

    def spent(self) -> bool:
        return self.by is not None and self._clock() >= self.by

    def close(self) -> None:
        if self._watch is not None:
            self._watch.cancel()


class InHand:
    """The batch a worker has in hand when a stop comes: what is still unanswered once the
    grace is spent (at least MIN_DELIVER_TIMEOUT) is cut short and retried at the next start,
    and the drain after it gets what is left of the grace. A sink that does not answer would
    otherwise hold the stop for a whole DELIVER_TIMEOUT before the drain's own grace began.
    Only a stop counts: the catch-up's `stop` (the backlog is read) cuts nothing short."""

    def __init__(
        self,
        clock: Callable[[], float],
        grace: float,
        stop: asyncio.Event,
        stopping: asyncio.Event,
    ) -> None:
        self.cut = asyncio.Event()  # set: a delivery in hand gives up waiting for its answer
        self._clock, self._grace = clock, grace
        self._since: float | None = None  # when the stop came, on `clock`
        self._watch = asyncio.create_task(self._stopped(stop, stopping))

    async def _stopped(self, stop: asyncio.Event, stopping: asyncio.Event) -> None:
        await stop.wait()
        await stopping.wait()
        self._since = self._clock()
        await asyncio.sleep(max(self._grace, MIN_DELIVER_TIMEOUT))
        self.cut.set()

    def left(self) -> float:
        """What the batch in hand left of the grace, for the drain after it."""
        spent = 0.0 if self._since is None else self._clock() - self._since
        return max(0.0, self._grace - spent)

    def close(self) -> None:
        self._watch.cancel()


class SetAside:
    """A drain's actions set aside for their pace turn, made due (for its claims) as their
    turns come within a window: the claim's pace then waits for each turn, which it
    does only within the claim's lease (the window is well within it, or each would be put
    off again at once, and claimed again, in a loop)."""

    def __init__(
        self,
        store: Store,
        started: datetime,
        clock: Callable[[], datetime],
        lease: float,
        leases: LeaseClock,
    ) -> None:
        self.store, self.started, self._clock = store, started, clock
        self._leases = leases  # whose lease has lapsed, by the clock every worker shares
        # Half what a claim's `lease` leaves for waiting for a turn (OutboxWorker._paced).
        self.window = (lease - DELIVER_TIMEOUT - RECORD_WITHIN) / 2
        self._reached: datetime | None = None  # the turn last waited for: due, whatever clock

    async def bring_forward(self, left: float | None) -> None:
        """Make due those whose turn comes within the window (and the `left` of a stop's
        grace: a turn past it would only be put off again)."""
        if left is not None:
            within = self._clock() + timedelta(seconds=min(self.window, left))
        else:  # at least the turn waited for, whatever the clock says
            within = self._clock() + timedelta(seconds=self.window)
            within = max(within, self._reached or within)
        await asyncio.to_thread(self._bring_forward, within)

    async def next_turn(self, limit: Limit, stop: asyncio.Event | None) -> bool:
        """Wait (or until `stop`) for the first one left to come within the window; False
        when none is left, or once a stop bounds the drain."""
        turn = None if limit.by is not None else await asyncio.to_thread(self._first_turn)
        if turn is None:
            return False
        wait = (turn - self._clock()).total_seconds() - self.window
        if wait > 0:
            _LOGGER.info("catching up: the next paced turn is in %.0f s", wait + self.window)
            await _wait_or_stop(stop, wait)
        self._reached = turn
        return True

    def _waiting(self) -> list[sa.ColumnElement[bool]]:
        return [
            OUTBOX.c.status == "pending",
            paced(OUTBOX.c.last_error),
            OUTBOX.c.created_at <= self.started,  # a stream queued since does not hold it
            OUTBOX.c.next_attempt_at > self.started,
            self._leases.free(OUTBOX.c.lease_until),
        ]

    def _bring_forward(self, within: datetime) -> None:
        """Due when the drain began, so its claims take them: their pace keeps their turns."""
        with self.store.engine.begin() as conn:
            conn.execute(
                sa.update(OUTBOX)
                .where(*self._waiting(), OUTBOX.c.next_attempt_at <= within)
                .values(next_attempt_at=self.started)
            )

    def _first_turn(self) -> datetime | None:
        with self.store.engine.connect() as conn:
            first = sa.select(sa.func.min(OUTBOX.c.next_attempt_at)).where(*self._waiting())
            turn: datetime | None = conn.scalar(first)
        return turn


async def _wait_or_stop(stop: asyncio.Event | None, seconds: float) -> None:
    if stop is None:
        await asyncio.sleep(seconds)
        return
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stop.wait(), seconds)


async def say_left(store: Store, *, stopping: bool) -> None:
    """What the grace left undelivered (due now, or waiting to retry after a failure)."""
    left = (await asyncio.to_thread(counts, store))["pending"]
    if left and stopping:
        _LOGGER.warning("stopping: %d action(s) undelivered, kept for the next start", left)
    elif left:
        _LOGGER.info("%d action(s) not delivered after catching up; delivery goes on", left)
