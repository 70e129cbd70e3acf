"""Recording a delivery, and the lease that makes it this worker's to record.

A sent action is recorded (its receipt, the action done, its case touched) in one
transaction, and only while this worker still holds the lease its claim took: a lease that
lapsed and was taken by another worker means that worker is sending it now, and its record
is the one that counts. Recording is retried in-process, the receipt in hand, through a
database blip (`through_blips`, which outbox_retry's writes use too), and on through an
outage (a restart) until a stop's grace is spent: a receipt dropped there would leave the
action to be claimed and sent again once its lease lapses, and a webhook chat cannot look
for the earlier send.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TypeVar

import sqlalchemy as sa

from mentiondesk.models import OutboxAction, Receipt
from mentiondesk.outbox_case import touch_case
from mentiondesk.outbox_lease import LeaseClock
from mentiondesk.outbox_ticket_wait import note_sent
from mentiondesk.store import Store
from mentiondesk.tables import DELIVERY, OUTBOX

_LOGGER = logging.getLogger("mentiondesk.outbox")  # the worker's log, where operators look
RECORD_TRIES = 6  # the first, then five more: waits of at most 0.25 + 0.5 + 1 + 2 + 4 s
RECORD_FIRST_WAIT = 0.25
RECORD_MAX_WAIT = 4.0
RECORD_WITHIN = 10.0  # what the tries can take, the database answering each (an outage)
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Claimed:
    id: int
    case_id: int | None
    action: OutboxAction
    lease: datetime  # lease_until as this worker claimed (or renewed) it: the row is ours
    # When the lease lapses by this worker's clock (`lease` is the database's on PostgreSQL,
    # outbox_lease); None: at `lease`.
    lapses: datetime | None = None


def ours(claimed: Claimed) -> sa.ColumnElement[bool]:
    """The row as this worker's claim left it: pending, under the lease the claim set. Every
    write after a delivery goes through this; a lapsed lease another worker took is its."""
    return sa.and_(
        OUTBOX.c.id == claimed.id,
        OUTBOX.c.status == "pending",
        OUTBOX.c.lease_until == claimed.lease,
    )


def left_to_other(claimed: Claimed, what: str) -> None:
    """Say that `claimed` was not `what` (held, rescheduled, put off): its lease lapsed and
    another worker took it. The row id and sink only: never the text or the error's words,
    nor the key (it holds the post's id; on Bluesky its author's DID)."""
    _LOGGER.warning(
        "outbox action %d (%s, via %s) not %s: its lease lapsed and another worker took it; "
        "left to it",
        *(claimed.id, claimed.action.kind, claimed.action.target, what),
    )


def record(store: Store, claimed: Claimed, receipt: Receipt, now: datetime) -> bool:
    """Record `receipt` for `claimed`: False, with nothing written, when the lease is no longer
    this worker's (another worker took the action after it lapsed). True when it is done
    already: an earlier try committed, and only its answer was lost."""
    action = claimed.action
    with store.engine.begin() as conn:
        done = conn.execute(
            sa.update(OUTBOX)
            .where(ours(claimed))
            .values(status="done", lease_until=None, last_error=None)
        ).rowcount
        if not done:
            status = sa.select(OUTBOX.c.status).where(OUTBOX.c.id == claimed.id)
            return conn.scalar(status) == "done"
        stmt = store.insert(DELIVERY).on_conflict_do_nothing(index_elements=["key"])
        delivery = {"key": action.key, "outbox_id": claimed.id, "kind": action.kind}
        delivery |= {"target": action.target, "ref": receipt.ref, "url": receipt.url}
        conn.execute(stmt.values(delivery | {"delivered_at": now}))
        touch_case(conn, action, receipt, case_id=claimed.case_id, now=now)
        note_sent(conn, claimed.id, action.kind, claimed.case_id)  # after waiting for a ticket
    return True


async def through_blips(
    write: Callable[[], T],
    *,
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    go_on: Callable[[], bool] | None = None,
) -> T:
    """`write` in a thread, retried through a database blip with a short, capped, jittered
    backoff (RECORD_TRIES tries, within RECORD_WITHIN of the lease); the last error is raised.
    With `go_on`, tried on past those, every RECORD_MAX_WAIT at most, while it says so.
    `write` must be safe to repeat: each of ours writes only under this worker's lease."""
    attempt = 0
    while True:
        try:
            return await asyncio.to_thread(write)
        except Exception:
            attempt += 1
            if attempt >= RECORD_TRIES and (go_on is None or not go_on()):
                raise
            doublings = min(attempt, RECORD_TRIES) - 1
            ceiling = min(RECORD_MAX_WAIT, RECORD_FIRST_WAIT * 2**doublings)
            await sleep(random.uniform(ceiling / 2, ceiling))


async def keep(
    write: Callable[[Claimed, Receipt], bool],
    claimed: Claimed,
    receipt: Receipt,
    *,
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    go_on: Callable[[], bool] | None = None,
) -> bool:
    """Record a delivery (`write`, in a thread), retrying with a short, capped, jittered
    backoff; whether the lease was still ours. `go_on`: tried on past the quick tries while
    it says so (until a stop's grace is spent): a database restarting for longer than they
    last would otherwise lose the receipt, and the action be sent again. If every try fails
    the error is raised, after a line naming the row and the platform's ref (never the text,
    nor the key: it holds the post's id), so a person can hold the action before its lease
    lapses and it goes again."""
    try:
        longer = None if go_on is None else _said_once(claimed, go_on)
        kept = await through_blips(lambda: write(claimed, receipt), sleep=sleep, go_on=longer)
    except Exception as exc:
        _unrecorded(claimed, receipt, exc)
        raise
    if not kept:
        _LOGGER.warning(
            "outbox action %d (%s) was delivered via %s (ref %s) after its lease passed to "
            "another worker, which records it (a sink that cannot look first may show it twice)",
            *(claimed.id, claimed.action.kind, claimed.action.target, receipt.ref or "none"),
        )
    return bool(kept)


def _said_once(claimed: Claimed, go_on: Callable[[], bool]) -> Callable[[], bool]:
    """`go_on`, saying the first time it goes on that the record waits for the database."""
    said: list[bool] = []

    def longer() -> bool:
        if not go_on():
            return False
        if not said:
            said.append(True)
            _LOGGER.warning(
                "outbox action %d (%s) was delivered via %s but cannot be recorded yet; "
                "trying again until the database answers",
                *(claimed.id, claimed.action.kind, claimed.action.target),
            )
        return True

    return longer


def _unrecorded(claimed: Claimed, receipt: Receipt, exc: Exception) -> None:
    cause = getattr(exc, "orig", None) or exc  # the driver's words, not the SQL and its values
    words = (str(cause).strip().splitlines() or [""])[0]
    _LOGGER.error(
        "outbox action %d (%s) was delivered via %s (ref %s) but could not be recorded "
        "(%s: %s); it is sent again when its lease lapses unless held (`outbox hold %d`)",
        *(claimed.id, claimed.action.kind, claimed.action.target, receipt.ref or "none"),
        *(type(cause).__name__, words, claimed.id),
    )


def renew(
    store: Store, claims: Sequence[Claimed], leases: LeaseClock, seconds: float
) -> list[Claimed]:
    """Extend this worker's lease on `claims` by `seconds` from now (by `leases`' clock) before
    sending them; those whose lease another worker has taken meanwhile are left out (it sends
    them)."""
    lapses = leases.clock() + timedelta(seconds=seconds)  # by this worker's clock
    renewed = []
    with store.engine.begin() as conn:
        for claim in claims:
            until = conn.scalar(
                sa.update(OUTBOX)
                .where(ours(claim))
                .values(lease_until=leases.until(seconds))
                .returning(OUTBOX.c.lease_until)
            )
            if until is not None:
                renewed.append(Claimed(claim.id, claim.case_id, claim.action, until, lapses))
    return renewed
