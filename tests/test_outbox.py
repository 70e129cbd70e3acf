"""The outbox: retries with backoff, holds on fatal errors, records each key once."""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from mentiondesk import outbox_drain
from mentiondesk.config import OutboxSection
from mentiondesk.models import (
    CaseContext,
    FatalError,
    Label,
    OutboxAction,
    RateLimited,
    Reading,
    Receipt,
    TransientError,
    utc,
)
from mentiondesk.outbox import OutboxWorker
from mentiondesk.outbox_payload import outbox_row
from mentiondesk.store import Store
from mentiondesk.tables import DELIVERY, OUTBOX
from tests.helpers import mention


class Flaky:
    """Fails with the queued errors first, then succeeds; counts every call."""

    def __init__(self, *errors: Exception) -> None:
        self.name = "sink"
        self.errors = list(errors)
        self.calls: list[str] = []

    async def deliver(self, action: OutboxAction) -> Receipt:
        self.calls.append(action.key)
        if self.errors:
            raise self.errors.pop(0)
        return Receipt(ref=f"ok-{action.key}")

    async def close(self) -> None:
        return None


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def store(db_url: str) -> Store:
    store = Store(db_url)
    store.create_all()
    yield store  # type: ignore[misc]
    store.dispose()


def _enqueue(store: Store, key: str, now: datetime, target: str = "sink") -> None:
    context = CaseContext(mention=mention(1), reading=Reading(label=Label.NEGATIVE, score=0.9))
    action = OutboxAction(key=key, kind="alert", target=target, context=context)
    with store.engine.begin() as conn:
        conn.execute(sa.insert(OUTBOX), [outbox_row(action, None, now)])


def _row(store: Store, key: str) -> sa.Row:  # type: ignore[type-arg]
    with store.engine.connect() as conn:
        return conn.execute(sa.select(OUTBOX).where(OUTBOX.c.key == key)).one()


def _worker(store: Store, sink: Flaky, clock: Clock) -> OutboxWorker:
    settings = OutboxSection(base_backoff_seconds=10, max_backoff_seconds=100)
    return OutboxWorker(store, {"sink": sink}, settings, clock=clock, lease_wall=clock)


async def test_delivered_once_and_recorded(store: Store) -> None:
    clock, sink = Clock(), Flaky()
    _enqueue(store, "k1", clock.now)
    worker = _worker(store, sink, clock)
    assert await worker.drain() == 1 and await worker.drain() == 0
    assert sink.calls == ["k1"] and _row(store, "k1").status == "done"
    with store.engine.connect() as conn:
        assert conn.scalar(sa.select(DELIVERY.c.ref)) == "ok-k1"


async def test_transient_failure_waits_with_backoff_then_succeeds(store: Store) -> None:
    clock, sink = Clock(), Flaky(TransientError("503"))
    _enqueue(store, "k1", clock.now)
    worker = _worker(store, sink, clock)
    assert await worker.drain() == 0
    row = _row(store, "k1")
    assert row.status == "pending" and "503" in row.last_error
    assert timedelta(seconds=5) <= row.next_attempt_at - clock.now <= timedelta(seconds=10)
    assert await worker.drain() == 0 and sink.calls == ["k1"]  # not due yet
    clock.now += timedelta(seconds=11)
    assert await worker.drain() == 1 and sink.calls == ["k1", "k1"]


async def test_an_action_failing_for_days_is_still_rescheduled(store: Store) -> None:
    """Past 1,024 attempts (a help desk with no ticket yet, a week's outage) the backoff's
    doubling overflowed a float: the action stayed leased and the worker logged a database
    error at every claim."""
    clock, sink = Clock(), Flaky(TransientError("502"))
    _enqueue(store, "k1", clock.now)
    with store.engine.begin() as conn:
        conn.execute(sa.update(OUTBOX).values(attempts=1500))
    await _worker(store, sink, clock).drain()
    row = _row(store, "k1")
    assert row.status == "pending" and "502" in row.last_error and row.lease_until is None
    assert timedelta(seconds=50) <= row.next_attempt_at - clock.now <= timedelta(seconds=100)


async def test_rate_limit_is_honoured_to_the_second(store: Store) -> None:
    clock = Clock()
    sink = Flaky(RateLimited(clock.now + timedelta(seconds=42)))
    _enqueue(store, "k1", clock.now)
    worker = _worker(store, sink, clock)
    await worker.drain()
    assert _row(store, "k1").next_attempt_at == clock.now + timedelta(seconds=42)


async def test_a_reset_already_past_still_waits_a_second(store: Store) -> None:
    # Retry-After: 0, or a reset header behind our clock: no tight loop, and drain ends.
    clock = Clock()
    sink = Flaky(RateLimited(clock.now - timedelta(seconds=5)))
    _enqueue(store, "k1", clock.now)
    worker = _worker(store, sink, clock)
    assert await worker.drain() == 0 and sink.calls == ["k1"]
    assert _row(store, "k1").next_attempt_at == clock.now + timedelta(seconds=1)


async def test_fatal_error_holds_the_action_visibly(store: Store) -> None:
    clock, sink = Clock(), Flaky(FatalError("channel_not_found"))
    _enqueue(store, "k1", clock.now)
    await _worker(store, sink, clock).drain()
    row = _row(store, "k1")
    assert row.status == "held" and row.last_error == "channel_not_found"


async def test_a_sink_that_stays_down_never_loses_the_action(store: Store) -> None:
    clock = Clock()
    sink = Flaky(*[ConnectionError("down")] * 6)
    _enqueue(store, "k1", clock.now)
    worker = _worker(store, sink, clock)
    for _ in range(6):
        await worker.drain()
        clock.now += timedelta(seconds=200)
    assert _row(store, "k1").attempts == 6 and _row(store, "k1").status == "pending"
    assert await worker.drain() == 1


async def test_an_expired_lease_is_claimed_again(store: Store, tmp_path: Path) -> None:
    clock, sink = Clock(), Flaky()
    _enqueue(store, "k1", clock.now)
    worker = _worker(store, sink, clock)
    assert len(worker._claim(None)) == 1  # a worker that died holding the lease
    assert await worker.drain() == 0
    clock.now += timedelta(seconds=worker.settings.lease_seconds + 1)
    assert await worker.drain() == 1 and sink.calls == ["k1"]


class LongRefThenSlow:
    """k1's receipt overflows the delivery table's ref column (PostgreSQL refuses it); k2's
    delivery (to another sink: one sink's first action goes alone) is still running then."""

    name = "sink"

    def __init__(self) -> None:
        self.finished: list[str] = []

    async def deliver(self, action: OutboxAction) -> Receipt:
        if action.key == "k2":
            await asyncio.sleep(0.2)
        self.finished.append(action.key)
        return Receipt(ref="r" * 300 if action.key == "k1" else "ok")

    async def close(self) -> None:
        return None


@pytest.mark.postgres
async def test_a_failed_record_leaves_no_delivery_running(pg_url: str) -> None:
    store = Store(pg_url)
    store.create_all()
    try:
        clock, sink = Clock(), LongRefThenSlow()
        _enqueue(store, "k1", clock.now)
        _enqueue(store, "k2", clock.now, "other")
        sinks = {"sink": sink, "other": sink}
        worker = OutboxWorker(store, sinks, OutboxSection(), clock=clock, lease_wall=clock)
        with pytest.raises(sa.exc.DataError):
            await worker.deliver_due()
        assert sorted(sink.finished) == ["k1", "k2"]  # k2 ran to its end before the error
        assert _row(store, "k2").status == "done"
    finally:
        store.dispose()


async def test_a_responder_that_is_down_is_logged_once_until_it_recovers(
    store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    clock = Clock()
    sink = Flaky(*[ConnectionError("down")] * 3)
    for key in ("k1", "k2", "k3", "k4"):
        _enqueue(store, key, clock.now)
    worker = _worker(store, sink, clock)
    with caplog.at_level(logging.WARNING, logger="mentiondesk.outbox"):
        await worker.drain()  # three fail, the fourth goes through
    warnings = [r.getMessage() for r in caplog.records]
    assert len(warnings) == 2
    assert warnings[0].startswith("responder sink is failing (ConnectionError: down, on action ")
    since = f"{clock.now:%H:%M}"
    assert warnings[1] == f"responder sink: delivering again after 3 failure(s) since {since} UTC"


async def test_a_drain_with_its_grace_spent_leaves_the_rest_stored(store: Store) -> None:
    clock, sink = Clock(), Flaky()
    for key in ("k1", "k2"):
        _enqueue(store, key, clock.now)
    worker = _worker(store, sink, clock)
    assert await worker.drain(grace=0) == 0 and sink.calls == []  # stopping: go now
    assert _row(store, "k1").status == "pending"  # delivered at the next start
    assert await worker.drain() == 2


class Hangs(Flaky):
    """A platform that never answers."""

    async def deliver(self, action: OutboxAction) -> Receipt:
        self.calls.append(action.key)
        await asyncio.sleep(3600)
        raise AssertionError("unreachable")


async def test_a_stop_cuts_short_a_delivery_that_outlasts_its_grace(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A supervisor's stop timeout must hold: a delivery started near the end of the grace gets
    # a few seconds, not the minute any other delivery gets, and is retried at the next start.
    monkeypatch.setattr(outbox_drain, "MIN_DELIVER_TIMEOUT", 0.2)
    clock, sink = Clock(), Hangs()
    _enqueue(store, "k1", clock.now)
    worker = _worker(store, sink, clock)
    delivered = await asyncio.wait_for(worker.drain(grace=0.1), 30)  # a hang guard only
    row = _row(store, "k1")
    assert (delivered, sink.calls, row.status) == (0, ["k1"], "pending")
    assert "cut short to stop in time" in row.last_error
    assert utc(row.next_attempt_at) > clock.now  # retried later, not dropped


async def test_a_drain_tries_each_action_once_not_until_the_sink_is_back(store: Store) -> None:
    # A sink that is down: its actions are due again within milliseconds here (a run's
    # first backoffs are seconds). A drain that took them again kept `run --once` retrying,
    # a DNS look-up at a time, for a minute or more before it printed its summary.
    sink = Flaky(*[ConnectionError("down")] * 5)
    _enqueue(store, "k1", datetime.now(UTC))
    settings = OutboxSection(base_backoff_seconds=0.001, max_backoff_seconds=0.001)
    worker = OutboxWorker(store, {"sink": sink}, settings)
    assert await worker.drain() == 0
    assert sink.calls == ["k1"] and _row(store, "k1").status == "pending"
