"""A delivery that fails after its lease lapsed, and another worker took the action: the
failure is not written over that worker's claim (its lease, attempts and due time), the
action is not held mid-send, and a warning names the row, never the text."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest

from mentiondesk.config import OutboxSection
from mentiondesk.models import (
    FatalError,
    OutboxAction,
    RateLimited,
    Receipt,
    TransientError,
    Unreachable,
)
from mentiondesk.outbox import Claimed, OutboxWorker
from mentiondesk.store import Store
from tests.test_outbox import Clock, _enqueue, _row


class Lapsing:
    """Answers after the lease lapsed, once another worker has taken the batch, with `error`
    (its words stand for a platform's answer, which a log line must not repeat)."""

    name = "sink"

    def __init__(self, clock: Clock, error: Exception) -> None:
        self.clock, self.error = clock, error
        self.other: OutboxWorker | None = None
        self.taken: list[Claimed] = []

    async def deliver(self, action: OutboxAction) -> Receipt:
        assert self.other is not None
        self.clock.now += timedelta(seconds=self.other.settings.lease_seconds + 1)
        self.taken.extend(self.other._claim(None))
        raise self.error

    async def close(self) -> None:
        return None


def _workers(store: Store, clock: Clock, error: Exception) -> tuple[OutboxWorker, Lapsing]:
    sink = Lapsing(clock, error)
    settings = OutboxSection(base_backoff_seconds=10, max_backoff_seconds=100)
    sink.other = OutboxWorker(store, {"sink": sink}, settings, clock=clock, lease_wall=clock)
    return OutboxWorker(store, {"sink": sink}, settings, clock=clock, lease_wall=clock), sink


def _left_to_other(store: Store, sink: Lapsing, keys: list[str], due: object) -> None:
    """Each row as the other worker's claim left it, and that worker can still record it."""
    assert sorted(c.action.key for c in sink.taken) == keys
    for claim in sink.taken:
        row = _row(store, claim.action.key)
        assert (row.status, row.lease_until, row.attempts) == ("pending", claim.lease, 2)
        assert row.next_attempt_at == due and row.last_error is None
    assert sink.other is not None
    assert all(sink.other._record(c, Receipt(ref="theirs")) for c in sink.taken)


def _warned(caplog: pytest.LogCaptureFixture, store: Store, keys: list[str]) -> None:
    """A warning per action, naming its row (its key would name the post: test_log_privacy)."""
    lines = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    lost = [line for line in lines if "another worker" in line]
    rows = [f"outbox action {_row(store, key).id} (alert, via sink)" for key in keys]
    assert all(any(row in line for line in lost) for row in rows), lines
    assert not any("secret words" in line for line in lost)  # the answer's words: elsewhere
    assert "hello @lumora" not in caplog.text


async def _answered_after_the_lease_lapsed(
    store: Store, caplog: pytest.LogCaptureFixture, error: Exception
) -> None:
    """One row whose send answers `error` once its lease has lapsed: left as the other
    worker's claim left it, and warned of by its row."""
    clock = Clock()
    _enqueue(store, "k1", clock.now)
    due = _row(store, "k1").next_attempt_at
    worker, sink = _workers(store, clock, error)
    with caplog.at_level(logging.WARNING, "mentiondesk.outbox"):
        assert await worker.deliver_due() == (1, 0)
    _left_to_other(store, sink, ["k1"], due)
    _warned(caplog, store, ["k1"])


async def test_a_failure_after_the_lease_lapsed_leaves_the_row_to_the_other_worker(
    store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    await _answered_after_the_lease_lapsed(store, caplog, TransientError("secret words"))


async def test_a_fatal_answer_after_the_lease_lapsed_does_not_hold_it_mid_send(
    store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    await _answered_after_the_lease_lapsed(store, caplog, FatalError("secret words"))
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]  # nothing was held


@pytest.mark.parametrize("error", ["rate limited", "unreachable"])
async def test_a_down_sink_after_the_lease_lapsed_puts_off_none_of_the_other_claims(
    store: Store, caplog: pytest.LogCaptureFixture, error: str
) -> None:
    """The first of a sink's batch finds it down; the rest were taken with it by the other
    worker, whose claim counted their attempts: none is taken back or put off."""
    clock = Clock()
    for key in ["k1", "k2", "k3"]:
        _enqueue(store, key, clock.now)
    due = _row(store, "k1").next_attempt_at
    down = (
        RateLimited(clock.now + timedelta(seconds=600), "secret words")
        if error == "rate limited"
        else Unreachable("secret words")
    )
    worker, sink = _workers(store, clock, down)
    with caplog.at_level(logging.WARNING, "mentiondesk.outbox"):
        assert await worker.deliver_due() == (3, 0)
    _left_to_other(store, sink, ["k1", "k2", "k3"], due)
    _warned(caplog, store, ["k1", "k2", "k3"])
