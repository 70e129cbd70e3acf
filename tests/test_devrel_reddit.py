"""A developer-tools brand's Reddit (r/programming, r/devops, r/brdev) through asyncpraw
against the fake Reddit: a submission its subreddit's moderators or Reddit's spam filter took
down is listed still, author and title kept, its text "[removed]"; no one sees it there to be
answered, so it is no mention. The same post left up is one, as is Portuguese on r/brdev."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from listener.reddit import RedditSource
from sentiment.lang import detect
from tests.fakes._base import FakeAPI
from tests.fakes.reddit import RedditFake
from tests.platforms.helpers import FakeClock, once, reddit_source, started

SUBS = ["programming", "devops", "brdev"]


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
async def fake(clock: FakeClock) -> AsyncIterator[RedditFake]:
    async with FakeAPI() as api:
        reddit = RedditFake(api, clock=clock)
        reddit.subreddits |= set(SUBS)
        yield reddit
    assert not api.unexpected, f"unexpected requests: {api.unexpected}"


def _source(fake: RedditFake, clock: FakeClock) -> RedditSource:
    return reddit_source(
        fake.base_url, clock, login="lumora_bot", inbox=True, query="acme", subreddits=SUBS
    )


@pytest.mark.parametrize("by", ["moderator", "reddit", "automod_filtered"])
async def test_a_submission_taken_down_is_no_mention(fake, clock, by: str) -> None:
    source = _source(fake, clock)
    cursor = await started(source, clock)
    clock.advance(5)
    self_post = fake.submit("Acme CLI ate my config", body="lost it all", sub="programming")
    link_post = fake.submit("Acme CLI 3.0 is out, 90% off", sub="devops", author="spammer")
    kept = fake.submit("Acme CLI vs make?", body="which one", sub="programming")
    fake.remove(self_post, by=by)
    fake.remove(link_post, by=by)
    run = await once(source, cursor, clock=clock)
    await source.close()
    assert run.ids == [kept["data"]["name"]]
    assert fake.search_items[0]["data"]["selftext"] == "[removed]"  # as Reddit lists it


async def test_portuguese_on_brdev_is_read_whole(fake, clock) -> None:
    source = _source(fake, clock)
    cursor = await started(source, clock)
    clock.advance(5)
    said = "Alguém usa o Acme no trabalho? Tô achando o deploy lento, mas é ótimo"
    post = fake.submit("Dúvida: Acme CLI", body=said, sub="brdev", author="joao")
    run = await once(source, cursor, clock=clock)
    await source.close()
    (mention,) = run.mentions
    assert mention.external_id == post["data"]["name"]
    assert mention.text == f"Dúvida: Acme CLI\n\n{said}"
    assert mention.url.startswith("https://www.reddit.com/r/brdev/comments/")
    assert detect([mention.text]) == ["pt"]  # Reddit gives no language: the text says it


async def test_a_link_post_shows_where_it_links(fake, clock) -> None:
    source = _source(fake, clock)
    cursor = await started(source, clock)
    clock.advance(5)
    blog = "https://blog.test/we-dropped-acme?utm_source=reddit&ref=r"
    link = fake.submit("We dropped Acme for make(1)", sub="devops", link=blog)
    text_post = fake.submit("Acme CLI config question", body="how do I cache?", sub="devops")
    run = await once(source, cursor, clock=clock)
    await source.close()
    by_id = {m.external_id: m.text for m in run.mentions}
    assert by_id[link["data"]["name"]] == f"We dropped Acme for make(1)\n\n{blog}"
    assert by_id[text_post["data"]["name"]] == "Acme CLI config question\n\nhow do I cache?"
