"""A destination's turns shared by every worker on a PostgreSQL store.

Each worker counting its own sends (outbox_pace.Limiter) lets N workers send N times the
platform's limit to one channel, and collect 429s. Here a turn is a reservation in the
store (pace_turn): one short transaction locks the destination's key, reads the last `per`
turns reserved there, places this one at the earliest time the window allows (now, or
`seconds` after the `per`-th before it; never before the latest, so turns stay in order),
writes it and commits; then the worker sleeps until its turn. Times are the database's
clock, the one clock every host shares (a host's monotonic clock means nothing to another
host, and their wall clocks drift). A turn that would come after `by` is not reserved.

Within a process a destination's waiters still go one at a time, in order, so a batch of
40 reserves one turn ahead, not 40 (a stop would leave the others' turns reserved, unused,
and keep every worker waiting for them); the one turn a stop interrupts is given back. Rows
older than the longest window (a minute at least, in case another worker's config has a
longer one) are deleted now and then, by one worker at a time. SQLite has one process: its
turns stay in memory (outbox_pace).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime, timedelta
from functools import partial

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from mentiondesk.models import Pace, Responder
from mentiondesk.outbox_pace import Sleep, Turns, limiters, paces
from mentiondesk.outbox_record import through_blips
from mentiondesk.tables import PACE_TURN

WallClock = Callable[[], datetime]
# Advisory lock spaces (two-key form, apart from schema.py's one-key lock): a destination's
# turns, keyed by its hash; and the pruning, which one worker at a time does.
_TURNS, _PRUNING = 7_246_332, 7_246_333
_LOCK = sa.text("SELECT pg_advisory_xact_lock(:space, hashtext(:key))")
_PRUNE_LOCK = sa.text("SELECT pg_try_advisory_xact_lock(:space, 0)")
PRUNE_EVERY = 32  # a limiter's turns between prunings (its first turn prunes)
KEEP_AT_LEAST = 60.0  # seconds a turn's row is kept, whatever the windows here


class SharedLimiter:
    """A sliding window over the turns every worker reserved for one destination."""

    def __init__(
        self,
        engine: Engine,
        key: str,
        pace: Pace,
        *,
        keep: float | None = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Sleep = asyncio.sleep,
        wall: WallClock | None = None,
    ) -> None:
        """`keep`: seconds rows are kept (the window's by default). `clock` and `sleep`:
        this process's, for the wait and `by`. `wall`: the shared clock, the database's
        unless a test brings its own."""
        self.pace = pace
        self.key = key
        self.taken = 0  # turns taken so far
        self._engine = engine
        self._keep = timedelta(seconds=pace.seconds if keep is None else keep)
        self._clock = clock
        self._sleep = sleep
        self._wall = wall
        # One waiter of this process at a time, as Limiter: each reserves after the one before.
        self._lock = asyncio.Lock()

    async def acquire(self, by: float | None = None) -> float | None:
        """Wait for a turn and take it: None. When the turn would come after `by` (on this
        process's clock), reserve nothing and wait not at all: the turn's time."""
        async with self._lock:
            wait, turn = await through_blips(partial(self._reserve, by), sleep=self._sleep)
            if turn is None:
                return self._clock() + wait
            if wait > 0:  # from now, a round trip after the database's now: late, never early
                try:
                    await self._sleep(wait)
                except asyncio.CancelledError:
                    self._give_back(turn)
                    raise
            self.taken += 1
            return None

    def _give_back(self, turn: int) -> None:
        """Delete a turn reserved but never used (the worker stopped while waiting for it), so
        that no other worker waits for a send that will not come. Done at once, not in a
        thread: a stop's cancellation must not be awaited on. A database down then leaves the
        turn reserved: room wasted for one window, never too little."""
        try:
            with self._engine.begin() as conn:
                conn.execute(sa.delete(PACE_TURN).where(PACE_TURN.c.id == turn))
        except sa.exc.SQLAlchemyError:
            pass

    def _reserve(self, by: float | None) -> tuple[float, int | None]:
        """(seconds from now to the turn, the turn's id or None if not reserved), in one
        transaction; tried again through a database blip (a turn reserved twice leaves room,
        never too little)."""
        allow = None if by is None else by - self._clock()
        with self._engine.begin() as conn:
            conn.execute(_LOCK, {"space": _TURNS, "key": self.key})
            now = self._now(conn)
            query = sa.select(PACE_TURN.c.at).where(PACE_TURN.c.key == self.key)
            recent = conn.execute(query.order_by(PACE_TURN.c.at.desc()).limit(self.pace.per))
            turn = next_turn(self.pace, now, recent.scalars().all())
            wait = (turn - now).total_seconds()
            if allow is not None and wait > allow:
                return wait, None
            insert = sa.insert(PACE_TURN).values(key=self.key, at=turn)
            reserved: int = conn.execute(insert.returning(PACE_TURN.c.id)).scalar_one()
            if self.taken % PRUNE_EVERY == 0:
                prune(conn, now - self._keep)
            return wait, reserved

    def _now(self, conn: Connection) -> datetime:
        """The shared clock, read after the lock (the transaction's start may be long past)."""
        if self._wall is not None:
            return self._wall()
        found: datetime = conn.execute(sa.select(sa.func.clock_timestamp())).scalar_one()
        return found


def next_turn(pace: Pace, now: datetime, recent: Sequence[datetime]) -> datetime:
    """The earliest time from `now` that keeps `per` in any `seconds`, given the latest turns
    reserved (newest first): not before the newest, nor before the `per`-th is `seconds` old."""
    if not recent:
        return now
    turn = max(now, recent[0])
    if len(recent) >= pace.per:
        turn = max(turn, recent[pace.per - 1] + timedelta(seconds=pace.seconds))
    return turn


def prune(conn: Connection, before: datetime) -> int:
    """Delete every destination's turns older than `before`, unless another worker is at it
    (two deleting the same rows could deadlock, and one is enough): how many were deleted."""
    if not conn.execute(_PRUNE_LOCK, {"space": _PRUNING}).scalar_one():
        return 0
    return conn.execute(sa.delete(PACE_TURN).where(PACE_TURN.c.at < before)).rowcount


def sink_limiters(
    engine: Engine,
    responders: Mapping[str, Responder],
    pace: Mapping[str, Pace] | None,
    *,
    clock: Callable[[], float] = time.monotonic,
    sleep: Sleep = asyncio.sleep,
    wall: WallClock | None = None,
) -> dict[str, Turns]:
    """The outbox's limiters by responder name, at `pace` (else their classes' paces), one per
    destination (outbox_pace.limiters): shared through the store with every worker sending
    there on PostgreSQL, this process's own on SQLite (one process sends)."""
    chosen = paces(responders, ()) if pace is None else pace
    if engine.dialect.name != "postgresql":
        return limiters(responders, chosen, clock=clock, sleep=sleep)
    keep = max([KEEP_AT_LEAST, *(p.seconds for p in chosen.values())])

    def shared(at: Pace, key: str) -> Turns:
        return SharedLimiter(engine, key, at, keep=keep, clock=clock, sleep=sleep, wall=wall)

    return limiters(responders, chosen, clock=clock, sleep=sleep, make=shared)
