"""The outbox worker: claims due actions, delivers them through responders, records receipts.

Every action carries an idempotency key; a delivery row is written (once, by key) only
after the responder succeeded, in the same transaction that marks the action done, and only
while this worker's lease on it holds (outbox_record).
A failed action waits with jittered exponential backoff (or is held), again only under this
worker's lease (outbox_retry); nothing is ever dropped. One action's delivery and what came
of it is outbox_deliver's; here, the batches, the sinks' paces, the run and its drains.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Mapping
from datetime import UTC, datetime, timedelta

from mentiondesk.config import OutboxSection
from mentiondesk.lifecycle import retry_wait
from mentiondesk.models import Brand, Pace, Responder
from mentiondesk.outage_wait import OutageWait
from mentiondesk.outbox_claim import claim
from mentiondesk.outbox_deliver import Delivering
from mentiondesk.outbox_drain import DELIVER_TIMEOUT, InHand, Limit, SetAside, paced_why, say_left
from mentiondesk.outbox_pace import Sleep, unless_stopped
from mentiondesk.outbox_pace_shared import WallClock, sink_limiters
from mentiondesk.outbox_record import RECORD_WITHIN, Claimed, renew
from mentiondesk.outbox_retry import put_off_kept
from mentiondesk.outbox_waits import Tried, gather_all, wait_any
from mentiondesk.store import Store

__all__ = ["DELIVER_TIMEOUT", "Claimed", "OutboxWorker", "Tried"]
_LOGGER = logging.getLogger(__name__)
_SPENT = "the stop's grace was spent"  # why the rest of a batch in hand was not begun


def _utcnow() -> datetime:
    return datetime.now(UTC)


def _outage_wait(failures: int) -> float:
    """Seconds before trying the database again: 2 after the first failure, doubling, a minute
    at most (as processing waits through an outage: pipeline)."""
    return retry_wait(failures + 1, 1.0, 60.0)


def _failed(exc: Exception, failures: int) -> None:
    """A failed pass: its traceback the first time, one line a try after it (at most one a
    minute through an outage, each a traceback before, said the same): the class and the
    driver's first line, never the SQL or what a row holds."""
    if failures == 1:
        _LOGGER.exception("outbox worker: database error; retrying")
        return
    cause = getattr(exc, "orig", None) or exc  # the driver's words, not the statement
    words = " ".join((str(cause).strip().splitlines() or [""])[0].split())[:300]
    _LOGGER.warning(
        "outbox worker: database error again (%s: %s; %d tries); next try in %.0f s",
        *(type(cause).__name__, words, failures, _outage_wait(failures)),
    )


class OutboxWorker(Delivering):
    """Drains the outbox through the configured responders."""

    def __init__(
        self,
        store: Store,
        responders: Mapping[str, Responder],
        settings: OutboxSection,
        *,
        clock: Callable[[], datetime] = _utcnow,
        desk_url: str | None = None,
        brand: Brand | None = None,
        pace: Mapping[str, Pace] | None = None,
        monotonic: Callable[[], float] = time.monotonic,
        pace_sleep: Sleep = asyncio.sleep,
        pace_wall: WallClock | None = None,  # shared paces' clock (PostgreSQL's by default)
        lease_wall: WallClock | None = None,  # leases' clock (PostgreSQL's by default)
    ) -> None:
        super().__init__(
            store, responders, settings, clock=clock, monotonic=monotonic, lease_wall=lease_wall
        )
        self.desk_url = desk_url  # [desk] public_url: alerts and tickets link to the case
        self.brand = brand  # an alert about a possible impostor of it says so (outbox_claim)
        self._limiters = sink_limiters(
            store.engine, self.responders, pace, clock=monotonic, sleep=pace_sleep, wall=pace_wall
        )
        # run()'s wait between tries through a database outage: the store answering a
        # poller ends it (pipeline.App wires `outage.answered`).
        self.outage = OutageWait()

    async def run(
        self, stop: asyncio.Event, wake: asyncio.Event, *, stopping: asyncio.Event | None = None
    ) -> None:
        """Deliver until `stop`; then drain what is due, so a clean stop leaves nothing behind.

        `stopping` says whether the process is stopping when `stop` comes (`stop` itself by
        default); the catch-up's `stop` only means the backlog is read, and delivery goes on."""
        in_hand = InHand(self._monotonic, self.settings.stop_grace_seconds, stop, stopping or stop)
        self._stop, self._cut = stop, in_hand.cut  # a stop's grace bounds the batch in hand too
        try:
            await self._deliver_until(stop, wake)
        finally:
            in_hand.close()
            self._stop = self._cut = None
        await self.drain(grace=in_hand.left(), stopping=(stopping or stop).is_set())

    async def _deliver_until(self, stop: asyncio.Event, wake: asyncio.Event) -> None:
        failures = 0
        while not stop.is_set():
            try:
                claimed, _ = await self.deliver_due()
                failures = 0
            except Exception as exc:  # the database went away: keep the worker alive, try again
                failures += 1
                _failed(exc, failures)
                # New work, a stop, or a poller finding a lost database back ends it early.
                await self.outage.wait(stop, wake, _outage_wait(failures), exc)
                continue
            if claimed == 0:
                wake.clear()
                await wait_any(stop, wake, self.settings.poll_seconds)

    async def drain(
        self,
        *,
        only_key: str | None = None,
        grace: float | None = None,
        stopping: bool = True,
        stop: asyncio.Event | None = None,
        paced_too: bool = True,
    ) -> int:
        """Deliver every action due now (or just `only_key`); return how many were delivered.

        With `grace` (seconds), stop taking new batches once it is spent: a process asked to
        stop goes within a supervisor's timeout, and what is left waits, stored, for the next
        start (a backlog of thousands would otherwise take minutes). `stopping=False`: the
        grace only bounds this pass, and the log says delivery goes on rather than stopping.
        Without one, what was set aside for its pace turn goes too (outbox_drain; not with
        `paced_too=False`), and `stop` bounds the drain by `stop_grace_seconds` from then.
        """
        limit = Limit(self._monotonic, grace, stop, self.settings.stop_grace_seconds)
        # Only what is due now: one that fails is due again in seconds, and taking it again
        # kept a drain retrying a sink that is down until the backoff outgrew a pass (minutes).
        started, total, lease = self._clock(), 0, self.settings.lease_seconds
        catch_up = paced_too and grace is None and only_key is None
        aside = (
            SetAside(self.store, started, self._clock, lease, self._leases) if catch_up else None
        )
        try:
            while not limit.spent():
                self._stop = limit.pace_stop  # a pace's wait gives way to a stop, then its grace
                self._cut = limit.cut  # a delivery in hand keeps to a stop's grace too
                if aside is not None:
                    await aside.bring_forward(limit.left())
                # A delivery still unanswered when the grace ends is cut short (and retried at
                # the next start, as any timeout is), so the stop keeps to its grace.
                claimed, delivered = await self.deliver_due(
                    only_key=only_key, answer_within=limit.within(), due_by=started, by=limit.by
                )
                total += delivered
                # Failed actions are rescheduled into the future, so this ends.
                if claimed == 0 and not (aside and await aside.next_turn(limit, stop)):
                    break
        finally:
            limit.close()
            self._stop = self._cut = None
        if limit.spent() or limit.stopped:  # a grace, or a stop, left some undelivered
            await say_left(self.store, stopping=stopping or limit.stopped)
        return total

    async def deliver_due(
        self,
        *,
        only_key: str | None = None,
        answer_within: float = DELIVER_TIMEOUT,
        due_by: datetime | None = None,
        by: float | None = None,
    ) -> tuple[int, int]:
        """Claim one batch of actions due (by `due_by`, or now) and deliver it: (claimed,
        delivered). `by` (monotonic): no waiting for a sink's pace past it (a stop's grace)."""
        claimed = await asyncio.to_thread(self._claim, only_key, due_by)
        sinks: dict[str, list[Claimed]] = {}
        for c in claimed:
            sinks.setdefault(c.action.target, []).append(c)
        sent = (
            self._deliver_sink(c, answer_within, by, others=only_key is None)
            for c in sinks.values()
        )
        return len(claimed), sum(await gather_all(sent))

    async def _deliver_sink(
        self, claims: list[Claimed], within: float, by: float | None, *, others: bool
    ) -> int:
        """One sink's share of a batch: its first action, then the rest together, unless the
        first found the sink unreachable or rate limited (or its turn too far off); then the
        rest (and, with `others`, its actions not in the batch) are put off untried."""
        first, rest = await self._paced(claims[0], within, by), claims[1:]
        if first.down_until is None:
            return first.delivered + await self._tail(rest, within, by)
        untried = claims if first.untried else rest
        more = "" if first.untried else "more "
        await self._put_off(
            claims[0].action.target, untried, first.down_until, first.why, others, more
        )
        return 0

    async def _put_off(
        self,
        target: str,
        untried: list[Claimed],
        until: datetime,
        why: str,
        others: bool,
        more: str,
    ) -> None:
        """Put off a sink's `untried` until `until` (put_off's `others`), in one log line."""
        call = (self.store, target, untried, until, why)
        leases, sleep = self._leases, self._sleep
        if waiting := await put_off_kept(*call, leases=leases, others=others, sleep=sleep):
            _LOGGER.info(
                "responder %s: %d %saction(s) not tried, due again at %s (%s)",
                *(target, waiting, more, until.isoformat(timespec="seconds"), why),
            )

    async def _tail(self, rest: list[Claimed], within: float, by: float | None) -> int:
        """The rest of a sink's batch, under a renewed lease: the first may have used most of
        the claim's (its whole timeout), and a lapsed lease lets another worker send them."""
        if not rest:
            return 0
        if self._cut is not None and self._cut.is_set():  # a request begun now could go out
            await self._put_off(rest[0].action.target, rest, self._clock(), _SPENT, False, "")
            return 0
        lease = self.settings.lease_seconds
        kept = await asyncio.to_thread(renew, self.store, rest, self._leases, lease)
        if lost := len(rest) - len(kept):
            _LOGGER.warning(
                "responder %s: %d action(s) of this batch taken by another worker after "
                "their lease lapsed; left to it",
                *(rest[0].action.target, lost),
            )
        later: list[tuple[Claimed, Tried]] = []
        sent = sum(await gather_all(self._sent(c, within, by, later) for c in kept))
        if later:  # their turns come past the grace or their lease: kept for then
            until = max(t.down_until or self._clock() for _, t in later)
            untried = [c for c, _ in later]
            await self._put_off(
                untried[0].action.target, untried, until, later[0][1].why, False, ""
            )
        return sent

    async def _sent(
        self, claimed: Claimed, within: float, by: float | None, later: list[tuple[Claimed, Tried]]
    ) -> int:
        tried = await self._paced(claimed, within, by)
        if tried.untried:
            later.append((claimed, tried))
        return tried.delivered

    async def _paced(self, claimed: Claimed, within: float, by: float | None) -> Tried:
        """Deliver `claimed` once the sink's pace lets it go. Its turn is not waited for past
        `by` (a stop's grace), past the time its lease leaves for a delivery and its record
        (another worker may take it then), or once run's stop comes: it is put off untried,
        its attempt taken back. After a wait its lease is renewed, as a batch's tail is."""
        limiter = self._limiters.get(claimed.action.target)
        if limiter is None:
            return await self._deliver(claimed, within, by)
        lapses = claimed.lapses or claimed.lease  # by this worker's clock
        spare = (lapses - self._clock()).total_seconds() - DELIVER_TIMEOUT - RECORD_WITHIN
        began = self._monotonic()
        last = began + spare if by is None else min(by, began + spare)
        turn = await unless_stopped(self._outages.paced(claimed, limiter, last), self._stop, began)
        why = paced_why(limiter.pace)
        if turn is not None:
            until = self._clock() + timedelta(seconds=max(0.0, turn - self._monotonic()))
            return Tried(0, until, why, untried=True)
        if self._monotonic() > began:
            lease = self.settings.lease_seconds
            renewed = await asyncio.to_thread(renew, self.store, [claimed], self._leases, lease)
            if not renewed:  # lapsed and taken by another worker: it sends this one
                return Tried(0)
            claimed = renewed[0]
        return await self._deliver(claimed, within, by)

    # --- database side (run in a worker thread) -----------------------------------------

    def _claim(self, only_key: str | None, due_by: datetime | None = None) -> list[Claimed]:
        now, leases = self._clock(), self._leases
        brand = self.brand
        return claim(self.store, self.settings, now, only_key, due_by, self.desk_url, brand, leases)
