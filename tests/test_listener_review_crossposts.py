"""A Reddit crosspost that adds no words of its own is a repost, not a mention.

A crosspost is a submission of its own (crosspost_parent, crosspost_parent_list) whose title
Reddit fills in with the original's; search finds it as it finds the original. Left as it
comes, the brand's own announcement crossposted by a fan is stored as that fan's mention,
in the brand's words, and answered. One whose poster wrote a title of their own is theirs.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from tests.fakes._base import FakeAPI
from tests.fakes.reddit import RedditFake
from tests.platforms.helpers import FakeClock, once, reddit_source, started


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
async def fake(clock: FakeClock) -> AsyncIterator[RedditFake]:
    async with FakeAPI() as api:
        yield RedditFake(api, clock=clock)
    assert not api.unexpected, f"unexpected requests: {api.unexpected}"


async def test_a_crosspost_that_only_passes_a_post_on_is_no_mention(
    fake: RedditFake, clock: FakeClock
) -> None:
    source = reddit_source(
        fake.base_url,
        clock,
        login="lumora_bot",
        query="lumora",
        subreddits=["all"],
        inbox=False,
        comments=False,
        account="lumora_bot",
    )
    cursor = await started(source, clock)
    clock.advance(30)
    ours = fake.submit("Lumora lamp v2 is out today", author="lumora_bot", body="Details inside")
    clock.advance(30)
    passed_on = fake.crosspost(ours, by="dave")
    clock.advance(30)
    own_words = fake.crosspost(ours, by="erin", title="lumora v2 costs double, what a joke")
    run = await once(source, cursor, clock=clock)
    await source.close()
    assert passed_on not in run.ids
    assert run.ids == [own_words]
    texts = [m.text for m in run.mentions]
    assert texts == ["lumora v2 costs double, what a joke"]
