"""Pacing a sink's sends: at most `per` in any `seconds`, waited for before each delivery.

A burst of alerts (40 at once) sent as fast as the outbox can would collect 429s from a
chat that allows one a second; waiting our turn here keeps under the limit instead. Each
responder's pace is its class's `pace` (the platform's documented limit) unless the
operator set `max_per_minute` in its `[[responders]]` table. A platform's limit is per
destination (a Slack channel, a webhook), so turns are counted per destination: a responder
may name its own with `pace_key()` (else it is the responder), and responders naming the same
one share a limiter. Here the counts are this process's own, which is all of them on SQLite
(one process); on PostgreSQL every worker takes its turns through the store instead
(outbox_pace_shared), so several workers together keep to the one limit.
The clock and the sleep are injected, so tests run on a fake clock, instantly.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Awaitable, Callable, Iterable, Mapping
from typing import Protocol

from mentiondesk.models import Pace, PluginConfig, Responder

Sleep = Callable[[float], Awaitable[None]]


class Turns(Protocol):
    """A destination's turns: this process's Limiter, or the store's (outbox_pace_shared)."""

    pace: Pace
    taken: int  # turns taken so far

    async def acquire(self, by: float | None = None) -> float | None: ...


MakeTurns = Callable[[Pace, str], Turns]  # a pace and its destination's key


class Limiter:
    """A sliding window: a send waits until the `per`-th send before it is `seconds` old."""

    def __init__(
        self,
        pace: Pace,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        self.pace = pace
        self._sent: deque[float] = deque(maxlen=pace.per)  # the last `per` sends' times
        self._clock = clock
        self._sleep = sleep
        # One waiter at a time: each takes its turn after the one before it, in order.
        self._lock = asyncio.Lock()
        self.taken = 0  # turns taken so far

    def next_turn(self) -> float:
        """When the next send may go (now, or later on the clock)."""
        now = self._clock()
        if len(self._sent) < self.pace.per:
            return now
        return max(now, self._sent[0] + self.pace.seconds)

    async def acquire(self, by: float | None = None) -> float | None:
        """Wait for a turn and take it: None. When the turn would come after `by` (on this
        clock), take nothing and wait not at all: the turn's time, to try again then."""
        async with self._lock:
            turn = self.next_turn()
            if by is not None and turn > by:
                return turn
            if (wait := turn - self._clock()) > 0:
                await self._sleep(wait)
            self._sent.append(max(turn, self._clock()))
            self.taken += 1
            return None


def paces(responders: Mapping[str, Responder], configs: Iterable[PluginConfig]) -> dict[str, Pace]:
    """Each responder's pace: its `max_per_minute` where set, else its class's; unpaced left out."""
    chosen = {n: p for n, r in responders.items() if (p := getattr(type(r), "pace", None))}
    for config in configs:
        per_minute = getattr(config, "max_per_minute", None)
        if per_minute is not None and (config.name or config.kind) in responders:
            chosen[config.name or config.kind] = Pace.per_minute(per_minute)
    return chosen


def limiters(
    responders: Mapping[str, object],
    chosen: Mapping[str, Pace],
    *,
    clock: Callable[[], float] = time.monotonic,
    sleep: Sleep = asyncio.sleep,
    make: MakeTurns | None = None,
) -> dict[str, Turns]:
    """Each paced responder's limiter, one per destination: responders posting to the same
    channel take turns in one window (two limiters would let it have twice its limit), at the
    strictest of their paces; responders posting elsewhere never wait behind each other.
    `make`: the limiter for a pace and its destination's key (this process's by default)."""
    sharing: dict[tuple[str, str], list[str]] = {}
    for name in chosen:
        sharing.setdefault(destination(name, responders.get(name)), []).append(name)
    found: dict[str, Turns] = {}
    for (tag, key), names in sharing.items():
        pace = min((chosen[n] for n in names), key=lambda p: (p.per / p.seconds, p.per))
        turns = (
            Limiter(pace, clock=clock, sleep=sleep) if make is None else make(pace, f"{tag} {key}")
        )
        found.update(dict.fromkeys(names, turns))
    return found


def destination(name: str, responder: object) -> tuple[str, str]:
    """Where a responder's sends count against the platform's limit: its `pace_key()`, or
    the responder itself. Tagged, so no responder's name can pass for another's key."""
    key = getattr(responder, "pace_key", None)
    return ("destination", str(key())) if callable(key) else ("responder", name)


async def unless_stopped(
    turn: Awaitable[float | None], stop: asyncio.Event | None, now: float
) -> float | None:
    """`turn`'s answer, unless `stop` comes first: then the wait is given up, nothing taken,
    and `now` is the answer (due at once, for the stop's drain to send within its grace)."""
    waiting = asyncio.ensure_future(turn)
    if stop is None:
        return await waiting
    stopped = asyncio.ensure_future(stop.wait())
    try:
        await asyncio.wait([waiting, stopped], return_when=asyncio.FIRST_COMPLETED)
    finally:
        stopped.cancel()
    if waiting.done():
        return waiting.result()
    waiting.cancel()
    return now
