"""Mastodon counts one window per account for every endpoint (300 requests in 5 minutes): a
429 on notifications holds the hashtag timeline until the reset too."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta

import pytest

from tests.fakes._base import FakeAPI
from tests.fakes.mastodon import MastodonFake
from tests.platforms.helpers import FakeClock, once, started
from tests.platforms.test_mastodon import _source as mastodon_source
from tests.platforms.test_mastodon import notifications_limited_until

TAG = "/api/v1/timelines/tag/lumora"


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
async def mastodon_fake(clock: FakeClock) -> AsyncIterator[MastodonFake]:
    async with FakeAPI() as api:
        yield MastodonFake(api, clock=clock)


async def test_a_429_on_notifications_holds_the_hashtag_until_the_reset(
    mastodon_fake: MastodonFake, clock: FakeClock
) -> None:
    source = mastodon_source(mastodon_fake, clock)
    cursor = await started(source, clock)
    read = len(mastodon_fake.times(TAG))
    hit = mastodon_fake.hit("love #lumora")
    reset = clock() + timedelta(seconds=30)
    notifications_limited_until(mastodon_fake, reset)
    run = await once(source, cursor, clock=clock)
    await source.close()
    assert run.ids == [hit["id"]]
    after = mastodon_fake.times(TAG)[read:]
    assert after and all(t >= reset for t in after)
