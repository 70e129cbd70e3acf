"""Leases judged by the database's clock on PostgreSQL: a worker whose host clock runs ahead
(or behind) of another's by more than a lease neither takes a live lease (and sends its action
a second time) nor writes one already lapsed for the others."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, tzinfo

import pytest

from mentiondesk import outbox_admin, outbox_hold
from mentiondesk import store as store_module
from mentiondesk.config import OutboxSection
from mentiondesk.models import OutboxAction, Receipt, SinkRefused
from mentiondesk.outbox import OutboxWorker
from mentiondesk.store import Store
from tests.helpers import mention
from tests.test_outbox import Flaky, _enqueue, _row

pytestmark = pytest.mark.postgres
SKEW = timedelta(minutes=10)  # more than a lease (300 s)


def _host(skew: timedelta) -> datetime:
    """A host's clock, `skew` off the database's (this machine's)."""
    return datetime.now(UTC) + skew


def _worker(store: Store, skew: timedelta = timedelta(0)) -> OutboxWorker:
    return OutboxWorker(store, {"sink": Flaky()}, OutboxSection(), clock=lambda: _host(skew))


def test_a_worker_whose_clock_runs_ahead_does_not_take_a_live_lease(
    pg_stores: tuple[Store, Store],
) -> None:
    first, second = pg_stores
    _enqueue(first, "k1", _host(-SKEW))
    (claimed,) = _worker(first)._claim(None)
    assert _worker(second, SKEW)._claim(None) == []  # sent by the first: not twice
    row = _row(first, "k1")
    assert (row.lease_until, row.attempts) == (claimed.lease, 1)


def test_a_worker_whose_clock_runs_behind_writes_a_lease_that_holds(
    pg_stores: tuple[Store, Store],
) -> None:
    first, second = pg_stores
    _enqueue(first, "k1", _host(-2 * SKEW))
    (claimed,) = _worker(first, -SKEW)._claim(None)
    assert claimed.lease > datetime.now(UTC)  # the database's clock: live for a lease
    assert _worker(second)._claim(None) == []


async def test_a_lease_renewed_by_a_worker_behind_holds(pg_stores: tuple[Store, Store]) -> None:
    """A batch's rest goes under a renewed lease (OutboxWorker._tail): one renewed by a host's
    clock running behind would have lapsed already, for the other worker to send again."""
    first, second = pg_stores
    taken: list[str] = []

    class Watched(Flaky):
        async def deliver(self, action: OutboxAction) -> Receipt:
            if action.key == "k2":  # sent under the renewed lease
                taken.extend(c.action.key for c in _worker(second)._claim(None))
            return await super().deliver(action)

    for key in ["k1", "k2"]:
        _enqueue(first, key, _host(-2 * SKEW))
    behind = OutboxWorker(first, {"sink": Watched()}, OutboxSection(), clock=lambda: _host(-SKEW))
    assert await behind.deliver_due() == (2, 2)
    assert taken == []


async def test_a_sink_refused_on_a_worker_ahead_leaves_another_workers_claim(
    pg_stores: tuple[Store, Store],
) -> None:
    """A refusal holds the sink's actions no worker holds (outbox_refused.hold_others): not one
    another worker is sending, whose record would then find it held, and its send unrecorded."""
    first, second = pg_stores
    for key in ["k1", "k2"]:
        _enqueue(first, key, _host(-SKEW))
    sending = OutboxWorker(first, {"sink": Flaky()}, OutboxSection(batch_size=1))
    (mine,) = sending._claim(None)
    refusing = Flaky(SinkRefused("sink answered 401: refused"))
    ahead = OutboxWorker(second, {"sink": refusing}, OutboxSection(), clock=lambda: _host(SKEW))
    assert await ahead.deliver_due() == (1, 0)  # k2, refused as a whole
    row = _row(first, "k1")
    assert (row.status, row.lease_until) == ("pending", mine.lease)
    assert sending._record(mine, Receipt(ref="sent")) and _row(first, "k1").status == "done"


def test_a_mention_claimed_is_not_taken_by_a_worker_whose_clock_runs_ahead(
    pg_stores: tuple[Store, Store], monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = pg_stores
    first.ingest("src", [mention(1)], None)
    assert len(first.claim_unprocessed(10, timedelta(minutes=5))) == 1
    monkeypatch.setattr(store_module, "_utcnow", lambda: _host(SKEW))  # the second's host
    assert second.claim_unprocessed(10, timedelta(minutes=5)) == []


class _Ahead(datetime):
    """The clock of a host running SKEW ahead of the database's, for `outbox hold` and
    `outbox retry`, which read theirs from `datetime.now`."""

    @classmethod
    def now(cls, tz: tzinfo | None = None) -> _Ahead:
        moved = datetime.now(tz) + SKEW
        return cls.fromtimestamp(moved.timestamp(), tz)


@pytest.mark.parametrize("command", ["hold", "retry"])
def test_a_person_on_a_host_ahead_leaves_a_live_lease_alone(
    pg_stores: tuple[Store, Store], monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    """`outbox hold` (and drop) acts only on what no worker holds, `outbox retry` keeps a live
    lease: judged by that host's clock, the worker's send would be held mid-way (its record
    then fails) or the action made free for a second worker to send."""
    first, second = pg_stores
    _enqueue(first, "k1", _host(-SKEW))
    (mine,) = _worker(first)._claim(None)
    monkeypatch.setattr(outbox_hold, "datetime", _Ahead)
    monkeypatch.setattr(outbox_admin, "datetime", _Ahead)
    if command == "hold":
        done = outbox_hold.hold(second, [mine.id], reason=None, actor="root")
        assert done.changed == []
    else:
        assert outbox_admin.retry(second, mine.id)
    row = _row(first, "k1")
    assert (row.status, row.lease_until) == ("pending", mine.lease)
    assert _worker(second)._claim(None) == []
