"""BlueskySource through atproto against the fake PDS: logging in, paging, cursors, rate limits
and errors (what a post's record says: test_bluesky_records)."""

from __future__ import annotations

import json
from datetime import timedelta

from listener.bluesky import BlueskySource
from tests.fakes.bluesky import NOTIFICATIONS, SEARCH, SESSION
from tests.platforms.bluesky_helpers import bluesky_source
from tests.platforms.helpers import FakeClock, once, started

HOUR = timedelta(hours=1)
MINUTE = timedelta(minutes=1)


def _source(fake, clock: FakeClock, query: str = "lumora", size: int = 5) -> BlueskySource:
    return bluesky_source(fake, clock, query=query, page_size=size)


async def test_first_poll_logs_in_and_reads_both(bluesky_fake, clock) -> None:
    source = _source(bluesky_fake, clock)
    cursor = await started(source, clock)
    hit = bluesky_fake.hit("lumora is nice", lang="pt")
    note = bluesky_fake.mention("@lumora.bsky.social broken", author="gus", reply_to=hit["uri"])
    run = await once(source, cursor, clock=clock)
    await source.close()
    by_id = {m.external_id: m for m in run.mentions}
    assert set(by_id) == {hit["uri"], note["uri"]}
    assert by_id[hit["uri"]].lang == "pt"
    assert by_id[note["uri"]].parent_id == hit["uri"]
    assert by_id[note["uri"]].author.handle == "gus.bsky.social"
    assert bluesky_fake.api.calls(SESSION)[0].json()["identifier"] == "lumora.bsky.social"
    assert bluesky_fake.api.calls(SEARCH)[0].query["sort"] == "latest"


async def test_incremental_and_multi_page(bluesky_fake, clock) -> None:
    bluesky_fake.hit("lumora 0")
    bluesky_fake.mention("hey 0")
    source = _source(bluesky_fake, clock)
    run = await once(source, clock=clock)
    clock.advance(5)
    new = [bluesky_fake.hit(f"lumora {i}")["uri"] for i in range(12)]
    new += [bluesky_fake.mention(f"hey {i}")["uri"] for i in range(7)]
    again = await once(source, run.cursor, clock=clock)
    await source.close()
    assert sorted(again.ids) == sorted(new)
    assert bluesky_fake.api.calls(SEARCH)[-1].query.get("since")
    assert len(bluesky_fake.api.calls(NOTIFICATIONS)) == 1 + 2


async def test_rate_limit_waits_until_reset(bluesky_fake, clock) -> None:
    source = _source(bluesky_fake, clock)
    cursor = await started(source, clock)
    bluesky_fake.hit("lumora rl")
    reset = clock() + timedelta(seconds=50)
    headers = {
        "ratelimit-limit": "3000",
        "ratelimit-remaining": "0",
        "ratelimit-reset": str(int(reset.timestamp())),
        "ratelimit-policy": "3000;w=300",
    }
    bluesky_fake.fail(
        SEARCH, 429, {"error": "RateLimitExceeded", "message": "slow down"}, headers=headers
    )
    run = await once(source, cursor, clock=clock)
    await source.close()
    assert len(run.ids) == 1
    assert bluesky_fake.times(SEARCH)[1:]
    assert all(t >= reset for t in bluesky_fake.times(SEARCH)[1:])


async def test_errors_and_malformed_bodies_then_recovery(bluesky_fake, clock) -> None:
    source = _source(bluesky_fake, clock, query="")
    cursor = await started(source, clock)
    bluesky_fake.mention("still here")
    bluesky_fake.fail(NOTIFICATIONS, 500, {"error": "InternalServerError", "message": "x"})
    bluesky_fake.fail(NOTIFICATIONS, 200, body="<html>oops</html>", content_type="text/html")
    bluesky_fake.fail(NOTIFICATIONS, 200, body='{"notifications": [{"ur')
    bluesky_fake.fail(NOTIFICATIONS, 200, {"error": "InternalError", "message": "x"})
    run = await once(source, cursor, clock=clock)
    await source.close()
    assert len(run.ids) == 1
    assert len(clock.slept) == 4


async def test_restart_resume_without_duplicates(bluesky_fake, clock) -> None:
    bluesky_fake.mention("seed")
    source = _source(bluesky_fake, clock, query="")
    seed = await once(source, clock=clock)
    clock.advance(1)
    new = [bluesky_fake.mention(f"m{i}")["uri"] for i in range(9)]
    first = await source.poll(seed.cursor)
    await source.close()
    restarted = _source(bluesky_fake, clock, query="")
    rest = await once(restarted, first.cursor, clock=clock)
    await restarted.close()
    got = [m.external_id for m in first.mentions] + rest.ids
    assert sorted(got) == sorted(new)


async def test_duplicate_between_search_and_notifications(bluesky_fake, clock) -> None:
    source = _source(bluesky_fake, clock)
    cursor = await started(source, clock)
    view = bluesky_fake.mention("@lumora dup")
    bluesky_fake.posts.append(view)
    run = await once(source, cursor, clock=clock)
    await source.close()
    assert run.ids == [view["uri"]]


async def test_bad_app_password_is_fatal(bluesky_fake, clock) -> None:
    error = {"error": "AuthenticationRequired", "message": "Invalid identifier or password"}
    bluesky_fake.fail(SESSION, 401, error, method="POST")
    bluesky_fake.fail(SESSION, 401, error, method="POST")
    source = _source(bluesky_fake, clock)
    run = await once(source, clock=clock)
    status = await source.check()
    await source.close()
    assert run.batches == 0
    assert not status.ok
    assert "app password" in status.detail


async def test_a_post_indexed_late_is_still_read(bluesky_fake, clock) -> None:
    source = _source(bluesky_fake, clock)
    cursor = await started(source, clock)
    first = bluesky_fake.hit("lumora first")
    run = await once(source, cursor, clock=clock)
    clock.advance(60)
    # Written before the newest post we read, indexed only now: search lags.
    late = bluesky_fake.hit("lumora late", created_at=clock() - timedelta(seconds=90))
    again = await once(source, run.cursor, clock=clock)
    await source.close()
    assert again.ids == [late["uri"]]  # and the first one is not read twice
    assert first["uri"] in run.ids


async def test_first_run_skips_history_then_reads_what_comes_next(bluesky_fake, clock) -> None:
    bluesky_fake.hit("lumora old post")
    bluesky_fake.mention("@lumora.bsky.social old mention")
    source = _source(bluesky_fake, clock)
    first = await once(source, clock=clock)
    clock.advance(60)
    new = bluesky_fake.mention("@lumora.bsky.social my lamp broke")
    again = await once(source, first.cursor, clock=clock)
    await source.close()
    assert (first.ids, again.ids) == ([], [new["uri"]])
    assert set(json.loads(first.cursor or "{}")["ep"]) == {"search", "mentions"}


async def test_an_empty_first_read_still_pages_through_the_next_burst(bluesky_fake, clock) -> None:
    source = _source(bluesky_fake, clock)  # search and mentions, pages of 5
    cursor = await started(source, clock)  # a quiet brand: the first read finds nothing
    clock.advance(30)
    backdated = bluesky_fake.hit("lumora, dated an hour ago", created_at=clock() - HOUR)
    hits = [bluesky_fake.hit(f"lumora {n}")["uri"] for n in range(12)]
    notes = [bluesky_fake.mention(f"@lumora.bsky.social {n}")["uri"] for n in range(12)]
    run = await once(source, cursor, clock=clock)
    await source.close()
    assert sorted(run.ids) == sorted(hits + notes)  # none missed, none twice
    assert backdated["uri"] not in run.ids  # searchPosts dates it before "now"


async def test_a_post_written_long_before_it_was_indexed_is_not_skipped(
    bluesky_fake, clock
) -> None:
    source = _source(bluesky_fake, clock)
    cursor = await started(source, clock)
    start = clock()
    clock.advance(30 * 60)
    # An indexer backlog: both written well before they became searchable, the second one
    # after we read the first. searchPosts dates each by createdAt (its sortAt), not by
    # indexedAt: a `since` taken from the first's indexedAt would leave out the second.
    lagging = bluesky_fake.hit("lumora one", created_at=start + 15 * MINUTE)
    run = await once(source, cursor, clock=clock)
    clock.advance(60)
    later = bluesky_fake.hit("lumora two", created_at=start + 17 * MINUTE)
    again = await once(source, run.cursor, clock=clock)
    await source.close()
    assert run.ids == [lagging["uri"]]
    assert again.ids == [later["uri"]]  # the first is read again only to be dropped: seen


async def test_times_are_compared_as_times_not_strings(bluesky_fake, clock) -> None:
    source = _source(bluesky_fake, clock)
    cursor = await started(source, clock)
    clock.advance(30 * 60)
    at = clock().replace(microsecond=0) - 5 * MINUTE
    whole = bluesky_fake.hit("lumora, written on the second", created_at=at)
    whole["record"]["createdAt"] = at.strftime("%Y-%m-%dT%H:%M:%SZ")  # no milliseconds
    bluesky_fake.hit("lumora, half a second later", created_at=at + timedelta(milliseconds=500))
    run = await once(source, cursor, clock=clock)
    await source.close()
    since = json.loads(run.cursor or "{}")["ep"]["search"]["since"]
    assert len(run.ids) == 2
    assert since == at.strftime("%Y-%m-%dT%H:%M:%S.500Z")  # "…:00Z" sorts later as a string
