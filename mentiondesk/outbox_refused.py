"""Sinks that refused as a whole (SinkRefused: a webhook deleted, a token revoked).

A plain FatalError holds the one action it is about. A sink-wide refusal would meet every
action of that sink alike: tried one by one at the sink's pace, a dead webhook held a
`run --once` for minutes and wrote an identical error line per alert. So the action tried is
held, and with it every other pending action of the sink no worker holds, in one error line
that says what to fix and how to send them; what the worker takes for that sink afterwards
(its batch's rest, alerts queued since) is held untried, at debug level, without waiting for
the sink's pace. Nothing is lost: `outbox retry` releases them. Other sinks are untouched.

The quiet holds last QUIET_FOR, or until the sink delivers again; an action a person released
after the refusal (its last_error still says it was refused, and it is due from the
release) is tried again rather than held on sight: that is how a fix is tried without a
restart.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa

from mentiondesk.models import FatalError, SinkRefused
from mentiondesk.outbox_lease import LeaseClock
from mentiondesk.outbox_pace import Turns
from mentiondesk.outbox_record import Claimed, left_to_other, ours, through_blips
from mentiondesk.outbox_retry import Sleep, rescheduled
from mentiondesk.outbox_waits import Outages, Tried
from mentiondesk.store import Store
from mentiondesk.tables import OUTBOX

_LOGGER = logging.getLogger("mentiondesk.outbox")  # the worker's log, where operators look
# How long what is queued for a refused sink is held without a try; then one is tried again,
# so a sink set right without anyone releasing its actions is found working (or said again).
QUIET_FOR = timedelta(hours=1)
REFUSED = "sink refused: "  # the held rows' last_error starts so; `outbox retry` keeps it
RESUME = "mentiondesk outbox retry --held-for {target}"  # what releases them


@dataclass(slots=True)
class _Refusal:
    since: datetime  # when it was met (the worker's clock)
    why: str


class Refusals(Outages):
    """Outages, and the sinks that refused as a whole lately, held quietly until QUIET_FOR
    has passed or they deliver again; each sink's own, so one leaves the others alone."""

    def __init__(self, clock: Callable[[], datetime], leases: LeaseClock) -> None:
        super().__init__()
        self._clock = clock
        self._leases = leases  # whose lease has lapsed, by the clock every worker shares
        self._refused: dict[str, _Refusal] = {}
        self._waits: dict[str, asyncio.Event] = {}  # a sink's waits for a turn give way to it

    def _active(self, target: str) -> _Refusal | None:
        refusal = self._refused.get(target)
        if refusal is not None and self._clock() - refusal.since >= QUIET_FOR:
            self._refused.pop(target)  # past its time: the next action is tried again
            self._waits.pop(target, None)
            return None
        return refusal

    def delivered(self, target: str) -> None:
        """The sink took an action: an outage is over, and what comes next is tried again."""
        super().delivered(target)
        if self._refused.pop(target, None) is not None:
            self._waits.pop(target, None)  # set: a fresh one for the next refusal

    async def paced(self, claimed: Claimed, turns: Turns, by: float) -> float | None:
        """`turns.acquire(by)` (the sink's pace turn), unless the sink refuses as a whole
        first, or had: then None at once, no turn taken; the delivery holds it untried."""
        target = claimed.action.target
        if self._active(target) is not None:
            return None
        event = self._waits.setdefault(target, asyncio.Event())
        waiting = asyncio.ensure_future(turns.acquire(by))
        refused = asyncio.ensure_future(event.wait())
        try:
            await asyncio.wait([waiting, refused], return_when=asyncio.FIRST_COMPLETED)
        finally:  # also when cancelled (a stop): a turn not taken is given back by its waiter
            refused.cancel()
            if not waiting.done():
                waiting.cancel()
        return waiting.result() if waiting.done() and not waiting.cancelled() else None

    async def held(self, store: Store, claimed: Claimed, sleep: Sleep) -> bool:
        """Hold `claimed` untried (its attempt taken back) when its sink refused lately; False
        when it did not, or a person released this one since: it is tried."""
        refusal = self._active(claimed.action.target)
        if refusal is None:
            return False
        error = (REFUSED + refusal.why)[:2000]
        since = refusal.since
        held = await through_blips(lambda: hold_untried(store, claimed, since, error), sleep=sleep)
        if held:
            _LOGGER.debug(
                "outbox action %d (%s) held untried: responder %s refused as a whole",
                *(claimed.id, claimed.action.kind, claimed.action.target),
            )
        return held is not False  # None: another worker took it, and sends it

    async def refused(
        self, store: Store, claimed: Claimed, exc: FatalError, began: datetime, sleep: Sleep
    ) -> Tried | None:
        """What came of `exc` if it refuses the sink as a whole (None: it is about this action
        alone): this action held, and with it the sink's other pending ones, said once."""
        if not isinstance(exc, SinkRefused):
            return None
        target, error = claimed.action.target, f"{REFUSED}{exc}"[:2000]
        known = self._active(target)
        # Tried alongside the one that met it (begun before it was known): the same refusal.
        # Decided before any wait, so that of several answered together one says it.
        same = known is not None and known.since >= began
        if not same:
            self._met(target, str(exc))
        # False: another worker took it after its lease lapsed; it meets the refusal itself.
        await rescheduled(store, claimed, None, error, hold=True, sleep=sleep)
        if same:
            _LOGGER.debug("outbox action %d held: %s", claimed.id, exc)
            return Tried(0)
        leases = self._leases
        others = await through_blips(lambda: hold_others(store, target, error, leases), sleep=sleep)
        _LOGGER.error(
            "responder %s refused every action: %s. Held action %d (%s), and its %d other "
            "pending action(s) with it, untried, as what is queued for it next will be. Once "
            "fixed (restart `mentiondesk run` after changing a variable), send them: `%s`",
            *(target, exc, claimed.id, claimed.action.kind, others, RESUME.format(target=target)),
        )
        return Tried(0)

    def _met(self, target: str, why: str) -> None:
        """Remember the refusal; a wait for the sink's pace turn gives way at once."""
        self._refused[target] = _Refusal(self._clock(), why)
        self._waits.setdefault(target, asyncio.Event()).set()


def hold_others(store: Store, target: str, error: str, leases: LeaseClock) -> int:
    """Hold `target`'s pending actions no worker holds (a lapsed lease is a worker gone), with
    `error`; how many, with those being sent (this batch's: each held untried as it comes)."""
    free = leases.free(OUTBOX.c.lease_until)
    pending = sa.and_(OUTBOX.c.target == target, OUTBOX.c.status == "pending")
    with store.engine.begin() as conn:
        held = conn.execute(
            sa.update(OUTBOX)
            .where(pending, free)
            .values(status="held", lease_until=None, last_error=error)
        ).rowcount
        leased = conn.scalar(sa.select(sa.func.count()).select_from(OUTBOX).where(pending))
    return int(held) + int(leased or 0)


def hold_untried(store: Store, claimed: Claimed, since: datetime, error: str) -> bool | None:
    """Hold this worker's claim untried, its attempt taken back: True. False, with nothing
    written, when a person released it after the refusal `since` (it is tried again); None
    when another worker took it after its lease lapsed. Safe to repeat (through a blip)."""
    released = sa.and_(
        sa.func.coalesce(OUTBOX.c.last_error, "").startswith(REFUSED, autoescape=True),
        OUTBOX.c.next_attempt_at > since,  # `outbox retry` makes it due from the release
    )
    with store.engine.begin() as conn:
        held = conn.execute(
            sa.update(OUTBOX)
            .where(ours(claimed), sa.not_(released))
            .values(
                status="held", lease_until=None, attempts=OUTBOX.c.attempts - 1, last_error=error
            )
        ).rowcount
        if held:
            return True
        if conn.execute(sa.select(OUTBOX.c.id).where(ours(claimed))).first() is not None:
            return False
        done = sa.select(OUTBOX.c.id).where(
            OUTBOX.c.id == claimed.id, OUTBOX.c.status == "held", OUTBOX.c.last_error == error
        )
        if conn.execute(done).first() is not None:  # an earlier try committed; its answer lost
            return True
    left_to_other(claimed, "held")
    return None
