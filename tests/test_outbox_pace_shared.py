"""Pacing shared through a PostgreSQL store: workers on their own connections (as on several
machines) take turns at one destination, so together they keep to its limit. Real time, short
windows; what is asserted is the turns' spacing, never how fast anything went."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import ClassVar

import pytest
import sqlalchemy as sa

from mentiondesk.config import OutboxSection
from mentiondesk.models import OutboxAction, Pace, Receipt
from mentiondesk.outbox import OutboxWorker
from mentiondesk.outbox_pace import Limiter
from mentiondesk.outbox_pace_shared import SharedLimiter, next_turn
from mentiondesk.store import Store
from mentiondesk.tables import PACE_TURN
from tests.test_outbox import _enqueue

PACE = Pace(per=2, seconds=0.3)
WINDOW = timedelta(seconds=PACE.seconds)


def _limiter(store: Store, key: str, pace: Pace = PACE, keep: float = 60.0) -> SharedLimiter:
    return SharedLimiter(store.engine, key, pace, keep=keep)


def _turns(store: Store, key: str) -> list[datetime]:
    query = sa.select(PACE_TURN.c.at).where(PACE_TURN.c.key == key).order_by(PACE_TURN.c.at)
    with store.engine.connect() as conn:
        return list(conn.execute(query).scalars())


def _kept_to(turns: list[datetime], pace: Pace) -> bool:
    """No window of `seconds` holds more than `per` turns."""
    apart = [turns[i + pace.per] - turns[i] for i in range(len(turns) - pace.per)]
    return all(gap >= timedelta(seconds=pace.seconds) for gap in apart)


async def _take(limiter: SharedLimiter, times: int) -> None:
    for _ in range(times):
        assert await limiter.acquire() is None


async def test_two_workers_take_turns_at_one_destination(pg_stores: tuple[Store, Store]) -> None:
    one, two = (_limiter(store, "destination slack C1") for store in pg_stores)
    await asyncio.gather(_take(one, 5), _take(two, 5))
    turns = _turns(pg_stores[0], "destination slack C1")
    assert len(turns) == 10 and one.taken == two.taken == 5
    assert _kept_to(turns, PACE)  # each alone keeps to it too: together, twice as much
    assert turns[-1] - turns[0] >= 4 * WINDOW


async def test_destinations_do_not_wait_on_each_other(pg_stores: tuple[Store, Store]) -> None:
    slow = Pace(per=1, seconds=30.0)
    a, b = (
        _limiter(pg_stores[0], "destination a", slow),
        _limiter(pg_stores[1], "destination b", slow),
    )
    assert await a.acquire() is None
    assert await b.acquire(by=b._clock() + 5.0) is None  # its turn is now: a's does not count
    assert await a.acquire(by=a._clock() + 5.0) is not None  # a's next is 30 s off
    assert (
        len(_turns(pg_stores[0], "destination a"))
        == len(_turns(pg_stores[0], "destination b"))
        == 1
    )


async def test_a_turn_past_by_is_not_reserved(pg_stores: tuple[Store, Store]) -> None:
    slow = Pace(per=1, seconds=30.0)
    mine, theirs = (
        _limiter(pg_stores[0], "responder x", slow),
        _limiter(pg_stores[1], "responder x", slow),
    )
    assert await theirs.acquire() is None
    began = mine._clock()
    turn = await mine.acquire(by=began + 5.0)
    assert turn is not None and began + 5.0 < turn <= mine._clock() + 30.0
    assert mine.taken == 0 and len(_turns(pg_stores[0], "responder x")) == 1


async def test_turns_older_than_every_window_are_pruned(pg_stores: tuple[Store, Store]) -> None:
    with pg_stores[0].engine.begin() as conn:
        now = conn.execute(sa.select(sa.func.clock_timestamp())).scalar_one()
        rows = [("responder old", now - timedelta(seconds=90)), ("responder kept", now)]
        conn.execute(sa.insert(PACE_TURN), [{"key": k, "at": at} for k, at in rows])
    assert await _limiter(pg_stores[1], "responder new").acquire() is None  # its first turn prunes
    with pg_stores[0].engine.connect() as conn:
        left = conn.execute(sa.select(PACE_TURN.c.key).order_by(PACE_TURN.c.key)).scalars()
        assert list(left) == ["responder kept", "responder new"]


async def test_a_turn_is_reserved_through_a_database_blip(pg_stores: tuple[Store, Store]) -> None:
    waits: list[float] = []

    async def sleep(seconds: float) -> None:
        waits.append(seconds)

    limiter = SharedLimiter(pg_stores[0].engine, "responder blip", PACE, sleep=sleep)
    reserve, tries = limiter._reserve, []

    def blip(by: float | None) -> tuple[float, bool]:
        tries.append(by)
        if len(tries) == 1:
            raise sa.exc.OperationalError("SELECT 1", {}, Exception("connection reset"))
        return reserve(by)

    limiter._reserve = blip  # type: ignore[method-assign]
    assert await limiter.acquire() is None
    assert len(tries) == 2 and len(waits) == 1  # the backoff, then no wait for the turn
    assert len(_turns(pg_stores[0], "responder blip")) == 1


async def test_a_turn_given_up_at_a_stop_is_no_longer_reserved(
    pg_stores: tuple[Store, Store],
) -> None:
    # One a minute: the first worker's second turn is a minute off; it stops while waiting.
    slow = Pace(per=1, seconds=60.0)
    asleep = asyncio.Event()

    async def sleep(seconds: float) -> None:
        asleep.set()  # the turn is reserved: the worker waits for it
        await asyncio.sleep(seconds)

    mine = SharedLimiter(pg_stores[0].engine, "responder x", slow, keep=60.0, sleep=sleep)
    theirs = _limiter(pg_stores[1], "responder x", slow)
    assert await mine.acquire() is None
    waiting = asyncio.create_task(mine.acquire())
    await asleep.wait()
    assert len(_turns(pg_stores[0], "responder x")) == 2
    waiting.cancel()
    with pytest.raises(asyncio.CancelledError):
        await waiting
    assert len(_turns(pg_stores[0], "responder x")) == 1 and mine.taken == 1
    # The other worker's next turn is the one given back, not a minute after it.
    later = await theirs.acquire(by=theirs._clock() + 0.5)
    assert later is not None and later - theirs._clock() < 61.0
    turns = _turns(pg_stores[0], "responder x")
    assert len(turns) == 1


def test_a_turn_comes_when_the_window_has_room() -> None:
    now = datetime(2026, 1, 1, tzinfo=UTC)
    late = [now + timedelta(seconds=0.1), now - timedelta(seconds=0.1)]  # newest first
    assert next_turn(PACE, now, []) == now
    assert next_turn(PACE, now, late[:1]) == late[0]  # never before the newest: in order
    assert next_turn(PACE, now, late) == late[1] + WINDOW


class Paced:
    """A sink allowing 2 sends per 0.3 s, one per worker; counts what it sent."""

    pace: ClassVar[Pace | None] = PACE

    def __init__(self) -> None:
        self.name = "paced"
        self.sent: list[str] = []

    async def deliver(self, action: OutboxAction) -> Receipt:
        self.sent.append(action.key)
        return Receipt(ref=f"ok-{action.key}")

    async def close(self) -> None:
        return None


async def test_workers_on_postgresql_share_a_sinks_turns(pg_stores: tuple[Store, Store]) -> None:
    for i in range(8):
        _enqueue(pg_stores[0], f"a{i}", datetime.now(UTC) - timedelta(minutes=1), target="paced")
    sinks = (Paced(), Paced())
    settings = OutboxSection(batch_size=2)  # both workers claim some
    workers = [
        OutboxWorker(s, {"paced": k}, settings) for s, k in zip(pg_stores, sinks, strict=True)
    ]
    assert all(isinstance(w._limiters["paced"], SharedLimiter) for w in workers)
    assert sum(await asyncio.gather(*(w.drain() for w in workers))) == 8
    assert sorted(sinks[0].sent + sinks[1].sent) == [f"a{i}" for i in range(8)]
    assert sinks[0].sent and sinks[1].sent
    turns = _turns(pg_stores[0], "responder paced")
    assert len(turns) == 8 and _kept_to(turns, PACE)


def test_a_sqlite_store_keeps_its_turns_in_memory(tmp_path: object) -> None:
    store = Store(f"sqlite:///{tmp_path}/store.db")
    store.create_all()
    worker = OutboxWorker(store, {"paced": Paced()}, OutboxSection())
    assert isinstance(worker._limiters["paced"], Limiter)
    store.dispose()
