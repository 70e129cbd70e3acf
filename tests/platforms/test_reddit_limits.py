"""Reddit's rate-limit window as `sources check` shows it, read from the fake's headers."""

from __future__ import annotations

from datetime import timedelta

from listener.reddit import RedditSource
from mentiondesk.models.reddit import build_reddit
from tests.platforms.helpers import FakeClock


def _source(fake, clock: FakeClock) -> RedditSource:
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
        name="reddit", reddit=reddit, query="lumora", subreddits=["all"], inbox=False, clock=clock
    )


async def test_check_shows_what_is_left_and_no_reset_while_requests_remain(
    reddit_fake, clock
) -> None:
    # The window ends in 600 s; asyncprawcore's pacing point (its next request) is ~1 s out,
    # and was shown as "resets" before.
    source = _source(reddit_fake, clock)
    status = await source.check()
    await source.close()
    assert status.ok
    assert status.rate_limit == "search: 899/900 left"


async def test_check_shows_the_reset_from_the_header_once_the_window_is_spent(
    reddit_fake, clock
) -> None:
    reddit_fake.window.limit = 1
    reddit_fake.window.seconds = 300
    source = _source(reddit_fake, clock)
    status = await source.check()
    await source.close()
    reset = clock() + timedelta(seconds=300)
    assert status.rate_limit == (
        f"search: 0/1 left, resets {reset:%H:%M:%S} UTC, blocked until {reset:%H:%M:%S} UTC"
    )
