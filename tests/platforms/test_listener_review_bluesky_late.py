"""A Bluesky reply indexed after newer ones were read is still read.

listNotifications lists by sortAt, the earlier of the post's createdAt and when the AppView
indexed it, and serves that as the notification's `indexedAt` (bluesky-social/atproto, bsky
appview: `notif.sortAt as indexedAt`). A post that reaches the AppView late (a bridged
Mastodon reply, a slow relay, an author's clock behind) is listed below the newest one read
before it came: the watermark, set at that newest, dropped it for good.
"""

from __future__ import annotations

from datetime import timedelta

from tests.fakes.bluesky import BlueskyFake
from tests.platforms.bluesky_helpers import bluesky_source
from tests.platforms.helpers import FakeClock, once, started


async def test_a_reply_indexed_late_is_read(bluesky_fake: BlueskyFake, clock: FakeClock) -> None:
    source = bluesky_source(bluesky_fake, clock, query="")
    cursor = await started(source, clock)
    clock.advance(60)
    written = clock()  # the bridged reply is written now, reaches Bluesky two minutes later
    clock.advance(30)
    on_time = bluesky_fake.mention("@lumora.bsky.social where is my order", author="gus")
    first = await once(source, cursor, clock=clock)
    clock.advance(90)
    late = bluesky_fake.mention(
        "@lumora.bsky.social still broken", author="ivy", created_at=written
    )
    clock.advance(60)
    after = bluesky_fake.mention("@lumora.bsky.social hello", author="jo")
    second = await once(source, first.cursor, clock=clock)
    await source.close()
    assert first.ids == [on_time["uri"]]
    assert second.ids == [late["uri"], after["uri"]]  # oldest first; the one read, not again
    assert (clock() - timedelta(minutes=10)) < second.mentions[0].created_at
