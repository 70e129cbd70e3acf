"""A stop while the outbox worker has a batch in hand: a sink that does not answer holds the
stop no longer than its grace (the README's `stop_grace_seconds`, "well inside systemd's
90 s stop timeout"), not the minute a delivery may otherwise take; what was cut short stays
pending, unleased, for the next start."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from datetime import UTC, datetime

import pytest

from mentiondesk import outbox_drain
from mentiondesk.config import OutboxSection
from mentiondesk.models import OutboxAction, Receipt
from mentiondesk.outbox import OutboxWorker
from mentiondesk.store import Store
from tests.test_outbox import Flaky, Hangs, _enqueue, _row


class Answers(Flaky):
    """A platform that answers once `answer` is set."""

    def __init__(self) -> None:
        super().__init__()
        self.answer = asyncio.Event()

    async def deliver(self, action: OutboxAction) -> Receipt:
        self.calls.append(action.key)
        await self.answer.wait()
        return Receipt(ref="ok")


async def _until(check: Callable[[], bool], seconds: float = 10.0) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, "never happened"
        await asyncio.sleep(0.01)


async def test_a_stop_cuts_short_a_delivery_in_hand_once_its_grace_is_spent(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(outbox_drain, "MIN_DELIVER_TIMEOUT", 0.2)
    sink = Hangs()
    _enqueue(store, "k1", datetime.now(UTC))
    worker = OutboxWorker(store, {"sink": sink}, OutboxSection(stop_grace_seconds=0.2))
    stop, wake = asyncio.Event(), asyncio.Event()
    running = asyncio.create_task(worker.run(stop, wake))
    await _until(lambda: sink.calls == ["k1"])  # the delivery is in hand, unanswered
    stop.set()
    began = time.monotonic()
    try:
        await asyncio.wait_for(asyncio.shield(running), 10)  # not DELIVER_TIMEOUT's 60 s
    finally:
        running.cancel()
    row = _row(store, "k1")
    assert time.monotonic() - began < 5
    assert (row.status, row.lease_until) == ("pending", None)
    assert "cut short to stop in time" in row.last_error


async def test_the_catch_up_does_not_cut_short_a_delivery_when_not_stopping(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The catch-up's `stop` only says the backlog is read: its batch in hand is answered."""
    monkeypatch.setattr(outbox_drain, "MIN_DELIVER_TIMEOUT", 0.05)
    sink = Answers()
    _enqueue(store, "k1", datetime.now(UTC))
    worker = OutboxWorker(store, {"sink": sink}, OutboxSection(stop_grace_seconds=0.05))
    read, wake, stopping = asyncio.Event(), asyncio.Event(), asyncio.Event()
    running = asyncio.create_task(worker.run(read, wake, stopping=stopping))
    await _until(lambda: sink.calls == ["k1"])
    read.set()
    await asyncio.sleep(0.3)  # past the grace: still waiting for the answer
    sink.answer.set()
    await asyncio.wait_for(running, 10)
    assert _row(store, "k1").status == "done"


async def test_a_stop_during_a_drain_without_grace_cuts_short_the_delivery_in_hand(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`run --once`'s last drain has no grace until a stop comes: then the delivery in hand
    keeps to the stop's grace as well."""
    monkeypatch.setattr(outbox_drain, "MIN_DELIVER_TIMEOUT", 0.2)
    sink = Hangs()
    _enqueue(store, "k1", datetime.now(UTC))
    worker = OutboxWorker(store, {"sink": sink}, OutboxSection(stop_grace_seconds=0.2))
    stop = asyncio.Event()
    draining = asyncio.create_task(worker.drain(stop=stop))
    await _until(lambda: sink.calls == ["k1"])
    stop.set()
    try:
        assert await asyncio.wait_for(asyncio.shield(draining), 10) == 0
    finally:
        draining.cancel()
    row = _row(store, "k1")
    assert (row.status, row.lease_until) == ("pending", None)
    assert "cut short to stop in time" in row.last_error


async def test_once_the_grace_is_spent_the_rest_of_the_batch_is_not_begun(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first of the sink's batch was cut short: the rest is put off untried, its attempt
    taken back, rather than begun and cut at once (a request may leave before the cut)."""
    monkeypatch.setattr(outbox_drain, "MIN_DELIVER_TIMEOUT", 0.2)
    sink = Hangs()
    for key in ("k1", "k2"):
        _enqueue(store, key, datetime.now(UTC))
    worker = OutboxWorker(store, {"sink": sink}, OutboxSection(stop_grace_seconds=0.2))
    stop, wake = asyncio.Event(), asyncio.Event()
    running = asyncio.create_task(worker.run(stop, wake))
    await _until(lambda: sink.calls == ["k1"])
    stop.set()
    try:
        await asyncio.wait_for(asyncio.shield(running), 10)
    finally:
        running.cancel()
    second = _row(store, "k2")
    assert sink.calls == ["k1"]
    assert (second.status, second.lease_until, second.attempts) == ("pending", None, 0)
