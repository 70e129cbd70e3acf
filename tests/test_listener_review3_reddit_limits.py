"""Reddit counts one rate-limit window per OAuth client, whatever the listing: a 429 on the
subreddit search holds the comments listing (and the inbox) until the reset too, instead of
asking it at once and being refused again."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta

import pytest

from listener.reddit import RedditSource
from mentiondesk.models.reddit import build_reddit
from tests.fakes._base import FakeAPI
from tests.fakes.reddit import RedditFake, comments_path, search_path
from tests.platforms.helpers import FakeClock, once, started


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
async def reddit_fake(clock: FakeClock) -> AsyncIterator[RedditFake]:
    async with FakeAPI() as api:
        yield RedditFake(api, clock=clock)


def _source(fake: RedditFake, clock: FakeClock) -> RedditSource:
    reddit = build_reddit(
        client_id="cid",
        client_secret="secret",
        username=None,
        password=None,
        base_url=fake.base_url,
        auth_url=None,
        user_agent="test/0.1",
    )
    return RedditSource(
        name="reddit",
        reddit=reddit,
        query="lumora",
        subreddits=["lumora"],
        inbox=False,
        clock=clock,
    )


async def test_a_429_on_search_holds_the_comments_listing_until_the_reset(
    reddit_fake: RedditFake, clock: FakeClock
) -> None:
    source = _source(reddit_fake, clock)
    cursor = await started(source, clock)
    listed = len(reddit_fake.times(comments_path("lumora")))
    refused_at = clock()
    spent = {"x-ratelimit-used": "600", "x-ratelimit-remaining": "0", "x-ratelimit-reset": "50"}
    body = {"message": "Too Many Requests", "error": 429}
    reddit_fake.fail(search_path("lumora"), 429, body, headers=spent)
    await once(source, cursor, clock=clock)
    await source.close()
    after = reddit_fake.times(comments_path("lumora"))[listed:]
    assert after and all(t >= refused_at + timedelta(seconds=50) for t in after)
