"""Someone quoting the brand's Mastodon status is read, as on Bluesky.

Since Mastodon 4.5 a quote of one of our statuses notifies us with type `quote`, not
`mention` (docs.joinmastodon.org/entities/Notification): a complaint posted as a quote of the
brand's announcement, without an @mention in it, was never read. Servers before 4.5 ignore a
type they do not know.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from listener.mastodon import MastodonSource
from mentiondesk.models.mastodon import build_mastodon
from tests.fakes._base import FakeAPI
from tests.fakes.mastodon import NOTIFICATIONS, MastodonFake
from tests.platforms.helpers import FakeClock, once, started


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
async def fake(clock: FakeClock) -> AsyncIterator[MastodonFake]:
    async with FakeAPI() as api:
        yield MastodonFake(api, clock=clock)
    assert not api.unexpected, f"unexpected requests: {api.unexpected}"


async def test_a_quote_of_the_brands_status_is_read(fake: MastodonFake, clock: FakeClock) -> None:
    source = MastodonSource(
        name="mastodon", api=build_mastodon(fake.base_url, "tok"), query="", clock=clock
    )
    cursor = await started(source, clock)
    quoting = fake.mention("this new lamp broke in a day", author="dan")
    fake.notifications[-1]["type"] = "quote"  # a quote notifies so, with the quoting status
    run = await once(source, cursor, clock=clock)
    await source.close()
    assert run.ids == [quoting["id"]]
    assert run.mentions[0].text == "this new lamp broke in a day"
    asked = fake.api.calls(NOTIFICATIONS)[-1].query.getall("types[]")
    assert asked == ["mention", "quote", "update"]
