"""Putting outbox actions off: a failed one until its next try, and a dead sink's untried ones.

An action for a sink that cannot be reached (its name does not resolve, its port refuses)
would wait on the same dead name as the one tried before it: a DNS look-up apiece, in the
threads `asyncio.to_thread` shares with the store, so a drain on a dead chat took a minute
and a stop its whole grace. Those are put off untried instead: their attempt count stays,
and they are due again when the one tried is, as its backoff says.

Each write is made only while the row is still under the lease this worker's claim took: a
delivery that failed after its lease lapsed, and another worker took the action, leaves
the row (its lease, attempts and due time) to that worker. That makes each safe to repeat,
and it is, through a database blip, as a delivery's record is (outbox_record.through_blips):
a reschedule dropped there left the action leased, to be tried again only once that lapsed.
"""

from __future__ import annotations

import random
from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime

import sqlalchemy as sa

from mentiondesk.config import OutboxSection
from mentiondesk.outbox_lease import LeaseClock
from mentiondesk.outbox_record import Claimed, left_to_other, ours, through_blips
from mentiondesk.store import Store
from mentiondesk.tables import OUTBOX

# Doublings past this reach any cap; 2 ** 1024 would not fit a float (OverflowError), and an
# action that waits for good reason (no ticket yet, a week's outage) gets that far.
_MAX_DOUBLINGS = 32


def backoff(settings: OutboxSection, attempt: int) -> float:
    """Seconds to the next try after `attempt` failed: exponential, jittered, capped."""
    doublings = min(max(0, attempt - 1), _MAX_DOUBLINGS)
    ceiling = min(settings.max_backoff_seconds, settings.base_backoff_seconds * 2**doublings)
    return random.uniform(ceiling / 2, ceiling)


Sleep = Callable[[float], Awaitable[None]]


async def rescheduled(
    store: Store,
    claimed: Claimed,
    when: datetime | None,
    error: str,
    *,
    hold: bool,
    sleep: Sleep,
) -> bool:
    """retry_at, retried through a database blip."""
    return await through_blips(lambda: retry_at(store, claimed, when, error, hold), sleep=sleep)


async def put_off_kept(
    store: Store,
    target: str,
    untried: Sequence[Claimed],
    until: datetime,
    why: str,
    *,
    leases: LeaseClock,
    others: bool,
    sleep: Sleep,
) -> int:
    """put_off, retried through a database blip."""
    call = (store, target, untried, until, why)
    return await through_blips(lambda: put_off(*call, leases=leases, others=others), sleep=sleep)


def retry_at(store: Store, claimed: Claimed, when: datetime | None, error: str, hold: bool) -> bool:
    """Free a tried action: held for a person, or pending until `when` (None: due now). False,
    with nothing written, when its lease lapsed and another worker took it: that worker is
    sending it now, and a write here would clear its lease (or hold it mid-send). True when
    it is done already: an earlier try committed, and only its answer was lost."""
    values: dict[str, object] = {"lease_until": None, "last_error": error[:2000]}
    if hold:
        values["status"] = "held"
    if when is not None:
        values["next_attempt_at"] = when
    with store.engine.begin() as conn:
        freed = conn.execute(sa.update(OUTBOX).where(ours(claimed)).values(values)).rowcount
        if not freed:
            freed = conn.execute(_as_written(claimed, values)).first() is not None
    if not freed:
        left_to_other(claimed, "held" if hold else "rescheduled")
    return bool(freed)


def _as_written(claimed: Claimed, values: dict[str, object]) -> sa.Select[tuple[int]]:
    """The row if it reads as `values` left it (no lease: no other worker holds it)."""
    status = values.get("status", "pending")
    same = [OUTBOX.c[k] == v for k, v in values.items() if v is not None and k != "status"]
    return sa.select(OUTBOX.c.id).where(
        OUTBOX.c.id == claimed.id, OUTBOX.c.lease_until.is_(None), OUTBOX.c.status == status, *same
    )


def put_off(
    store: Store,
    target: str,
    untried: Sequence[Claimed],
    until: datetime,
    why: str,
    *,
    leases: LeaseClock,
    others: bool,
) -> int:
    """Put off `target`'s actions until `until`, untried; how many. `untried`: claimed by this
    worker and not sent (the claim counted an attempt: taken back), each only while its lease
    is still this worker's. With `others`, its other pending actions due before then and not
    claimed by anyone wait too, so the next batch does not try the dead sink again; later
    ones keep their time."""
    error = f"not tried: {why}"[:2000]
    free = leases.free(OUTBOX.c.lease_until)  # not claimed by anyone, by the shared clock
    with store.engine.begin() as conn:
        released = _release(conn, untried, until, error)
        if not others:
            return released
        waiting = conn.execute(
            sa.update(OUTBOX)
            .where(
                OUTBOX.c.target == target,
                OUTBOX.c.status == "pending",
                OUTBOX.c.next_attempt_at < until,
                free,
            )
            .values(next_attempt_at=until, last_error=error)
        ).rowcount
    return released + int(waiting)


def _release(conn: sa.Connection, untried: Sequence[Claimed], until: datetime, error: str) -> int:
    """Put this worker's untried claims off until `until`, their attempt taken back; one
    another worker took after its lease lapsed is left to it (its claim counted its own)."""
    released = 0
    for claim in untried:
        hit = conn.execute(
            sa.update(OUTBOX)
            .where(ours(claim))
            .values(
                attempts=OUTBOX.c.attempts - 1,
                lease_until=None,
                next_attempt_at=until,
                last_error=error,
            )
        ).rowcount
        released += hit
        if not hit:
            left_to_other(claim, "put off")
    return released
