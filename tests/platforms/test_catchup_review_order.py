"""A catch-up of several pages hands its mentions over oldest first across pages: the store
processes them in the order stored, so a reply must come after the post it answers."""

from __future__ import annotations

from datetime import timedelta

from listener.hackernews import HackerNewsSource
from tests.fakes.hackernews import SEARCH
from tests.platforms.helpers import FakeClock, once, started
from tests.platforms.test_mastodon import _source as mastodon_source


def _hn(fake, clock: FakeClock) -> HackerNewsSource:
    return HackerNewsSource(
        name="hn", query="lumora", base_url=fake.base_url, page_size=5, clock=clock
    )


async def test_hn_catch_up_of_several_pages_is_oldest_first(hn_fake, clock) -> None:
    source = _hn(hn_fake, clock)
    cursor = await started(source, clock)
    start = clock()
    clock.advance(3600)  # down for an hour: 12 comments, three pages of five
    new = [
        hn_fake.comment(f"lumora {i}", when=start + timedelta(minutes=i))["objectID"]
        for i in range(1, 13)
    ]
    run = await once(source, cursor, clock=clock)
    await source.close()
    assert run.ids == new
    assert run.batches == 4  # a page per batch, each saved with its position


async def test_hn_catch_up_cut_short_resumes_without_loss_or_repeat(hn_fake, clock) -> None:
    source = _hn(hn_fake, clock)
    cursor = await started(source, clock)
    start = clock()
    clock.advance(3600)
    new = [
        hn_fake.comment(f"lumora {i}", when=start + timedelta(minutes=i))["objectID"]
        for i in range(1, 13)
    ]
    got: list[str] = []
    for _ in range(3):  # the probe of page 0, then the oldest page, then the next: a crash
        batch = await source.poll(cursor)
        got += [m.external_id for m in batch.mentions]
        cursor = batch.cursor
    restarted = _hn(hn_fake, clock)
    rest = await once(restarted, cursor, clock=clock)
    await source.close()
    await restarted.close()
    assert got + rest.ids == new


async def test_hn_burst_newer_while_catching_up_waits_for_the_next_pass(hn_fake, clock) -> None:
    source = _hn(hn_fake, clock)
    cursor = await started(source, clock)
    start = clock()
    clock.advance(3600)
    new = [
        hn_fake.comment(f"lumora {i}", when=start + timedelta(minutes=i))["objectID"]
        for i in range(1, 13)
    ]
    first = await source.poll(cursor)  # the window is pinned at its newest hit
    clock.advance(5)
    later = hn_fake.comment("lumora, during the catch-up")["objectID"]
    rest = await once(source, first.cursor, clock=clock)
    again = await once(source, rest.cursor, clock=clock)
    await source.close()
    assert (first.mentions, rest.ids, again.ids) == ([], new, [later])
    pinned = [c.query["numericFilters"] for c in hn_fake.api.calls(SEARCH)[2:5]]  # pages 2, 1, 0
    assert all("created_at_i<=" in f for f in pinned)


async def test_mastodon_notifications_catch_up_is_oldest_first(mastodon_fake, clock) -> None:
    # min_id pages forward: the page just above the saved id comes first (no change needed).
    source = mastodon_source(mastodon_fake, clock, query="")
    cursor = await started(source, clock)
    new = []
    for i in range(12):
        clock.advance(60)
        new.append(mastodon_fake.mention(f"@lumora {i}")["id"])
    run = await once(source, cursor, clock=clock)
    await source.close()
    assert run.ids == new
