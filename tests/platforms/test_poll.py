"""The poll loop itself, around a scripted source (no platform behind it)."""

from __future__ import annotations

import asyncio

from listener._poll import Poller
from mentiondesk.models import Batch, RateLimited
from tests.platforms.helpers import FakeClock


class ResetAlreadyPast:
    """Answers its first poll with a rate limit whose reset is now, then an empty page."""

    name = "scripted"
    poll_seconds = 60.0

    def __init__(self, clock: FakeClock) -> None:
        self._clock = clock
        self.polls = 0

    async def poll(self, cursor: str | None) -> Batch:
        self.polls += 1
        if self.polls == 1:
            raise RateLimited(self._clock(), "reset header says now")
        return Batch(mentions=[], cursor=cursor)

    async def close(self) -> None:
        pass


async def _nothing(_: str) -> None:
    return None


async def _ignore(_: str, __: Batch) -> None:
    return None


async def test_rate_limit_reset_already_past_still_waits_a_second(clock: FakeClock) -> None:
    source = ResetAlreadyPast(clock)
    poller = Poller(
        source,
        load_cursor=_nothing,
        on_batch=_ignore,
        stop=asyncio.Event(),
        once=True,
        clock=clock,
        sleep=clock.sleep,
    )
    await poller.run()
    assert source.polls == 2
    assert clock.slept and clock.slept[0] >= 1.0, "a past reset must not poll again at once"
