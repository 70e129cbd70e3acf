"""XSource through tweepy against the fake X API."""

from __future__ import annotations

import json
from datetime import timedelta

from listener._cursor_state import digest
from listener.x import XSource
from tests.fakes.x import MENTIONS, SEARCH, problem
from tests.platforms.helpers import FakeClock, once, started


def _source(fake, clock: FakeClock, **kw) -> XSource:
    options = {"query": "lumora", "username": "lumora", "page_size": 10} | kw
    return XSource(name="x", bearer_token="tok", base_url=fake.base_url, clock=clock, **options)


async def test_first_poll_reads_search_and_mentions_with_authors(x_fake, clock) -> None:
    source = _source(x_fake, clock)
    cursor = await started(source, clock)
    x_fake.publish("@lumora my order is late", author="bob", followers=1200, search=False)
    x_fake.publish("lumora lamps are great", author="carol", mention=False, lang="pt")
    run = await once(source, cursor, clock=clock)
    await source.close()
    by_text = {m.text: m for m in run.mentions}
    assert set(by_text) == {"@lumora my order is late", "lumora lamps are great"}
    bob = by_text["@lumora my order is late"]
    assert (bob.author.handle, bob.author.followers, bob.platform) == ("bob", 1200, "x")
    assert by_text["lumora lamps are great"].lang == "pt"
    assert x_fake.api.calls(SEARCH)[0].headers["Authorization"] == "Bearer tok"


async def test_incremental_poll_sends_since_id_and_returns_only_new(x_fake, clock) -> None:
    first = x_fake.publish("lumora one")
    source = _source(x_fake, clock)
    run = await once(source)
    x_fake.publish("lumora two")
    again = await once(source, run.cursor, clock=clock)
    await source.close()
    assert again.ids == [x_fake.tweets[-1]["id"]]
    assert x_fake.api.calls(SEARCH)[-1].query["since_id"] == first["id"]


async def test_pages_until_caught_up(x_fake, clock) -> None:
    source = _source(x_fake, clock, username=None)
    cursor = await started(source, clock)
    for n in range(25):
        x_fake.publish(f"lumora {n}", mention=False)
    run = await once(source, cursor, clock=clock)
    await source.close()
    assert len(run.ids) == 25
    assert len(set(run.ids)) == 25
    assert len(x_fake.api.calls(SEARCH)) == 1 + 3
    assert "next_token" in x_fake.api.calls(SEARCH)[2].query


async def test_rate_limit_is_honoured_per_endpoint(x_fake, clock) -> None:
    source = _source(x_fake, clock)
    cursor = await started(source, clock)
    x_fake.publish("@lumora hello")
    reset = clock() + timedelta(seconds=45)
    headers = {"x-rate-limit-remaining": "0", "x-rate-limit-reset": str(int(reset.timestamp()))}
    x_fake.fail(MENTIONS, 429, problem(429, "Too Many Requests"), headers=headers)
    run = await once(source, cursor, clock=clock)
    await source.close()
    assert run.ids == [x_fake.tweets[0]["id"]]
    assert all(when >= reset for when in x_fake.times(MENTIONS)[1:])  # none before reset
    assert x_fake.times(MENTIONS)[1:], "the mentions endpoint was read again after the reset"


async def test_rate_limit_without_reset_header_waits_a_minute(x_fake, clock) -> None:
    source = _source(x_fake, clock)
    cursor = await started(source, clock)
    x_fake.publish("@lumora hello", search=False)
    x_fake.fail(MENTIONS, 429, problem(429, "Too Many Requests"))  # no x-rate-limit-reset
    refused_at = clock()
    run = await once(source, cursor, clock=clock)
    await source.close()
    assert run.ids == [x_fake.tweets[0]["id"]]
    again = x_fake.times(MENTIONS)[1:]  # after the started() read (the refusal is not timed)
    assert again, "the mentions endpoint was read again"
    assert all(when >= refused_at + timedelta(seconds=60) for when in again)


async def test_long_rate_limit_skips_endpoint_and_keeps_cursor(x_fake, clock) -> None:
    source = _source(x_fake, clock)
    cursor = await started(source, clock)
    x_fake.publish("@lumora hello", search=False)
    reset = clock() + timedelta(minutes=15)
    headers = {"x-rate-limit-reset": str(int(reset.timestamp()))}
    x_fake.fail(MENTIONS, 429, problem(429, "Too Many Requests"), headers=headers)
    run = await once(source, cursor, clock=clock)
    assert run.ids == []
    assert x_fake.times(MENTIONS)[1:] == []
    clock.advance(16 * 60)
    later = await once(source, run.cursor, clock=clock)
    await source.close()
    assert later.ids == [x_fake.tweets[0]["id"]]


async def test_two_limits_at_once_wait_for_the_sooner(x_fake, clock) -> None:
    # Search limited for 20 s, mentions for 15 min in one poll: the 20 s are waited out (a
    # short wait) and search read; the later refusal's 15 min gave the whole source up.
    source = _source(x_fake, clock)
    cursor = await started(source, clock)
    x_fake.publish("lumora lamps are great", author="carol", mention=False)
    for path, wait in ((SEARCH, 20), (MENTIONS, 900)):
        reset = int((clock() + timedelta(seconds=wait)).timestamp())
        headers = {"x-rate-limit-remaining": "0", "x-rate-limit-reset": str(reset)}
        x_fake.fail(path, 429, problem(429, "Too Many Requests"), headers=headers)
    run = await once(source, cursor, clock=clock)
    await source.close()
    assert [m.text for m in run.mentions] == ["lumora lamps are great"]


async def test_server_error_then_recovery(x_fake, clock) -> None:
    source = _source(x_fake, clock, username=None)
    cursor = await started(source, clock)
    x_fake.publish("lumora up again", mention=False)
    x_fake.fail(SEARCH, 503, problem(503, "Service Unavailable"))
    run = await once(source, cursor, clock=clock)
    await source.close()
    assert len(run.ids) == 1
    assert clock.slept, "backed off (on the fake clock) then recovered"


async def test_malformed_bodies_are_retried_not_fatal(x_fake, clock) -> None:
    source = _source(x_fake, clock, username=None)
    cursor = await started(source, clock)
    x_fake.publish("lumora survives", mention=False)
    x_fake.fail(SEARCH, 200, body="<html>oops</html>", content_type="text/html")
    x_fake.fail(SEARCH, 200, body='{"data": [{"id": "1", "te', content_type="application/json")
    x_fake.fail(SEARCH, 200, {"errors": [{"title": "Service Unavailable"}]})
    x_fake.fail(SEARCH, 502, body="<html>bad gateway</html>", content_type="text/html")
    run = await once(source, cursor, clock=clock)
    await source.close()
    assert len(run.ids) == 1
    assert len(clock.slept) == 4


async def test_bad_credentials_stop_the_source(x_fake, clock) -> None:
    x_fake.fail(SEARCH, 401, problem(401, "Unauthorized"))
    x_fake.fail(SEARCH, 401, problem(401, "Unauthorized"))
    source = _source(x_fake, clock, username=None)
    run = await once(source, clock=clock)
    status = await source.check()
    await source.close()
    assert run.batches == 0
    assert len(x_fake.api.calls(SEARCH)) == 2
    assert not status.ok
    assert "bearer token" in status.detail


async def test_restart_resumes_mid_paging_without_duplicates(x_fake, clock) -> None:
    source = _source(x_fake, clock, username=None)
    cursor = await started(source, clock)
    for n in range(15):
        x_fake.publish(f"lumora {n}", mention=False)
    first_page = await source.poll(cursor)  # then the process dies
    await source.close()
    restarted = _source(x_fake, clock, username=None)
    rest = await once(restarted, first_page.cursor, clock=clock)
    await restarted.close()
    ids = [m.external_id for m in first_page.mentions] + rest.ids
    assert sorted(ids) == sorted(t["id"] for t in x_fake.tweets)


async def test_duplicates_and_edits_are_suppressed(x_fake, clock) -> None:
    source = _source(x_fake, clock)
    cursor = await started(source, clock)
    tweet = x_fake.publish("@lumora hi")  # in search and in mentions
    edited = x_fake.publish("@lumora hi (edited)")  # both versions on one page: the latest
    edited["edit_history_tweet_ids"] = [tweet["id"], edited["id"]]
    run = await once(source, cursor, clock=clock)
    await source.close()
    assert [(m.external_id, m.edit_id, m.text) for m in run.mentions] == [
        (tweet["id"], edited["id"], "@lumora hi (edited)")
    ]
    assert json.loads(run.cursor or "{}")["seen"] == [digest(edited["id"])]


async def test_an_edit_after_the_post_was_read_comes_again_once(x_fake, clock) -> None:
    source = _source(x_fake, clock)
    cursor = await started(source, clock)
    tweet = x_fake.publish("@lumora my lamp is brken", author="bob")  # search and mentions
    first = await once(source, cursor, clock=clock)
    edited = x_fake.edit(tweet, "@lumora my lamp is broken")
    clock.advance(60)
    again = await once(source, first.cursor, clock=clock)
    clock.advance(60)
    after = await once(source, again.cursor, clock=clock)
    await source.close()
    assert [(m.external_id, m.edit_id) for m in first.mentions] == [(tweet["id"], None)]
    (edit,) = again.mentions  # one, though both endpoints serve it
    assert (edit.external_id, edit.edit_id, edit.text) == (
        tweet["id"],
        edited["id"],
        "@lumora my lamp is broken",
    )
    assert edit.url.endswith(f"/status/{edited['id']}")
    assert after.mentions == []
    asked = x_fake.api.calls(MENTIONS)[-1].query["tweet.fields"].split(",")
    assert "edit_history_tweet_ids" in asked


async def test_exhausted_window_blocks_endpoint_before_any_429(x_fake, clock) -> None:
    x_fake.window.limit = 1  # the first answer says remaining 0, reset in 15 minutes
    x_fake.publish("@lumora one")
    source = _source(x_fake, clock)
    run = await once(source, clock=clock)
    clock.advance(60)
    x_fake.publish("@lumora two")
    later = await once(source, run.cursor, clock=clock)
    await source.close()
    assert len(x_fake.api.calls(SEARCH)) == 1  # not called again before its reset
    assert len(x_fake.api.calls(MENTIONS)) == 1  # also exhausted after one call
    assert later.ids == []
    assert "blocked until" in source.endpoints.describe()


async def test_tweet_deleted_between_pages_is_skipped(x_fake, clock) -> None:
    source = _source(x_fake, clock, username=None)
    cursor = await started(source, clock)
    tweets = [x_fake.publish(f"lumora {n}", mention=False) for n in range(15)]
    first = await source.poll(cursor)
    x_fake.delete(tweets[0]["id"])  # on the second page, deleted meanwhile
    rest = await once(source, first.cursor, clock=clock)
    await source.close()
    ids = {m.external_id for m in first.mentions} | set(rest.ids)
    assert ids == {t["id"] for t in tweets[1:]}


async def test_a_since_id_older_than_search_keeps_restarts_from_its_oldest(x_fake, clock) -> None:
    source = _source(x_fake, clock)
    cursor = await started(source, clock)
    # Down for eight days: recent search refuses the saved since_id (400); the source reads
    # what search still has instead of stopping for good, and mentions keep their position.
    old = x_fake.publish("@lumora before the outage")
    run = await once(source, cursor, clock=clock)
    assert run.ids == [old["id"]]
    clock.advance(8 * 86_400)
    fresh = x_fake.publish("lumora after the outage", mention=False)
    again = await once(source, run.cursor, clock=clock)
    await source.close()
    assert again.ids == [fresh["id"]]
    refused, retried = x_fake.api.calls(SEARCH)[-2:]
    assert refused.query["since_id"] == old["id"] and "since_id" not in retried.query
    assert x_fake.api.calls(MENTIONS)[-1].query["since_id"] == old["id"]
    assert json.loads(again.cursor)["ep"]["search"]["since"] == fresh["id"]


async def test_first_run_skips_history_then_reads_what_comes_next(x_fake, clock) -> None:
    old = [x_fake.publish(f"@lumora old {n}") for n in range(25)]  # three pages back
    source = _source(x_fake, clock)
    first = await once(source, clock=clock)
    new = x_fake.publish("@lumora my lamp broke", search=False)
    again = await once(source, first.cursor, clock=clock)
    await source.close()
    assert (first.ids, again.ids) == ([], [new["id"]])
    assert len(x_fake.api.calls(SEARCH)) == 2  # the first run did not page back
    assert json.loads(first.cursor or "{}")["ep"]["mentions"] == {"since": old[-1]["id"]}
