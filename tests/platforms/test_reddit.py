"""RedditSource through asyncpraw against the fake Reddit."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from listener._cursor_state import digest
from listener.reddit import RedditSource
from mentiondesk.models import FatalError
from tests.fakes.reddit import MENTIONS, TOKEN, search_path
from tests.platforms.helpers import FakeClock, once, reddit_source, started

SEARCH = search_path()
HOUR = timedelta(hours=1)


def _source(fake, clock: FakeClock, *, inbox: bool = True, **kw) -> RedditSource:
    options = {"query": "lumora", "subreddits": ["all"], "page_size": 10} | kw
    login = "lumora_bot" if inbox else None
    return reddit_source(fake.base_url, clock, login=login, inbox=inbox, **options)


async def test_first_run_skips_what_is_already_there(reddit_fake, clock) -> None:
    ago = [clock() - timedelta(seconds=n) for n in range(23, 0, -1)]  # beyond the first page
    old = [reddit_fake.submit("lumora old", created_at=when) for when in ago]
    old_mention = reddit_fake.mention("u/lumora_bot from last year")
    source = _source(reddit_fake, clock)
    first = await once(source, clock=clock)
    clock.advance(30)
    new = reddit_fake.mention("u/lumora_bot help please")
    run = await once(source, first.cursor, clock=clock)
    await source.close()
    assert first.ids == []
    assert run.ids == [new["data"]["name"]]
    assert len(reddit_fake.api.calls(SEARCH)) == 2  # one page to find "now", no paging back
    seen = json.loads(first.cursor or "{}")["seen"]
    assert digest(old_mention["data"]["name"]) in seen and digest(old[-1]["data"]["name"]) in seen


async def test_first_run_records_the_newest_time_as_the_watermark(reddit_fake, clock) -> None:
    old = reddit_fake.submit("lumora long ago", created_at=clock() - timedelta(days=400))
    source = _source(reddit_fake, clock, inbox=False)
    first = await once(source, clock=clock)
    new = reddit_fake.submit("lumora today")
    again = await once(source, first.cursor, clock=clock)
    await source.close()
    when = old["data"]["created_utc"]
    assert json.loads(first.cursor or "{}")["ep"]["search"] == {"wm": when, "floor": when}
    assert again.ids == [new["data"]["name"]]


async def test_a_poll_after_the_first_reads_search_and_inbox(reddit_fake, clock) -> None:
    source = _source(reddit_fake, clock)
    cursor = await started(source, clock)
    post = reddit_fake.submit("Lumora lamp broke", body="after two days", author="dave")
    mention = reddit_fake.mention("u/lumora_bot help please", author="erin")
    run = await once(source, cursor, clock=clock)
    await source.close()
    by_id = {m.external_id: m for m in run.mentions}
    assert set(by_id) == {post["data"]["name"], mention["data"]["name"]}
    assert by_id[post["data"]["name"]].text == "Lumora lamp broke\n\nafter two days"
    assert by_id[mention["data"]["name"]].thread_id == "t3_abc"
    token = reddit_fake.api.calls(TOKEN)[0]
    assert "grant_type=password" in token.body.decode()
    assert reddit_fake.api.calls(SEARCH)[0].headers["Authorization"] == "bearer reddit-token"


async def test_incremental_poll_returns_only_new(reddit_fake, clock) -> None:
    reddit_fake.submit("lumora one")
    source = _source(reddit_fake, clock, inbox=False)
    run = await once(source, clock=clock)
    clock.advance(30)
    new = reddit_fake.submit("lumora two")
    again = await once(source, run.cursor, clock=clock)
    await source.close()
    assert again.ids == [new["data"]["name"]]


async def test_pages_with_after_until_caught_up(reddit_fake, clock) -> None:
    source = _source(reddit_fake, clock, inbox=False)
    cursor = await started(source, clock)
    for n in range(23):
        clock.advance(1)
        reddit_fake.submit(f"lumora {n}")
    run = await once(source, cursor, clock=clock)
    await source.close()
    assert len(set(run.ids)) == 23
    assert reddit_fake.api.calls(SEARCH)[1].query.get("after") is None
    assert len(reddit_fake.api.calls(SEARCH)) == 4


async def test_a_post_removed_while_paging_loses_no_older_post(reddit_fake, clock) -> None:
    source = _source(reddit_fake, clock, inbox=False)
    cursor = await started(source, clock)
    posts = []
    for n in range(25):  # more than a page (10) since the last poll, one a minute
        clock.advance(60)
        posts.append(reddit_fake.submit(f"lumora {n}"))
    first = await source.poll(cursor)  # the newest page: `after` names its oldest post
    anchor = posts[-10]["data"]["name"]
    assert json.loads(first.cursor or "{}")["ep"]["search"]["after"] == anchor
    reddit_fake.search_items.remove(posts[-10])  # by its author or a moderator
    rest = await once(source, first.cursor, clock=clock)  # Reddit lists none after it
    clock.advance(60)
    later = await once(source, rest.cursor, clock=clock)  # the next poll, from the top
    await source.close()
    assert rest.ids == []
    read = [m.external_id for m in first.mentions] + later.ids
    assert sorted(read) == sorted(p["data"]["name"] for p in posts)  # none lost, none twice


async def test_rate_limit_waits_for_reset(reddit_fake, clock) -> None:
    source = _source(reddit_fake, clock)
    cursor = await started(source, clock)
    reddit_fake.mention("u/lumora_bot hi")
    headers = {"x-ratelimit-used": "600", "x-ratelimit-remaining": "0", "x-ratelimit-reset": "40"}
    reddit_fake.fail(MENTIONS, 429, {"message": "Too Many Requests", "error": 429}, headers=headers)
    reset = clock() + timedelta(seconds=40)
    run = await once(source, cursor, clock=clock)
    await source.close()
    assert len(run.ids) == 1
    assert reddit_fake.times(MENTIONS)[1:]
    assert all(t >= reset for t in reddit_fake.times(MENTIONS)[1:])


async def test_server_error_html_and_error_payload_then_recovery(reddit_fake, clock) -> None:
    source = _source(reddit_fake, clock, inbox=False)
    cursor = await started(source, clock)
    reddit_fake.submit("lumora fine")
    reddit_fake.fail(SEARCH, 500, body="<html>500</html>", content_type="text/html")
    reddit_fake.fail(SEARCH, 200, body="<html>cdn error</html>", content_type="text/html")
    reddit_fake.fail(SEARCH, 200, body='{"kind": "Listing", "data": {"chil')
    reddit_fake.fail(SEARCH, 200, {"error": 500, "message": "Internal Server Error"})
    run = await once(source, cursor, clock=clock)
    await source.close()
    assert len(run.ids) == 1
    assert len(clock.slept) == 4


async def test_restart_resume_and_deleted_items(reddit_fake, clock) -> None:
    source = _source(reddit_fake, clock, inbox=False)
    cursor = await started(source, clock)
    for n in range(12):
        clock.advance(1)
        reddit_fake.submit(f"lumora {n}")
    gone = reddit_fake.submit("lumora gone", author="[deleted]")
    first = await source.poll(cursor)
    await source.close()
    restarted = _source(reddit_fake, clock, inbox=False)
    rest = await once(restarted, first.cursor, clock=clock)
    await restarted.close()
    ids = [m.external_id for m in first.mentions] + rest.ids
    assert len(ids) == len(set(ids)) == 12
    assert gone["data"]["name"] not in ids


async def test_duplicate_items_across_pages_suppressed(reddit_fake, clock) -> None:
    source = _source(reddit_fake, clock, inbox=False)
    cursor = await started(source, clock)
    post = reddit_fake.submit("lumora dup")
    reddit_fake.search_items.append(post)  # the listing shifts: the same post twice
    run = await once(source, cursor, clock=clock)
    await source.close()
    assert run.ids == [post["data"]["name"]]


async def test_bad_credentials_are_fatal(reddit_fake, clock) -> None:
    reddit_fake.fail(TOKEN, 401, {"message": "Unauthorized", "error": 401}, method="POST")
    source = _source(reddit_fake, clock, inbox=False)
    run = await once(source, clock=clock)
    await source.close()
    assert run.batches == 0
    assert len(reddit_fake.api.calls(TOKEN)) == 1


async def test_a_post_indexed_late_is_still_read(reddit_fake, clock) -> None:
    source = _source(reddit_fake, clock, inbox=False)
    cursor = await started(source, clock)
    clock.advance(60)
    reddit_fake.submit("lumora one")
    run = await once(source, cursor, clock=clock)
    clock.advance(60)
    late = reddit_fake.submit("lumora late", created_at=clock() - timedelta(seconds=90))
    again = await once(source, run.cursor, clock=clock)
    await source.close()
    assert again.ids == [late["data"]["name"]]  # "lumora one" is not read twice


async def test_a_refused_token_signs_in_again_instead_of_stopping(reddit_fake, clock) -> None:
    source = _source(reddit_fake, clock, inbox=False)
    cursor = await started(source, clock)
    post = reddit_fake.submit("lumora lamp flickers")
    refused = {"www-authenticate": 'Bearer realm="reddit", error="invalid_token"'}
    reddit_fake.fail(SEARCH, 401, {"message": "Unauthorized"}, headers=refused)
    run = await once(source, cursor, clock=clock)
    await source.close()
    assert run.ids == [post["data"]["name"]]
    assert len(reddit_fake.api.calls(TOKEN)) == 2  # signed in again after the 401


async def test_an_inbox_mention_is_grouped_with_its_submission(reddit_fake, clock) -> None:
    source = _source(reddit_fake, clock)
    cursor = await started(source, clock)
    post = reddit_fake.submit("Lumora lamp broke", author="dave")
    mention = reddit_fake.mention(
        "u/lumora_bot same here", author="erin", link=post["data"]["name"]
    )
    run = await once(source, cursor, clock=clock)
    await source.close()
    by_id = {m.external_id: m for m in run.mentions}
    assert "link_id" not in mention["data"]  # the inbox says the submission only in `context`
    assert by_id[mention["data"]["name"]].thread_id == post["data"]["name"]
    assert by_id[post["data"]["name"]].thread_id == post["data"]["name"]


async def test_an_empty_first_read_still_reads_from_now(reddit_fake, clock) -> None:
    source = _source(reddit_fake, clock)  # search and inbox, pages of 10
    cursor = await started(source, clock)  # a quiet brand: the first read finds nothing
    clock.advance(30)
    late = reddit_fake.submit("lumora, an hour old, indexed now", created_at=clock() - HOUR)
    posts = [reddit_fake.submit(f"lumora {n}")["data"]["name"] for n in range(23)]
    notes = [reddit_fake.mention(f"u/lumora_bot {n}")["data"]["name"] for n in range(12)]
    run = await once(source, cursor, clock=clock)
    await source.close()
    assert sorted(run.ids) == sorted(posts + notes)  # none missed, none twice
    assert late["data"]["name"] not in run.ids  # older than the first read: history


async def test_search_keeps_to_the_query_and_the_subreddits(reddit_fake, clock) -> None:
    source = _source(reddit_fake, clock, inbox=False, subreddits=["lumora"])
    cursor = await started(source, clock)
    reddit_fake.submit("lumora lamp elsewhere", sub="lamps")  # not in r/lumora
    reddit_fake.submit("a lamp, no brand")
    wanted = reddit_fake.submit("my LUMORA lamp")
    run = await once(source, cursor, clock=clock)
    await source.close()
    assert run.ids == [wanted["data"]["name"]]
    call = reddit_fake.api.calls(search_path("lumora"))[-1]
    assert call.query["q"] == "lumora" and call.query["restrict_sr"] == "on"


@pytest.mark.parametrize(
    ("sub", "said"),
    [
        ("lumoar", "r/lumoar does not exist (Reddit redirects to /subreddits/search)"),
        ("spam", "r/spam is banned or gone (404)"),
        ("secret", "r/secret is private or quarantined (403)"),
    ],
)
async def test_a_subreddit_that_cannot_be_read_stops_the_source(
    reddit_fake, clock, sub: str, said: str
) -> None:
    reddit_fake.banned.add("spam")
    reddit_fake.private.add("secret")
    source = _source(reddit_fake, clock, inbox=False, subreddits=[sub])
    with pytest.raises(FatalError) as stopped:
        await source.poll(None)
    status = await source.check()
    run = await once(source, clock=clock)  # the poller stops: no backing off and trying again
    await source.close()
    assert said in str(stopped.value) and "subreddits" in str(stopped.value)
    assert not status.ok and said in status.detail
    assert run.batches == 0 and clock.slept == []
    assert len(reddit_fake.api.calls(search_path(sub))) == 3


async def test_one_unknown_subreddit_among_several_is_named_with_them(reddit_fake, clock) -> None:
    source = _source(reddit_fake, clock, inbox=False, subreddits=["lumora", "lumoar"])
    with pytest.raises(FatalError, match=r"one of r/lumora, r/lumoar does not exist"):
        await source.poll(None)
    await source.close()
