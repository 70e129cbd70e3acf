"""Putting outbox actions off: a failed one until its next try, and a dead sink's untried ones.

An action for a sink that cannot be reached (its name does not resolve, its port refuses)
would wait on the same dead name as the one tried before it: a DNS look-up apiece, in the
threads `asyncio.to_thread` shares with the store, so a drain on a dead chat took a minute
and a stop its whole grace. Those are put off untried instead: their attempt count stays,
and they are due again when the one tried is, as its backoff says.
"""

from __future__ import annotations

import random
from datetime import datetime

import sqlalchemy as sa

from mentiondesk.config import OutboxSection
from mentiondesk.store import Store
from mentiondesk.tables import OUTBOX


def backoff(settings: OutboxSection, attempt: int) -> float:
    """Seconds to the next try after `attempt` failed: exponential, jittered, capped."""
    ceiling = min(
        settings.max_backoff_seconds,
        settings.base_backoff_seconds * 2 ** max(0, attempt - 1),
    )
    return random.uniform(ceiling / 2, ceiling)


def retry_at(store: Store, action_id: int, when: datetime | None, error: str, hold: bool) -> None:
    """Free a tried action: held for a person, or pending until `when` (None: due now)."""
    values: dict[str, object] = {"lease_until": None, "last_error": error[:2000]}
    if hold:
        values["status"] = "held"
    if when is not None:
        values["next_attempt_at"] = when
    with store.engine.begin() as conn:
        conn.execute(sa.update(OUTBOX).where(OUTBOX.c.id == action_id).values(values))


def put_off(
    store: Store,
    target: str,
    untried: list[int],
    until: datetime,
    why: str,
    *,
    now: datetime,
    others: bool,
) -> int:
    """Put off `target`'s actions until `until`, untried; how many. `untried`: claimed by this
    worker and not sent (the claim counted an attempt: taken back). With `others`, its other
    pending actions due before then and not claimed by anyone wait too, so the next batch
    does not try the dead sink again; later ones keep their time."""
    error = f"not tried: {why}"[:2000]
    free = sa.or_(OUTBOX.c.lease_until.is_(None), OUTBOX.c.lease_until < now)
    with store.engine.begin() as conn:
        released = 0
        if untried:
            released = conn.execute(
                sa.update(OUTBOX)
                .where(OUTBOX.c.id.in_(untried), OUTBOX.c.status == "pending")
                .values(
                    attempts=OUTBOX.c.attempts - 1,
                    lease_until=None,
                    next_attempt_at=until,
                    last_error=error,
                )
            ).rowcount
        if not others:
            return int(released)
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
    return int(released) + int(waiting)
