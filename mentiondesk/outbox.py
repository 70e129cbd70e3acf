"""The outbox worker: claims due actions, delivers them through responders, records receipts.

Every action carries an idempotency key; a delivery row is written (once, by key) only
after the responder succeeded, in the same transaction that marks the action done, and only
while this worker's lease on it holds (outbox_record).
A failed action waits with jittered exponential backoff (or is held), again only under this
worker's lease (outbox_retry); nothing is ever dropped.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa

from mentiondesk.config import OutboxSection
from mentiondesk.config_desk import case_page
from mentiondesk.models import (
    FatalError,
    OutboxAction,
    RateLimited,
    Receipt,
    Responder,
    Unreachable,
)
from mentiondesk.outbox_admin import counts
from mentiondesk.outbox_payload import action_from_payload
from mentiondesk.outbox_record import Claimed, keep, record, renew
from mentiondesk.outbox_retry import backoff, put_off, retry_at
from mentiondesk.outbox_waits import Outages, answered, describe, gather_all, wait_any
from mentiondesk.store import Store
from mentiondesk.tables import AUTHOR, OUTBOX

__all__ = ["DELIVER_TIMEOUT", "Claimed", "OutboxWorker", "Tried"]
_LOGGER = logging.getLogger(__name__)
# A lease must outlast one delivery and its recording (OutboxSection's minimum: 60 s, and
# outbox_record.RECORD_WITHIN); a sink's batch tail goes under a renewed lease.
DELIVER_TIMEOUT = 60.0
MIN_DELIVER_TIMEOUT = 5.0  # what a delivery started at the end of a stop's grace still gets


def _utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class Tried:
    delivered: int
    down_until: datetime | None = None  # the sink is down or rate limited until then
    why: str = ""


class OutboxWorker:
    """Drains the outbox through the configured responders."""

    def __init__(
        self,
        store: Store,
        responders: Mapping[str, Responder],
        settings: OutboxSection,
        *,
        clock: Callable[[], datetime] = _utcnow,
        desk_url: str | None = None,
    ) -> None:
        self.store = store
        self.desk_url = desk_url  # [desk] public_url: alerts and tickets link to the case
        self.responders = dict(responders)
        self.settings = settings
        self._clock = clock
        self.delivered = 0
        self.failed = 0
        self._outages = Outages()  # responders whose last delivery failed
        self._sleep = asyncio.sleep  # between tries to record a delivery

    async def run(
        self, stop: asyncio.Event, wake: asyncio.Event, *, stopping: asyncio.Event | None = None
    ) -> None:
        """Deliver until `stop`; then drain what is due, so a clean stop leaves nothing behind.

        `stopping` says whether the process is stopping when `stop` comes (`stop` itself by
        default); the catch-up's `stop` only means the backlog is read, and delivery goes on."""
        failures = 0
        while not stop.is_set():
            try:
                claimed, _ = await self.deliver_due()
                failures = 0
            except Exception:  # the database went away: keep the worker alive, try again
                failures += 1
                _LOGGER.exception("outbox worker: database error; retrying")
                await wait_any(stop, wake, min(60.0, 2.0**failures))
                continue
            if claimed == 0:
                wake.clear()
                await wait_any(stop, wake, self.settings.poll_seconds)
        quitting = (stopping or stop).is_set()
        await self.drain(grace=self.settings.stop_grace_seconds, stopping=quitting)

    async def drain(
        self, *, only_key: str | None = None, grace: float | None = None, stopping: bool = True
    ) -> int:
        """Deliver every action due now (or just `only_key`); return how many were delivered.

        With `grace` (seconds), stop taking new batches once it is spent: a process asked to
        stop goes within a supervisor's timeout, and what is left waits, stored, for the next
        start (a backlog of thousands would otherwise take minutes). `stopping=False`: the
        grace only bounds this pass, and the log says delivery goes on rather than stopping.
        """
        loop = asyncio.get_running_loop()
        deadline = None if grace is None else loop.time() + grace
        # Only what is due now: one that fails is due again in seconds, and taking it again
        # kept a drain retrying a sink that is down until the backoff outgrew a pass (minutes).
        started = self._clock()
        total = 0
        while deadline is None or loop.time() < deadline:
            # A delivery still unanswered when the grace ends is cut short (and retried at the
            # next start, as any timeout is), so the stop keeps to its grace.
            left = DELIVER_TIMEOUT if deadline is None else deadline - loop.time()
            within = min(DELIVER_TIMEOUT, max(MIN_DELIVER_TIMEOUT, left))
            # Failed actions are rescheduled into the future, so this ends.
            claimed, delivered = await self.deliver_due(
                only_key=only_key, answer_within=within, due_by=started
            )
            total += delivered
            if claimed == 0:
                return total
        await self._say_left(stopping=stopping)
        return total

    async def _say_left(self, *, stopping: bool) -> None:
        """What the grace left undelivered (due now, or waiting to retry after a failure)."""
        left = (await asyncio.to_thread(counts, self.store))["pending"]
        if left and stopping:
            _LOGGER.warning("stopping: %d action(s) undelivered, kept for the next start", left)
        elif left:
            _LOGGER.info("%d action(s) not delivered after catching up; delivery goes on", left)

    async def deliver_due(
        self,
        *,
        only_key: str | None = None,
        answer_within: float = DELIVER_TIMEOUT,
        due_by: datetime | None = None,
    ) -> tuple[int, int]:
        """Claim one batch of actions due (by `due_by`, or now) and deliver it: (claimed,
        delivered)."""
        claimed = await asyncio.to_thread(self._claim, only_key, due_by)
        sinks: dict[str, list[Claimed]] = {}
        for c in claimed:
            sinks.setdefault(c.action.target, []).append(c)
        sent = (
            self._deliver_sink(c, answer_within, others=only_key is None) for c in sinks.values()
        )
        return len(claimed), sum(await gather_all(sent))

    async def _deliver_sink(self, claims: list[Claimed], within: float, *, others: bool) -> int:
        """One sink's share of a batch: its first action, then the rest together, unless the
        first found the sink unreachable or rate limited; then the rest (and, with `others`,
        its actions not in the batch) are put off untried, with one log line for them all."""
        first, rest = await self._deliver(claims[0], within), claims[1:]
        if first.down_until is None:
            return first.delivered + await self._tail(rest, within)
        target, until = claims[0].action.target, first.down_until
        args = (self.store, target, rest, until, first.why)
        if waiting := await asyncio.to_thread(put_off, *args, now=self._clock(), others=others):
            _LOGGER.info(
                "responder %s: %d more action(s) not tried, due again at %s (%s)",
                *(target, waiting, until.isoformat(timespec="seconds"), first.why),
            )
        return 0

    async def _tail(self, rest: list[Claimed], within: float) -> int:
        """The rest of a sink's batch, under a renewed lease: the first may have used most of
        the claim's (its whole timeout), and a lapsed lease lets another worker send them."""
        if not rest:
            return 0
        until = self._clock() + timedelta(seconds=self.settings.lease_seconds)
        kept = await asyncio.to_thread(renew, self.store, rest, until)
        if lost := len(rest) - len(kept):
            _LOGGER.warning(
                "responder %s: %d action(s) of this batch taken by another worker after "
                "their lease lapsed; left to it",
                *(rest[0].action.target, lost),
            )
        return sum(await gather_all(self._sent(c, within) for c in kept))

    async def _sent(self, claimed: Claimed, within: float) -> int:
        return (await self._deliver(claimed, within)).delivered

    async def _deliver(self, claimed: Claimed, answer_within: float) -> Tried:
        action = claimed.action
        responder = self.responders.get(action.target)
        try:
            if responder is None:
                raise FatalError(f"no responder named {action.target!r} is configured")
            if action.private and await asyncio.to_thread(self._do_not_contact, action):
                raise FatalError("the author asked not to be contacted; not sent")
            receipt = await answered(responder.deliver(action), answer_within, full=DELIVER_TIMEOUT)
        except RateLimited as exc:
            until = exc.wait_until(self._clock())
            await self._retry(claimed, until, str(exc))
            return Tried(0, until, str(exc))  # its other actions would meet the same limit
        except FatalError as exc:
            if await self._retry(claimed, None, str(exc), hold=True):
                _LOGGER.error("outbox %s held: %s", action.key, exc)
            self.failed += 1
            return Tried(0)
        except Exception as exc:  # transient or unknown: retry with backoff, never drop
            self._outages.failed(action, describe(exc), self._clock())
            when = self._clock() + timedelta(seconds=backoff(self.settings, action.attempt))
            await self._retry(claimed, when, describe(exc))
            self.failed += 1
            return Tried(0, when, describe(exc)) if isinstance(exc, Unreachable) else Tried(0)
        await keep(self._record, claimed, receipt, sleep=self._sleep)
        self.delivered += 1
        self._outages.delivered(action.target)
        _LOGGER.info("delivered %s via %s", action.key, action.target)
        return Tried(1)

    async def _retry(
        self, claimed: Claimed, when: datetime | None, error: str, *, hold: bool = False
    ) -> bool:
        """Reschedule (or hold) a failed action, only under this worker's lease (retry_at)."""
        return await asyncio.to_thread(retry_at, self.store, claimed, when, error, hold)

    # --- database side (run in a worker thread) -----------------------------------------

    def _claim(self, only_key: str | None, due_by: datetime | None = None) -> list[Claimed]:
        now = self._clock()
        lease = now + timedelta(seconds=self.settings.lease_seconds)
        free = sa.or_(OUTBOX.c.lease_until.is_(None), OUTBOX.c.lease_until < now)
        pick = sa.select(OUTBOX.c.id).where(
            OUTBOX.c.status == "pending", OUTBOX.c.next_attempt_at <= (due_by or now), free
        )
        if only_key is not None:
            pick = pick.where(OUTBOX.c.key == only_key)
        pick = pick.order_by(OUTBOX.c.id).limit(self.settings.batch_size)
        with self.store.engine.begin() as conn:
            ids = list(conn.scalars(pick.with_for_update(skip_locked=True)))
            if not ids:
                return []
            # The conditions again: on SQLite the SELECT above locks nothing, so a row another
            # worker leased in between must not be taken twice.
            rows = conn.execute(
                sa.update(OUTBOX)
                .where(OUTBOX.c.id.in_(ids), OUTBOX.c.status == "pending", free)
                .values(lease_until=lease, attempts=OUTBOX.c.attempts + 1)
                .returning(
                    OUTBOX.c.id,
                    OUTBOX.c.case_id,
                    OUTBOX.c.payload,
                    OUTBOX.c.attempts,
                    OUTBOX.c.created_at,
                )
            ).all()
        rows = sorted(rows, key=lambda r: int(r.id))
        return [Claimed(r.id, r.case_id, self._linked(r), lease) for r in rows]

    def _linked(self, row: sa.Row[Any]) -> OutboxAction:
        """The stored action with its case's desk link: added here, at delivery, so an
        alert queued before `public_url` was set (or the desk moved) links to where it is now."""
        action = action_from_payload(row.payload, row.attempts, row.created_at)
        url = case_page(self.desk_url, row.case_id)
        return replace(action, context=replace(action.context, case_url=url)) if url else action

    def _do_not_contact(self, action: OutboxAction) -> bool:
        """Checked again at sending: the author may have opted out after approval."""
        author = action.context.mention.author
        query = sa.select(AUTHOR.c.do_not_contact).where(
            AUTHOR.c.platform == action.context.mention.platform,
            AUTHOR.c.external_id == author.id,
        )
        with self.store.engine.connect() as conn:
            return bool(conn.scalar(query))

    def _record(self, claimed: Claimed, receipt: Receipt) -> bool:
        """Record a delivery; False when the lease had passed to another worker."""
        return record(self.store, claimed, receipt, self._clock())
