"""Reddit counts one rate-limit window per OAuth client, whatever the listing: a 429 on the
subreddit search holds the comments listing (and the inbox) until the reset too, instead of
asking it at once and being refused again."""

from __future__ import annotations

from datetime import timedelta

from listener.reddit import RedditSource
from tests.fakes.reddit import RedditFake, comments_path, search_path
from tests.platforms.helpers import FakeClock, once, reddit_source, started


def _source(fake: RedditFake, clock: FakeClock) -> RedditSource:
    return reddit_source(fake.base_url, clock, query="lumora", subreddits=["lumora"], inbox=False)


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
