"""A poll's mentions are handed over oldest first, whatever order the platform lists them in.

X, Reddit, Bluesky and Mastodon list newest first; the store keeps a batch in the order it is
given and processes stored mentions in that order (by row id). An author's "my order is late"
then "it arrived, thanks", read in one poll, must reach processing in that order: the second
closes the case the first opened, instead of coming first and the apology after it.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta

import pytest

from listener.x import XSource
from tests.fakes._base import FakeAPI
from tests.fakes.bluesky import BlueskyFake
from tests.fakes.reddit import RedditFake
from tests.fakes.x import XFake
from tests.platforms.bluesky_helpers import bluesky_source
from tests.platforms.helpers import FakeClock, once, reddit_source, started


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
async def api() -> AsyncIterator[FakeAPI]:
    async with FakeAPI() as fake:
        yield fake
    assert not fake.unexpected, f"unexpected requests: {fake.unexpected}"


async def test_x_mentions_are_handed_over_oldest_first(api: FakeAPI, clock: FakeClock) -> None:
    fake = XFake(api, clock=clock)
    source = XSource(
        name="x",
        bearer_token="tok",
        query="",
        username="lumora",
        base_url=fake.base_url,
        page_size=10,
        clock=clock,
    )
    cursor = await started(source, clock)
    first = fake.publish("@lumora my order is late", author="bob", search=False)
    clock.advance(60)
    second = fake.publish("@lumora it arrived, thanks", author="bob", search=False)
    run = await once(source, cursor, clock=clock)
    await source.close()
    assert run.ids == [first["id"], second["id"]]


async def test_reddit_inbox_mentions_are_handed_over_oldest_first(
    api: FakeAPI, clock: FakeClock
) -> None:
    fake = RedditFake(api, clock=clock)
    source = reddit_source(
        fake.base_url, clock, login="lumora_bot", query="", subreddits=["all"], inbox=True
    )
    cursor = await started(source, clock)
    clock.advance(30)
    first = fake.mention("u/lumora_bot my order is late")
    clock.advance(60)
    second = fake.mention("u/lumora_bot it arrived, thanks")
    run = await once(source, cursor, clock=clock)
    await source.close()
    assert run.ids == [first["data"]["name"], second["data"]["name"]]


async def test_bluesky_notifications_are_handed_over_oldest_first(
    api: FakeAPI, clock: FakeClock
) -> None:
    fake = BlueskyFake(api, clock=clock)
    source = bluesky_source(fake, clock, query="")
    cursor = await started(source, clock)
    clock.advance(30)
    first = fake.mention("@lumora.bsky.social my order is late", author="gus")
    clock.advance(timedelta(minutes=1).total_seconds())
    second = fake.mention("@lumora.bsky.social it arrived, thanks", author="gus")
    run = await once(source, cursor, clock=clock)
    await source.close()
    assert run.ids == [first["uri"], second["uri"]]
