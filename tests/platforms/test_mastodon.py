"""MastodonSource through Mastodon.py against the fake Mastodon server."""

from __future__ import annotations

import json
import logging
from datetime import datetime, timedelta

import pytest

from listener.mastodon import MastodonSource
from mentiondesk.models import RateLimited
from mentiondesk.models.mastodon import build_mastodon
from tests.fakes.mastodon import NOTIFICATIONS, SEARCH, MastodonFake
from tests.platforms.helpers import FakeClock, once, started

TAG = "/api/v1/timelines/tag/lumora"
HOUR = timedelta(hours=1)
SECOND = timedelta(seconds=1)


def _source(fake, clock: FakeClock, query: str = "#lumora", size: int = 5) -> MastodonSource:
    api = build_mastodon(fake.base_url, "tok")
    return MastodonSource(name="mastodon", api=api, query=query, page_size=size, clock=clock)


def notifications_limited_until(fake: MastodonFake, reset: datetime) -> None:
    """The next notifications request answers 429, the account's window reset at `reset`."""
    headers = {
        "X-RateLimit-Limit": "300",
        "X-RateLimit-Remaining": "0",
        "X-RateLimit-Reset": reset.strftime("%Y-%m-%dT%H:%M:%S.000Z"),
    }
    fake.fail(NOTIFICATIONS, 429, {"error": "Too many requests"}, headers=headers)


async def test_first_poll_reads_mentions_and_hashtag(mastodon_fake, clock) -> None:
    source = _source(mastodon_fake, clock)
    cursor = await started(source, clock)
    hostile = "@lumora the lamp & cable <script>alert('x')</script>\nbroke &amp; \"dead\""
    m = mastodon_fake.mention(hostile, author="dan", lang="de")
    h = mastodon_fake.hit("love #lumora")
    run = await once(source, cursor, clock=clock)
    await source.close()
    by_id = {x.external_id: x for x in run.mentions}
    assert set(by_id) == {m["id"], h["id"]}
    # Mastodon sends the text escaped in its HTML; what people typed comes back as typed.
    assert "&lt;script&gt;alert(&#39;x&#39;)" in m["content"] and "<br />" in m["content"]
    assert by_id[m["id"]].text == hostile
    assert (by_id[m["id"]].lang, by_id[m["id"]].author.handle) == ("de", "dan@remote.test")
    call = mastodon_fake.api.calls(NOTIFICATIONS)[0]
    assert call.query.getall("types[]") == ["mention", "quote", "update"]
    assert call.headers["Authorization"] == "Bearer tok"


async def test_incremental_and_multi_page_with_min_id(mastodon_fake, clock) -> None:
    mastodon_fake.mention("first")
    source = _source(mastodon_fake, clock, query="")
    run = await once(source, clock=clock)
    new = [mastodon_fake.mention(f"n{i}")["id"] for i in range(12)]
    again = await once(source, run.cursor, clock=clock)
    await source.close()
    assert sorted(again.ids) == sorted(new)
    assert len(mastodon_fake.api.calls(NOTIFICATIONS)) == 1 + 3
    assert "min_id" in mastodon_fake.api.calls(NOTIFICATIONS)[1].query


async def test_rate_limit_waits_until_reset(mastodon_fake, clock) -> None:
    source = _source(mastodon_fake, clock, query="")
    cursor = await started(source, clock)
    mastodon_fake.mention("hello")
    reset = clock() + timedelta(seconds=30)
    notifications_limited_until(mastodon_fake, reset)
    run = await once(source, cursor, clock=clock)
    await source.close()
    assert len(run.ids) == 1
    assert all(t >= reset for t in mastodon_fake.times(NOTIFICATIONS)[1:])


async def test_errors_and_malformed_bodies_then_recovery(mastodon_fake, clock) -> None:
    source = _source(mastodon_fake, clock)
    cursor = await started(source, clock)
    mastodon_fake.hit("#lumora ok")
    mastodon_fake.fail(TAG, 503, {"error": "unavailable"})
    mastodon_fake.fail(TAG, 200, body="<html>maintenance</html>", content_type="text/html")
    mastodon_fake.fail(TAG, 200, body='[{"id": "1", "cont')
    mastodon_fake.fail(TAG, 200, {"error": "Record not found"})
    run = await once(source, cursor, clock=clock)
    await source.close()
    assert len(run.ids) == 1
    assert len(clock.slept) == 4


async def test_restart_resume_and_deleted_status(mastodon_fake, clock) -> None:
    mastodon_fake.mention("seed")
    source = _source(mastodon_fake, clock, query="")
    seed = await once(source, clock=clock)
    ids = [mastodon_fake.mention(f"m{i}")["id"] for i in range(8)]
    mastodon_fake.notifications[-1]["status"] = None  # deleted after notifying
    first = await source.poll(seed.cursor)
    await source.close()
    restarted = _source(mastodon_fake, clock, query="")
    rest = await once(restarted, first.cursor, clock=clock)
    await restarted.close()
    got = [m.external_id for m in first.mentions] + rest.ids
    assert sorted(got) == sorted(ids[:-1])


async def test_duplicate_between_mentions_and_hashtag(mastodon_fake, clock) -> None:
    source = _source(mastodon_fake, clock)
    cursor = await started(source, clock)
    status = mastodon_fake.mention("@lumora #lumora twice")
    mastodon_fake.search_hits.append(status)
    run = await once(source, cursor, clock=clock)
    await source.close()
    assert run.ids == [status["id"]]


async def test_bad_token_is_fatal(mastodon_fake, clock) -> None:
    mastodon_fake.fail(NOTIFICATIONS, 401, {"error": "The access token is invalid"})
    mastodon_fake.fail("/api/v1/accounts/verify_credentials", 401, {"error": "invalid"})
    source = _source(mastodon_fake, clock, query="")
    run = await once(source, clock=clock)
    status = await source.check()
    await source.close()
    assert run.batches == 0
    assert not status.ok
    assert "token" in status.detail


async def test_first_run_skips_history_then_reads_what_comes_next(mastodon_fake, clock) -> None:
    for n in range(3):
        mastodon_fake.mention(f"old {n}")
    source = _source(mastodon_fake, clock, query="")
    first = await once(source, clock=clock)
    new = mastodon_fake.mention("my lamp broke")
    again = await once(source, first.cursor, clock=clock)
    await source.close()
    assert (first.ids, again.ids) == ([], [new["id"]])
    assert json.loads(first.cursor or "{}")["ep"]["mentions"]["min"]  # the newest notification


async def test_a_burst_of_search_hits_is_read_in_full_once_oldest_first(
    mastodon_fake, clock
) -> None:
    source = _source(mastodon_fake, clock, query="lumora lamp", size=80)
    cursor = await started(source, clock)
    burst = [mastodon_fake.hit(f"lumora lamp {n}")["id"] for n in range(55)]
    run = await once(source, cursor, clock=clock)
    later = mastodon_fake.hit("lumora lamp again")["id"]
    again = await once(source, run.cursor, clock=clock)
    await source.close()
    assert run.ids == burst  # more than a page (40) between polls: none lost, none twice
    assert json.loads(run.cursor or "{}")["ep"]["search"]["min"] == burst[-1]
    assert again.ids == [later]
    calls = mastodon_fake.api.calls(SEARCH)
    # Search's most, not 80; the next poll reads the 10 minutes before the newest again.
    assert [c.query.get("limit") for c in calls] == ["40"] * 5
    assert [c.query.get("offset") for c in calls[1:3]] == [None, "40"]


async def test_search_reads_at_most_ten_pages_a_poll_and_says_so(
    mastodon_fake, clock, caplog
) -> None:
    source = _source(mastodon_fake, clock, query="lumora lamp", size=40)
    cursor = await started(source, clock)
    burst = [mastodon_fake.hit(f"lumora lamp {n}")["id"] for n in range(405)]
    with caplog.at_level(logging.WARNING, logger="listener.mastodon"):
        run = await once(source, cursor, clock=clock)
    await source.close()
    assert run.ids == burst[5:]  # the 400 newest; the 5 oldest are past the cap
    assert json.loads(run.cursor or "{}")["ep"]["search"]["min"] == burst[-1]
    assert len(mastodon_fake.api.calls(SEARCH)) == 1 + 10
    assert "more than 400" in caplog.text


async def test_a_hashtag_burst_pages_at_the_timelines_limit(mastodon_fake, clock) -> None:
    # page_size may be 80 (what notifications take); a hashtag timeline sends 40 at most, so
    # asking for 80 and waiting for a full page of 80 would leave the rest for later polls.
    mastodon_fake.hit("#lumora before")  # the first poll's place in the timeline
    source = _source(mastodon_fake, clock, size=80)
    cursor = await started(source, clock)
    hits = [mastodon_fake.hit(f"#lumora n{i}")["id"] for i in range(45)]
    run = await once(source, cursor, clock=clock)
    await source.close()
    assert sorted(run.ids, key=int) == hits
    tag_calls = [c for c in mastodon_fake.api.calls() if "/timelines/tag/" in c.path]
    assert {c.query["limit"] for c in tag_calls} == {"40"}


async def test_an_empty_first_read_still_pages_through_the_next_burst(mastodon_fake, clock) -> None:
    source = _source(mastodon_fake, clock)  # mentions and #lumora, pages of 5
    cursor = await started(source, clock)  # a quiet brand: the first read finds nothing
    clock.advance(30)
    federated_late = mastodon_fake.hit("#lumora an hour ago", created_at=clock() - HOUR)
    mentions = [mastodon_fake.mention(f"@lumora m{n}")["id"] for n in range(12)]
    hits = [mastodon_fake.hit(f"#lumora h{n}")["id"] for n in range(12)]
    run = await once(source, cursor, clock=clock)
    await source.close()
    assert sorted(run.ids) == sorted(mentions + hits)  # none missed, none twice
    assert federated_late["id"] not in run.ids  # its id says it was posted before "now"


async def test_an_empty_first_search_reads_from_now_not_from_the_start(
    mastodon_fake, clock
) -> None:
    source = _source(mastodon_fake, clock, query="lumora lamp", size=40)
    cursor = await started(source, clock)
    clock.advance(30)
    mastodon_fake.hit("lumora lamp, an old post found late", created_at=clock() - HOUR)
    burst = [mastodon_fake.hit(f"lumora lamp {n}")["id"] for n in range(45)]
    run = await once(source, cursor, clock=clock)
    await source.close()
    assert run.ids == burst


async def test_a_429_whose_reset_is_past_by_the_sources_clock_waits_the_default(
    mastodon_fake, clock
) -> None:
    source = _source(mastodon_fake, clock, query="")
    cursor = await started(source, clock)
    real_now = clock()
    clock.advance(3600)  # the source's clock, not the wall clock, says when a reset is past
    headers = {
        "X-RateLimit-Limit": "300",
        "X-RateLimit-Remaining": "0",
        "X-RateLimit-Reset": (real_now + timedelta(seconds=30)).strftime("%Y-%m-%dT%H:%M:%SZ"),
    }
    mastodon_fake.fail(NOTIFICATIONS, 429, {"error": "Too many requests"}, headers=headers)
    with pytest.raises(RateLimited) as raised:
        await source.poll(cursor)
    await source.close()
    assert raised.value.until == clock() + timedelta(seconds=60)


@pytest.mark.parametrize("query", ["#lumora", "lumora lamp"])
async def test_a_status_federated_after_a_newer_one_was_read_is_read(
    mastodon_fake, clock, query
) -> None:
    source = _source(mastodon_fake, clock, query=query, size=40)
    cursor = await started(source, clock)
    clock.advance(60)
    local = mastodon_fake.hit("#lumora lumora lamp, posted here")
    run = await once(source, cursor, clock=clock)
    clock.advance(10)
    # Written on its server 5 s before the local one, it reaches us 10 s after that was read:
    # its id (its own time's) is below the cursor's.
    late = mastodon_fake.hit("#lumora lumora lamp, federated", created_at=clock() - 15 * SECOND)
    again = await once(source, run.cursor, clock=clock)
    clock.advance(60)
    third = await once(source, again.cursor, clock=clock)
    await source.close()
    assert (run.ids, again.ids, third.ids) == ([local["id"]], [late["id"]], [])  # none twice
    assert json.loads(third.cursor or "{}")["ep"]["search"] == {"min": local["id"]}
    last = mastodon_fake.api.calls(TAG if query == "#lumora" else SEARCH)[-1]
    ten_minutes = 10 * 60 * 1000  # in a status id's milliseconds
    assert int(last.query["min_id"]) == (int(local["id"]) >> 16) - ten_minutes << 16


@pytest.mark.parametrize("query", ["#lumora", "lumora lamp"])
async def test_history_before_the_first_read_stays_history(mastodon_fake, clock, query) -> None:
    """The first read takes one page and hands nothing over; the look-back of the next must
    not reach the older statuses that did not fit in it (they were posted before we started)."""
    old = [
        mastodon_fake.hit(
            f"#lumora lumora lamp old {n}", created_at=clock() - timedelta(seconds=30 * (8 - n))
        )
        for n in range(8)
    ]
    source = _source(mastodon_fake, clock, query=query, size=5)
    first = await once(source, clock=clock)
    clock.advance(60)
    late = mastodon_fake.hit("#lumora lumora lamp new", created_at=clock() - timedelta(seconds=5))
    again = await once(source, first.cursor, clock=clock)
    clock.advance(11 * 60)
    newer = mastodon_fake.hit("#lumora lumora lamp newer", created_at=clock())
    later = await once(source, again.cursor, clock=clock)  # its look-back passed the floor
    await source.close()
    assert first.ids == [] and again.ids == [late["id"]] and later.ids == [newer["id"]]
    assert all(s["id"] not in again.ids for s in old)
    assert "floor" in json.loads(again.cursor)["ep"]["search"]
    assert "floor" not in json.loads(later.cursor)["ep"]["search"]
