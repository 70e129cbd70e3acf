"""A rate-limited sink is not hit again in the same batch."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest

from mentiondesk.config import OutboxSection
from mentiondesk.models import RateLimited
from mentiondesk.outbox import OutboxWorker
from mentiondesk.store import Store
from tests.test_outbox import Clock, Flaky, _enqueue, _row


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    store = Store(db_url)
    store.create_all()
    yield store
    store.dispose()


async def test_a_rate_limited_sink_is_not_hit_again_in_the_same_batch(store: Store) -> None:
    """A 429 on a sink's first action puts its others off until the reset, untried (in the
    batch or not), rather than sending them all at once into the limit."""
    clock = Clock()
    until = clock.now + timedelta(seconds=30)
    sink = Flaky(RateLimited(until))
    keys = ["k1", "k2", "k3", "k4"]
    for key in keys:
        _enqueue(store, key, clock.now)
    worker = OutboxWorker(store, {"sink": sink}, OutboxSection(batch_size=3), clock=clock)
    assert await worker.drain() == 0 and sink.calls == ["k1"]
    rows = [_row(store, k) for k in keys]
    assert [r.attempts for r in rows] == [1, 0, 0, 0]  # only the one tried counts
    assert all(r.status == "pending" and r.lease_until is None for r in rows)
    assert {r.next_attempt_at for r in rows} == {until}
    clock.now = until
    assert await worker.drain() == 4 and sorted(sink.calls) == ["k1", *keys]
