"""The poll loop itself, around a scripted source (no platform behind it)."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta

import pytest

from listener._poll import Poller
from mentiondesk.models import Batch, FatalError, RateLimited, TransientError
from tests.helpers import mention
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


class Scripted:
    """Answers each poll with the next of `outcomes` (an exception is raised), then empty pages."""

    name = "scripted"
    poll_seconds = 60.0

    def __init__(self, *outcomes: Exception) -> None:
        self.outcomes = list(outcomes)
        self.polls = 0

    async def poll(self, cursor: str | None) -> Batch:
        self.polls += 1
        if self.outcomes:
            raise self.outcomes.pop(0)
        return Batch(mentions=[], cursor=cursor)

    async def close(self) -> None:
        pass


async def test_a_store_hiccup_while_loading_the_cursor_is_retried(clock: FakeClock) -> None:
    """PostgreSQL restarting as the process starts must not leave the source unread."""
    tries = 0

    async def load_cursor(_: str) -> str | None:
        nonlocal tries
        tries += 1
        if tries == 1:
            raise OSError("database is restarting")
        return "c1"

    source, stop = Scripted(), asyncio.Event()

    async def on_batch(_: str, batch: Batch) -> None:
        assert batch.cursor == "c1"  # polled from the cursor loaded on the second try
        stop.set()

    poller = Poller(
        source,
        load_cursor=load_cursor,
        on_batch=on_batch,
        stop=stop,
        clock=clock,
        sleep=clock.sleep,
    )
    await asyncio.wait_for(poller.run(), 5)
    assert source.polls == 1 and tries == 2
    assert clock.slept[0] <= 1.0  # the first backoff, before the poll


async def test_a_store_down_at_start_gives_up_a_once_run(clock: FakeClock) -> None:
    async def load_cursor(_: str) -> str | None:
        raise OSError("database is down")

    source = Scripted()
    poller = Poller(
        source,
        load_cursor=load_cursor,
        on_batch=_ignore,
        stop=asyncio.Event(),
        once=True,
        clock=clock,
        sleep=clock.sleep,
    )
    await asyncio.wait_for(poller.run(), 5)
    assert source.polls == 0 and poller.stopped is None


async def test_a_fatal_error_is_kept_for_the_operator(clock: FakeClock) -> None:
    revoked = FatalError("x mentions: 401 Unauthorized; check the bearer token")
    source = Scripted(revoked)
    poller = Poller(
        source, load_cursor=_nothing, on_batch=_ignore, stop=asyncio.Event(), clock=clock
    )
    await asyncio.wait_for(poller.run(), 5)
    assert poller.stopped is revoked and source.polls == 1


async def test_a_fatal_error_is_told_once_and_a_failed_telling_is_logged(
    clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    revoked, told = FatalError("x mentions: 401 Unauthorized"), []

    async def on_stop(name: str, error: FatalError, at: datetime) -> None:
        told.append((name, error, at))
        raise OSError("database is down")  # the alert could not be queued

    source = Scripted(revoked)
    poller = Poller(
        source,
        load_cursor=_nothing,
        on_batch=_ignore,
        stop=asyncio.Event(),
        clock=clock,
        on_stop=on_stop,
    )
    await asyncio.wait_for(poller.run(), 5)
    assert told == [("scripted", revoked, clock())] and poller.stopped_at == clock()
    assert "source scripted: alerting its stop failed (OSError)" in caplog.messages


async def test_a_rate_limit_is_shown_until_a_page_comes_back(clock: FakeClock) -> None:
    until = clock() + timedelta(seconds=30)
    source, stop, seen = Scripted(RateLimited(until)), asyncio.Event(), []
    poller: Poller

    async def on_batch(_: str, __: Batch) -> None:
        seen.append(poller.blocked_until)
        stop.set()

    poller = Poller(
        source, load_cursor=_nothing, on_batch=on_batch, stop=stop, clock=clock, sleep=clock.sleep
    )
    await asyncio.wait_for(poller.run(), 5)
    assert seen == [until]  # still set while the page that ended the wait is stored
    assert poller.blocked_until is None  # then cleared: the limit no longer holds


class DownForDays:
    """Fails `failures` polls (a platform down over a long weekend), then has one mention."""

    name = "scripted"
    poll_seconds = 60.0

    def __init__(self, failures: int) -> None:
        self.left = failures

    async def poll(self, cursor: str | None) -> Batch:
        if self.left > 0:
            self.left -= 1
            raise TransientError("search: status 503")
        return Batch(mentions=[mention(1)], cursor="c1")

    async def close(self) -> None:
        pass


async def test_a_source_down_for_days_is_read_again_when_it_is_back() -> None:
    """1,100 failed polls (about three days at the 300 s cap): the backoff's doubling once
    overflowed a float at the 1,025th and the poller died, the source unread until restart."""
    clock, stop, stored = FakeClock(), asyncio.Event(), []

    async def keep(_: str, batch: Batch) -> None:
        stored.extend(batch.mentions)
        stop.set()

    poller = Poller(
        DownForDays(1100),
        load_cursor=_nothing,
        on_batch=keep,
        stop=stop,
        clock=clock,
        sleep=clock.sleep,
    )
    await poller.run()
    assert [m.external_id for m in stored] == ["m1"]
    assert max(clock.slept) <= 300.0 and sum(clock.slept) > 2 * 24 * 3600
