"""HackerNewsSource (aiohttp) against the fake Algolia API."""

from __future__ import annotations

import json
from datetime import timedelta
from email.utils import format_datetime

from listener.hackernews import HackerNewsSource
from tests.fakes.hackernews import SEARCH
from tests.platforms.helpers import FakeClock, once, started


def _source(fake, clock: FakeClock, size: int = 5, **kw) -> HackerNewsSource:
    return HackerNewsSource(
        name="hn", query="lumora", base_url=fake.base_url, page_size=size, clock=clock, **kw
    )


async def _seeded(fake, clock: FakeClock) -> tuple[HackerNewsSource, str | None]:
    fake.story("Show HN: Lumora lamps")
    source = _source(fake, clock)
    return source, (await once(source, clock=clock)).cursor


async def test_first_poll_stories_and_comments(hn_fake, clock) -> None:
    source = _source(hn_fake, clock)
    cursor = await started(source, clock)
    story = hn_fake.story("Lumora lamps on sale")
    comment = hn_fake.comment("<p>My lumora &gt; yours<p>second", author="tptacek")
    run = await once(source, cursor, clock=clock)
    await source.close()
    by_id = {m.external_id: m for m in run.mentions}
    assert by_id[story["objectID"]].text == "Lumora lamps on sale\n\nhttps://lumora.test/"
    assert by_id[comment["objectID"]].text == "My lumora > yours\n\nsecond"
    assert by_id[comment["objectID"]].thread_id == "40000000"
    assert hn_fake.api.calls(SEARCH)[0].query["tags"] == "(story,comment)"


async def test_incremental_multi_page_pins_window(hn_fake, clock) -> None:
    source, cursor = await _seeded(hn_fake, clock)
    clock.advance(10)
    new = [hn_fake.comment(f"lumora {i}")["objectID"] for i in range(12)]
    run = await once(source, cursor, clock=clock)
    await source.close()
    assert sorted(run.ids) == sorted(new)
    filters = [c.query.get("numericFilters", "") for c in hn_fake.api.calls(SEARCH)[1:]]
    assert filters[0].startswith("created_at_i>=")
    assert "created_at_i<=" in filters[1]
    assert [c.query["page"] for c in hn_fake.api.calls(SEARCH)[1:]] == ["0", "1", "2"]


async def test_429_waits_for_retry_after(hn_fake, clock) -> None:
    source, cursor = await _seeded(hn_fake, clock)
    hn_fake.comment("lumora after limit")
    hn_fake.fail(
        SEARCH, 429, {"message": "Too many requests", "status": 429}, headers={"Retry-After": "20"}
    )
    reset = clock() + timedelta(seconds=20)
    run = await once(source, cursor, clock=clock)
    await source.close()
    assert len(run.ids) == 1
    assert all(t >= reset for t in hn_fake.times(SEARCH)[1:])


async def test_429_waits_for_retry_after_as_an_http_date(hn_fake, clock) -> None:
    # Retry-After's other form (RFC 9110): it was read as no date, and 60 s waited instead.
    source, cursor = await _seeded(hn_fake, clock)
    hn_fake.comment("lumora after limit")
    start = clock()
    reset = (start + timedelta(seconds=25)).replace(microsecond=0)
    date = format_datetime(reset, usegmt=True)
    hn_fake.fail(SEARCH, 429, {"message": "slow down"}, headers={"Retry-After": date})
    run = await once(source, cursor, clock=clock)
    await source.close()
    assert len(run.ids) == 1
    retried = hn_fake.times(SEARCH)[1:]  # after the 429
    assert retried and all(reset <= t < start + timedelta(seconds=60) for t in retried)


async def test_bad_bodies_then_recovery(hn_fake, clock) -> None:
    source, cursor = await _seeded(hn_fake, clock)
    hn_fake.comment("lumora ok")
    hn_fake.fail(SEARCH, 502, body="<html>bad gateway</html>", content_type="text/html")
    hn_fake.fail(SEARCH, 200, body="<html>captcha</html>", content_type="text/html")
    hn_fake.fail(SEARCH, 200, body='{"hits": [{"objectID": "1", "aut')
    hn_fake.fail(SEARCH, 200, {"message": "index unavailable", "status": 500})
    hn_fake.fail(SEARCH, 200, body=b'{"hits": [' + b" " * (10 * 1024 * 1024) + b"]}")
    run = await once(source, cursor, clock=clock)
    await source.close()
    assert len(run.ids) == 1
    assert len(clock.slept) == 5


async def test_restart_resume_without_duplicates(hn_fake, clock) -> None:
    source, cursor = await _seeded(hn_fake, clock)
    clock.advance(5)
    new = [hn_fake.comment(f"lumora {i}")["objectID"] for i in range(8)]
    first = await source.poll(cursor)
    await source.close()
    restarted = _source(hn_fake, clock)
    rest = await once(restarted, first.cursor, clock=clock)
    await restarted.close()
    got = [m.external_id for m in first.mentions] + rest.ids
    assert sorted(got) == sorted(new)


async def test_same_second_hits_are_not_repeated(hn_fake, clock) -> None:
    source, cursor = await _seeded(hn_fake, clock)
    run = await once(source, cursor, clock=clock)  # the seed is at the window's edge (>=)
    await source.close()
    assert run.ids == []
    assert len(hn_fake.api.calls(SEARCH)) == 2


async def test_429_with_a_reset_in_the_past_still_waits(hn_fake, clock) -> None:
    source, cursor = await _seeded(hn_fake, clock)
    hn_fake.fail(SEARCH, 429, {"message": "slow down"}, headers={"Retry-After": "-30"})
    run = await once(source, cursor, clock=clock)
    await source.close()
    assert run.ids == []
    assert clock.slept == [1.0]


async def test_a_hit_indexed_late_is_still_read(hn_fake, clock) -> None:
    source, cursor = await _seeded(hn_fake, clock)
    clock.advance(60)
    late = hn_fake.comment("lumora, written earlier", when=clock() - timedelta(seconds=90))
    run = await once(source, cursor, clock=clock)
    await source.close()
    assert run.ids == [late["objectID"]]  # the seeded story is not read twice


async def test_first_run_skips_history_then_reads_what_comes_next(hn_fake, clock) -> None:
    hn_fake.story("Lumora lamps, years ago")
    source = _source(hn_fake, clock)
    first = await once(source, clock=clock)
    clock.advance(60)
    new = hn_fake.comment("lumora lamp broke")
    again = await once(source, first.cursor, clock=clock)
    await source.close()
    assert (first.ids, again.ids) == ([], [new["objectID"]])
    assert json.loads(first.cursor or "{}")["ep"]["search"]["since"] is not None


async def test_a_window_past_algolias_1000_hits_is_read_to_the_end(hn_fake, clock) -> None:
    source, cursor = await _seeded(hn_fake, clock)
    start = clock()
    clock.advance(2000)
    new = [
        hn_fake.comment(f"lumora {i}", when=start + timedelta(seconds=i))["objectID"]
        for i in range(1, 1051)
    ]
    source.page_size = 100
    run = await once(source, cursor, clock=clock)
    later = hn_fake.comment("lumora, the next day")
    again = await once(source, run.cursor, clock=clock)
    await source.close()
    # The seeded story comes again (the store drops it): the cursor's seen-list keeps the
    # last 1,000 ids, and the window's overlap reaches back to it.
    assert sorted(run.ids) == sorted([*new, hn_fake.hits[0]["objectID"]])
    # The newest 50-odd of the burst have left that list too: the next poll's overlap reads
    # them again (the store drops them); what is new still comes.
    assert later["objectID"] in again.ids and set(again.ids) <= {*new, later["objectID"]}
    pages = [c.query["page"] for c in hn_fake.api.calls(SEARCH)[1:]]
    assert pages[:11] == [str(n) for n in range(10)] + ["0"]  # Algolia stops at page 9


async def test_an_empty_first_read_still_pages_through_the_next_burst(hn_fake, clock) -> None:
    source = _source(hn_fake, clock)  # pages of 5
    cursor = await started(source, clock)  # a quiet brand: the first read finds nothing
    clock.advance(30)
    late = hn_fake.comment("lumora, an hour old, indexed now", when=clock() - timedelta(hours=1))
    new = [hn_fake.comment(f"lumora {n}")["objectID"] for n in range(12)]
    run = await once(source, cursor, clock=clock)
    await source.close()
    assert sorted(run.ids) == sorted(new)  # none missed, none twice
    assert late["objectID"] not in run.ids  # created_at_i says it was before "now"
