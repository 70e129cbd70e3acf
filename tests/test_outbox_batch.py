"""A batch's deliveries: each recorded once (retried through a database blip, and only under
this worker's lease), a sink's tail sent under a renewed lease, and a rate-limited sink not
hit again in the same batch."""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

import pytest
import sqlalchemy as sa

from mentiondesk.config import OutboxSection
from mentiondesk.models import OutboxAction, RateLimited, Receipt
from mentiondesk.outbox import DELIVER_TIMEOUT, OutboxWorker
from mentiondesk.outbox_record import RECORD_TRIES
from mentiondesk.store import Store
from mentiondesk.tables import DELIVERY
from tests.test_outbox import Clock, Flaky, _enqueue, _row, _worker


async def _no_sleep(_: float) -> None:
    return None


def _failing(worker: OutboxWorker, times: int) -> list[bool]:
    """Make the worker's recording fail `times` times (a database blip), then work."""
    real, failed = worker._record, []

    def record(claimed: Any, receipt: Receipt) -> bool:
        if len(failed) < times:
            failed.append(True)
            raise OSError("database connection reset")
        return real(claimed, receipt)

    worker._record = record  # type: ignore[method-assign]
    worker._sleep = _no_sleep  # type: ignore[assignment]
    return failed


async def test_a_delivery_whose_record_fails_once_is_recorded_and_not_sent_again(
    store: Store,
) -> None:
    clock, sink = Clock(), Flaky()
    _enqueue(store, "k1", clock.now)
    worker = _worker(store, sink, clock)
    failed = _failing(worker, 1)
    assert await worker.deliver_due() == (1, 1) and failed == [True]
    clock.now += timedelta(seconds=worker.settings.lease_seconds + 1)
    assert await worker.deliver_due() == (0, 0)
    assert sink.calls == ["k1"] and _row(store, "k1").status == "done"
    with store.engine.connect() as conn:
        assert conn.scalar(sa.select(DELIVERY.c.ref)) == "ok-k1"


async def test_a_record_whose_answer_was_lost_is_not_taken_for_a_lost_lease(
    store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    """The commit went through but its answer did not: the retry finds the action done."""
    clock, sink = Clock(), Flaky()
    _enqueue(store, "k1", clock.now)
    worker = _worker(store, sink, clock)
    real, lost = worker._record, []

    def committed_then_dropped(claimed: Any, receipt: Receipt) -> bool:
        kept = real(claimed, receipt)
        if not lost:
            lost.append(True)
            raise OSError("server closed the connection unexpectedly")
        return kept

    worker._record = committed_then_dropped  # type: ignore[method-assign]
    worker._sleep = _no_sleep  # type: ignore[assignment]
    with caplog.at_level(logging.WARNING, "mentiondesk.outbox"):
        assert await worker.deliver_due() == (1, 1)
    assert lost == [True] and not caplog.records and _row(store, "k1").status == "done"


async def test_a_record_that_keeps_failing_names_the_key_and_ref_but_not_the_text(
    store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    clock, sink = Clock(), Flaky()
    _enqueue(store, "k1", clock.now)
    worker = _worker(store, sink, clock)
    _failing(worker, RECORD_TRIES)
    with (
        caplog.at_level(logging.ERROR, "mentiondesk.outbox"),
        pytest.raises(OSError, match="connection reset"),
    ):
        await worker.deliver_due()
    lines = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]
    assert len(lines) == 1 and "k1" in lines[0] and "ok-k1" in lines[0]
    assert "outbox hold" in lines[0] and "OSError: database connection reset" in lines[0]
    assert "hello @lumora" not in caplog.text  # the mention's words are never logged
    assert _row(store, "k1").status == "pending"  # still leased: a person can hold it


async def test_a_batch_tail_is_not_claimed_again_while_it_is_being_sent(store: Store) -> None:
    """A sink's actions go first, then the rest: the rest are sent under a renewed lease,
    so a claim lasting two delivery timeouts does not lose them to another worker."""
    clock = Clock()
    settings = OutboxSection(lease_seconds=90)
    stolen: list[int] = []

    class Slow:
        name = "sink"

        async def deliver(self, action: OutboxAction) -> Receipt:
            clock.now += timedelta(seconds=DELIVER_TIMEOUT - 1)  # just inside its timeout
            if action.key == "k2":
                stolen.extend(c.id for c in other._claim(None))
            return Receipt(ref=action.key)

        async def close(self) -> None:
            return None

    _enqueue(store, "k1", clock.now)
    _enqueue(store, "k2", clock.now)
    worker = OutboxWorker(store, {"sink": Slow()}, settings, clock=clock, lease_wall=clock)
    other = OutboxWorker(store, {"sink": Slow()}, settings, clock=clock, lease_wall=clock)
    assert await worker.deliver_due() == (2, 2)
    assert stolen == [] and _row(store, "k2").status == "done"


async def test_a_lease_another_worker_took_is_not_recorded_over(
    store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    clock = Clock()
    _enqueue(store, "k1", clock.now)

    class Late:
        name = "sink"

        async def deliver(self, action: OutboxAction) -> Receipt:
            clock.now += timedelta(seconds=worker.settings.lease_seconds + 1)
            taken.extend(other._claim(None))  # the lease lapsed: the other worker takes it
            return Receipt(ref="late-1")

        async def close(self) -> None:
            return None

    taken: list[Any] = []
    worker = OutboxWorker(store, {"sink": Late()}, OutboxSection(), clock=clock, lease_wall=clock)
    other = OutboxWorker(store, {"sink": Late()}, OutboxSection(), clock=clock, lease_wall=clock)
    with caplog.at_level(logging.WARNING, "mentiondesk.outbox"):
        await worker.deliver_due()
    assert [c.action.key for c in taken] == ["k1"]
    row = _row(store, "k1")  # the other worker's lease stands, and its record counts
    said = [r.getMessage() for r in caplog.records if "another worker" in r.getMessage()]
    assert said and f"outbox action {row.id} " in said[0] and "k1" not in said[0]  # no key
    assert row.status == "pending" and row.lease_until == taken[0].lease
    with store.engine.connect() as conn:
        assert conn.scalar(sa.select(sa.func.count()).select_from(DELIVERY)) == 0
    assert other._record(taken[0], Receipt(ref="late-1"))
    assert _row(store, "k1").status == "done"


async def test_a_rate_limited_sink_is_not_hit_again_in_the_same_batch(store: Store) -> None:
    """A 429 on a sink's first action puts its others off until the reset, untried (in the
    batch or not), rather than sending them all at once into the limit."""
    clock = Clock()
    until = clock.now + timedelta(seconds=30)
    sink = Flaky(RateLimited(until))
    keys = ["k1", "k2", "k3", "k4"]
    for key in keys:
        _enqueue(store, key, clock.now)
    worker = OutboxWorker(
        store, {"sink": sink}, OutboxSection(batch_size=3), clock=clock, lease_wall=clock
    )
    assert await worker.drain() == 0 and sink.calls == ["k1"]
    rows = [_row(store, k) for k in keys]
    assert [r.attempts for r in rows] == [1, 0, 0, 0]  # only the one tried counts
    assert all(r.status == "pending" and r.lease_until is None for r in rows)
    assert {r.next_attempt_at for r in rows} == {until}
    clock.now = until
    assert await worker.drain() == 4 and sorted(sink.calls) == ["k1", *keys]
