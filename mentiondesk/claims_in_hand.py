"""The mentions this process claimed and has not decided yet, taken up again once the
database is back from an outage (a PostgreSQL restart, a failover) rather than when their
claim lapses.

A claim (Store.claim_unprocessed) keeps other workers off a mention for `LEASE`, so that
one that died holding it is not waited for longer. The process that claimed it and lost
the database while reading or recording it is alive, and knows it: waiting out the lease
only kept a detractor waiting minutes more for nothing. So it renews its own claims at
its next try and reads them first.

Another worker's claim is never taken: a mention is claimed by another only once ours
lapsed, so while less than the lease has passed since we claimed it (by this process's
monotonic clock, with a margin for the database's clock and the statement's time) a live
claim on it can only be ours; past that margin it is let go, to be claimed by anyone once
its claim lapses, as before.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from mentiondesk.outbox_lease import LeaseClock
from mentiondesk.store import PendingMention, Store
from mentiondesk.tables import MENTION

# The share of the lease within which a claim is still surely ours when renewed: 4 minutes of
# 5 leave a minute for the two clocks' drift and a slow renewal.
MARGIN = 0.8
Clock = Callable[[], float]


def _utcnow() -> datetime:
    return datetime.now(UTC)


class ClaimsInHand:
    """This process's claims on mentions it has not decided, each with when it was taken."""

    def __init__(self, lease: timedelta, clock: Clock = time.monotonic) -> None:
        self.lease, self.clock = lease, clock
        self._held: dict[int, tuple[PendingMention, float]] = {}

    def __len__(self) -> int:
        return len(self._held)

    def took(self, claimed: Iterable[PendingMention], began: float) -> None:
        """`claimed` are ours from `began`, taken before the claim's statement was sent."""
        self._held.update((p.id, (p, began)) for p in claimed)

    def let_go(self) -> None:
        """Decided, or held on purpose (unreadable, refused): their claims lapse as taken."""
        self._held.clear()

    def renew(self, store: Store) -> list[PendingMention]:
        """Those still ours and unread, their claims renewed for a lease from now, in the
        order they were claimed; the rest let go. Raises, keeping them, while the database
        is still down."""
        began = self.clock()
        fresh = {
            i: p for i, (p, since) in self._held.items() if began - since < self._surely_ours()
        }
        if not fresh:
            self._held.clear()
            return []
        renewed = _renew(store, list(fresh), self.lease)
        self._held.clear()
        ours = [p for i, p in fresh.items() if i in renewed]
        self.took(ours, began)
        return ours

    def _surely_ours(self) -> float:
        return self.lease.total_seconds() * MARGIN


def _renew(store: Store, ids: Sequence[int], lease: timedelta) -> set[int]:
    """Renew the live claims on `ids` (ours, see the module's docstring) of mentions not read
    yet; one read meanwhile, erased, or let go by an edit (edited_posts) is left alone."""
    leases = LeaseClock(store.dialect == "postgresql", _utcnow)
    live = MENTION.c.claimed_until.is_not(None) & (MENTION.c.claimed_until > leases.now())
    stmt = (
        sa.update(MENTION)
        .where(MENTION.c.id.in_(ids), MENTION.c.processed.is_(False), live)
        .values(claimed_until=leases.until(lease.total_seconds()))
        .returning(MENTION.c.id)
    )
    with store.engine.begin() as conn:
        return set(conn.scalars(stmt))
