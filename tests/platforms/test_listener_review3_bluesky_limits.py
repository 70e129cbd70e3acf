"""Bluesky's AppView counts every read from one address in one window (3000 per 5 minutes,
shared/platform-notes.md): a 429 or a spent window on notifications holds search too, and the
other way round; a 429 that names no `ratelimit-reset` but says `Retry-After` is waited out."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from listener.bluesky import BlueskySource
from mentiondesk.models import RateLimited
from tests.fakes.bluesky import NOTIFICATIONS, SEARCH, BlueskyFake
from tests.platforms.bluesky_helpers import bluesky_source
from tests.platforms.helpers import FakeClock, once, started

REFUSED = {"error": "RateLimitExceeded", "message": "Rate Limit Exceeded"}


def _source(bluesky_fake: BlueskyFake, clock: FakeClock, query: str = "lumora") -> BlueskySource:
    return bluesky_source(bluesky_fake, clock, query=query, page_size=5)


def _spent(reset: datetime) -> dict[str, str]:
    return {
        "ratelimit-limit": "3000",
        "ratelimit-remaining": "0",
        "ratelimit-reset": str(int(reset.timestamp())),
        "ratelimit-policy": "3000;w=300",
    }


async def test_a_429_on_notifications_holds_search_until_the_reset(
    bluesky_fake: BlueskyFake, clock: FakeClock
) -> None:
    source = _source(bluesky_fake, clock)
    cursor = await started(source, clock)
    searched = len(bluesky_fake.times(SEARCH))
    hit = bluesky_fake.hit("lumora rl")
    note = bluesky_fake.mention("@lumora.bsky.social hi")
    reset = clock() + timedelta(seconds=50)
    bluesky_fake.fail(NOTIFICATIONS, 429, REFUSED, headers=_spent(reset))
    run = await once(source, cursor, clock=clock)
    await source.close()
    assert sorted(run.ids) == sorted([hit["uri"], note["uri"]])
    after = bluesky_fake.times(SEARCH)[searched:]
    assert after and all(t >= reset for t in after)  # the same address's window: spent too


async def test_a_spent_window_on_notifications_holds_search_until_the_reset(
    bluesky_fake: BlueskyFake, clock: FakeClock
) -> None:
    source = _source(bluesky_fake, clock)
    cursor = await started(source, clock)
    searched = len(bluesky_fake.times(SEARCH))
    hit = bluesky_fake.hit("lumora later")
    reset = clock() + timedelta(seconds=40)
    # Answered, the last request the window had: the next read from here is refused.
    bluesky_fake.fail(NOTIFICATIONS, 200, {"notifications": []}, headers=_spent(reset))
    run = await once(source, cursor, clock=clock)
    await source.close()
    assert run.ids == [hit["uri"]]
    after = bluesky_fake.times(SEARCH)[searched:]
    assert after and all(t >= reset for t in after)


async def test_a_429_with_retry_after_alone_is_waited_out(
    bluesky_fake: BlueskyFake, clock: FakeClock
) -> None:
    source = _source(bluesky_fake, clock, query="")  # notifications alone
    cursor = await started(source, clock)
    bluesky_fake.fail(NOTIFICATIONS, 429, REFUSED, headers={"retry-after": "180"})
    with pytest.raises(RateLimited) as limited:
        await source.poll(cursor)
    await source.close()
    assert limited.value.until == clock() + timedelta(seconds=180)  # not a minute's guess


async def test_the_sign_ins_own_window_spent_holds_no_read(
    bluesky_fake: BlueskyFake, clock: FakeClock
) -> None:
    # createSession is counted per handle (30 in 5 minutes), apart from the reads' window.
    source = _source(bluesky_fake, clock)
    reset = clock() + timedelta(minutes=5)
    source.endpoints.observe("session", limit=30, remaining=0, reset=reset)
    assert not any(source.endpoints.gate(e).blocked(clock()) for e in ("mentions", "search"))
    source.endpoints.observe("search", limit=3000, remaining=0, reset=reset)
    assert all(source.endpoints.gate(e).blocked(clock()) for e in ("mentions", "search"))
    await source.close()
