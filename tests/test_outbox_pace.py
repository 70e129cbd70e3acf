"""Pacing: a burst of alerts goes to a sink no faster than its pace (its class's, or the
operator's `max_per_minute`), and a stop's drain does not wait for a turn past its grace."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import ClassVar

import pytest
import sqlalchemy as sa

from mentiondesk.config import OutboxSection, load_config
from mentiondesk.models import ConfigError, OutboxAction, Pace, Receipt
from mentiondesk.outbox import OutboxWorker
from mentiondesk.outbox_pace import Limiter, paces
from mentiondesk.store import Store
from mentiondesk.tables import OUTBOX
from tests.test_outbox import Clock, Flaky, _enqueue

BURST = 40


class Time:
    """A fake monotonic clock whose sleep moves it on at once. It moves only once every turn
    already granted has reached the sink, so each send is stamped with its own turn's time."""

    def __init__(self) -> None:
        self.now = 0.0
        self.limiter: Limiter | None = None
        self.sink: Paced | None = None

    def __call__(self) -> float:
        return self.now

    def wall(self) -> datetime:
        """The same clock as the store's (a PostgreSQL store's paces are shared through it)."""
        return datetime(2026, 1, 1, tzinfo=UTC) + timedelta(seconds=self.now)

    async def sleep(self, seconds: float) -> None:
        for _ in range(5000):  # the granted sends are on their way (a database round trip)
            if self.sink is None or self.limiter is None:
                break
            if len(self.sink.times) >= self.limiter.taken:
                break
            await asyncio.sleep(0.001)
        self.now += seconds


class Paced:
    """A chat allowing 5 sends per 2 s; stamps each send with the fake clock's time."""

    pace: ClassVar[Pace | None] = Pace(per=5, seconds=2.0)

    def __init__(self, time: Time) -> None:
        self.name = "paced"
        self.time = time
        self.times: list[float] = []

    async def deliver(self, action: OutboxAction) -> Receipt:
        self.times.append(self.time())
        return Receipt(ref=f"ok-{action.key}")

    async def close(self) -> None:
        return None


def _setup(
    store: Store, pace: dict[str, Pace] | None = None, sink_type: type[Paced] = Paced
) -> tuple[OutboxWorker, Paced]:
    clock, time = Clock(), Time()
    for i in range(BURST):
        _enqueue(store, f"a{i:02d}", clock.now, target="paced")
    sink = sink_type(time)
    settings = OutboxSection(stop_grace_seconds=5)
    worker = OutboxWorker(
        store,
        {"paced": sink},
        settings,
        clock=clock,
        pace=pace,
        monotonic=time,
        pace_sleep=time.sleep,
        pace_wall=time.wall,
    )
    time.sink, time.limiter = sink, worker._limiters["paced"]
    return worker, sink


def _spans(times: list[float], apart: int) -> list[float]:
    """How long each send is before the one `apart` sends later."""
    return [times[i + apart] - times[i] for i in range(len(times) - apart)]


def _statuses(store: Store) -> list[tuple[str, int, object]]:
    query = sa.select(OUTBOX.c.status, OUTBOX.c.attempts, OUTBOX.c.lease_until)
    with store.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(query.order_by(OUTBOX.c.id))]


async def test_a_burst_goes_no_faster_than_the_sinks_pace(store: Store) -> None:
    worker, sink = _setup(store)
    assert await worker.drain() == BURST
    assert len(sink.times) == BURST
    # Any 5 sends in a row span 2 s at least: never 6 in one 2-second window.
    assert min(_spans(sink.times, 5)) >= 2.0
    assert sink.times[-1] >= (BURST // 5 - 1) * 2.0
    assert all(status == "done" for status, _, _ in _statuses(store))


async def test_max_per_minute_overrides_the_class_pace(store: Store) -> None:
    worker, sink = _setup(store, pace={"paced": Pace.per_minute(30)})
    assert await worker.drain() == BURST
    assert min(_spans(sink.times, 1)) >= 2.0


async def test_a_drain_at_stop_keeps_to_its_grace_and_leaves_the_rest_pending(
    store: Store,
) -> None:
    worker, sink = _setup(store)
    sent = await worker.drain(grace=worker.settings.stop_grace_seconds)
    assert 0 < sent == len(sink.times) < BURST
    assert max(sink.times) <= 5.0  # nothing waited for a turn past the grace
    rows = _statuses(store)
    left = [(attempts, lease) for status, attempts, lease in rows if status == "pending"]
    assert len(left) == BURST - sent  # nothing lost: the rest wait, untried, for the next start
    assert all(attempts == 0 and lease is None for attempts, lease in left)


def test_paces_take_the_class_pace_unless_max_per_minute_is_set(tmp_path: Path) -> None:
    sink = Paced(Time())
    assert paces({"paced": sink}, ()) == {"paced": Pace(per=5, seconds=2.0)}
    path = tmp_path / "config.toml"
    path.write_text(_config("max_per_minute = 12"))
    (tmp_path / "m.jsonl").write_text("")
    configs = load_config(path).responders
    assert paces({"console": sink}, configs) == {"console": Pace(per=1, seconds=5.0)}


@pytest.mark.parametrize("value", ["0", "-3", '"ten"', "true", "nan", "inf"])
def test_max_per_minute_must_be_a_positive_number(tmp_path: Path, value: str) -> None:
    path = tmp_path / "config.toml"
    path.write_text(_config(f"max_per_minute = {value}"))
    (tmp_path / "m.jsonl").write_text("")
    with pytest.raises(ConfigError, match=r"responders\[0\]\.max_per_minute"):
        load_config(path)


def _config(line: str) -> str:
    text = '[brand]\nname = "L"\n[[sources]]\nkind = "replay"\npath = "m.jsonl"\n'
    text += f'[[responders]]\nkind = "console"\n{line}\n'
    return text + '[[responders]]\nkind = "local"\nname = "cases"\n'


async def test_a_stop_gives_up_a_wait_for_a_turn_in_the_batch_in_hand(store: Store) -> None:
    """A batch waiting on the pace when the stop comes does not keep waiting: the stop's drain
    sends what its grace allows, from the stop on, and the rest stay pending."""
    worker, sink = _setup(store)
    stop, wake = asyncio.Event(), asyncio.Event()
    time, paced_sleep = worker._monotonic, worker._limiters["paced"]._sleep

    async def held_until_stop(seconds: float) -> None:
        if not stop.is_set():  # a turn far off: waited for before the stop, it never comes
            await asyncio.Event().wait()
        await paced_sleep(seconds)

    worker._limiters["paced"]._sleep = held_until_stop
    running = asyncio.ensure_future(worker.run(stop, wake))
    for _ in range(5000):
        if len(sink.times) == 5:
            break
        await asyncio.sleep(0.001)
    stop.set()
    await asyncio.wait_for(running, 30)
    assert time() <= 5.0  # the stop's drain kept to its grace
    assert 5 < len(sink.times) < BURST and max(sink.times) <= 5.0
    left = [row for row in _statuses(store) if row[0] == "pending"]
    assert len(left) == BURST - len(sink.times)
    assert all(attempts == 0 and lease is None for _, attempts, lease in left)


async def test_a_drain_without_grace_sends_what_an_earlier_pass_set_aside(store: Store) -> None:
    """`run --once`: its grace-bounded pass sets the burst's later turns aside, due at their
    turn; its last drain (no grace: it exits "after draining the outbox") sends them all, at
    the pace, and leaves one that failed to its backoff (tried once, as before)."""
    worker, sink = _setup(store)
    down = Flaky(ConnectionError("down"))  # would answer a second try
    worker.responders["down"] = down
    _enqueue(store, "x", Clock().now, target="down")
    first = await worker.drain(grace=worker.settings.stop_grace_seconds, stopping=False)
    assert 0 < first < BURST  # the others' turns came past the grace: set aside
    assert await worker.drain() == BURST - first  # before: 0, as they were due after it began
    assert len(sink.times) == BURST and min(_spans(sink.times, 5)) >= 2.0
    assert down.calls == ["x"]
    assert [s for s, _, _ in _statuses(store)] == ["done"] * BURST + ["pending"]


class StopsAtTen(Paced):
    """The sink during whose tenth send a stop is asked for (Ctrl-C)."""

    stop = asyncio.Event()

    async def deliver(self, action: OutboxAction) -> Receipt:
        receipt = await super().deliver(action)
        if len(self.times) == 10:
            self.stop.set()
        return receipt


async def test_a_stop_during_a_drain_without_grace_keeps_to_the_stops_grace(store: Store) -> None:
    """`run --once`'s last drain has no grace of its own: a stop asked for during it bounds it
    by `stop_grace_seconds` from then on; the rest stay pending, untried, for the next run."""
    worker, sink = _setup(store, sink_type=StopsAtTen)
    stop = StopsAtTen.stop = asyncio.Event()
    sent = await asyncio.wait_for(worker.drain(stop=stop), 30)  # a hang guard only
    asked, grace = sink.times[9], worker.settings.stop_grace_seconds
    assert 10 < sent == len(sink.times) < BURST  # before: all 40, ignoring the stop
    # On the fake clock; a turn (2 s) of slack for sleeps begun just as the stop came.
    assert max(sink.times) <= asked + grace + 2.0
    left = [
        (attempts, lease) for status, attempts, lease in _statuses(store) if status == "pending"
    ]
    assert len(left) == BURST - sent
    assert all(attempts == 0 and lease is None for attempts, lease in left)
