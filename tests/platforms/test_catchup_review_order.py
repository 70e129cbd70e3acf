"""A catch-up of several pages: every mention once, whatever page a restart resumes at. The
order they are read in is the store's (claimed by when posted: tests/test_store.py); Mastodon's
notifications page forward and come oldest first besides."""

from __future__ import annotations

from datetime import timedelta

from listener.hackernews import HackerNewsSource
from tests.platforms.helpers import FakeClock, once, started
from tests.platforms.test_mastodon import _source as mastodon_source


def _hn(fake, clock: FakeClock) -> HackerNewsSource:
    return HackerNewsSource(
        name="hn", query="lumora", base_url=fake.base_url, page_size=5, clock=clock
    )


async def test_hn_catch_up_cut_short_resumes_without_loss_or_repeat(hn_fake, clock) -> None:
    source = _hn(hn_fake, clock)
    cursor = await started(source, clock)
    start = clock()
    clock.advance(3600)  # down for an hour: 12 comments, three pages of five
    new = [
        hn_fake.comment(f"lumora {i}", when=start + timedelta(minutes=i))["objectID"]
        for i in range(1, 13)
    ]
    got: list[str] = []
    for _ in range(2):  # two pages, then a crash
        batch = await source.poll(cursor)
        got += [m.external_id for m in batch.mentions]
        cursor = batch.cursor
    restarted = _hn(hn_fake, clock)
    rest = await once(restarted, cursor, clock=clock)
    await source.close()
    await restarted.close()
    assert len(got) == 10 and sorted(got + rest.ids) == sorted(new)


async def test_mastodon_notifications_catch_up_is_oldest_first(mastodon_fake, clock) -> None:
    # min_id pages forward: the page just above the saved id comes first.
    source = mastodon_source(mastodon_fake, clock, query="")
    cursor = await started(source, clock)
    new = []
    for i in range(12):
        clock.advance(60)
        new.append(mastodon_fake.mention(f"@lumora {i}")["id"])
    run = await once(source, cursor, clock=clock)
    await source.close()
    assert run.ids == new
