"""A claim reads its due actions, their tickets and what the desk settled since in one
transaction: a second connection a claim would take two from a small pool per worker tick
(and read the settled state at another moment than the claim)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from mentiondesk import queue
from mentiondesk.config import OutboxSection
from mentiondesk.outbox_claim import claim
from mentiondesk.store import Store
from tests.responders._data import seed


def test_a_claim_takes_one_connection_and_sees_the_desks_decision(store: Store) -> None:
    seeded = seed(store)
    queue.reject_draft(store, seeded.draft_id, by="agent")
    taken: list[Any] = []

    def checked_out(*args: Any) -> None:
        taken.append(args)

    sa.event.listen(store.engine.pool, "checkout", checked_out)
    try:
        [found] = claim(store, OutboxSection(), datetime.now(UTC), None, None, None)
    finally:
        sa.event.remove(store.engine.pool, "checkout", checked_out)
    assert len(taken) == 1
    assert found.action.extra["settled"]["draft"] == "rejected"
