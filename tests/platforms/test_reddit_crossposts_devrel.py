"""A crosspost into a watched subreddit of a post from one not watched: the only way the
source sees those words. A developer-tools brand watches r/devops; someone's r/programming
post about it, crossposted there, was dropped as a repost of an original never read."""

from __future__ import annotations

from tests.fakes.reddit import RedditFake
from tests.platforms.helpers import FakeClock, once, reddit_source, started


async def test_a_crosspost_from_an_unwatched_subreddit_is_a_mention(
    reddit_fake: RedditFake, clock: FakeClock
) -> None:
    reddit_fake.subreddits |= {"devops", "programming"}
    source = reddit_source(
        reddit_fake.base_url,
        clock,
        login="lumora_bot",
        query="lumora",
        subreddits=["devops"],
        inbox=False,
        comments=False,
    )
    cursor = await started(source, clock)
    clock.advance(30)
    elsewhere = reddit_fake.submit("Lumora CI ate our deploys", author="carol", sub="programming")
    ours = reddit_fake.submit("Lumora 3.0 is out", author="lumora_bot", sub="lumora")
    here = reddit_fake.submit("Lumora caching, any tips?", author="erin", sub="devops")
    clock.advance(30)
    brought = reddit_fake.crosspost(elsewhere, by="dave", sub="devops")
    reddit_fake.crosspost(ours, by="dave", sub="devops")  # the brand's own: passed on
    reddit_fake.crosspost(here, by="dave", sub="devops")  # its original is read anyway
    run = await once(source, cursor, clock=clock)
    await source.close()
    assert sorted(run.ids) == sorted([brought, here["data"]["name"]])
