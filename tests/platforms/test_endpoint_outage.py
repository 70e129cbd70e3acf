"""One endpoint of a source down or rate limited for long (X's search) does not keep the
others (its mentions) from being read; a blip is still retried, and a whole source down is
still the poller's to back off from and report."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any

import pytest

from listener._endpoints import PUT_OFF_AFTER, Endpoints, Page, State
from listener._poll import Poller
from listener.reddit import RedditSource
from listener.x import XSource
from mentiondesk.models import Batch, TransientError
from tests.fakes.reddit import RedditFake, comments_path, search_path
from tests.fakes.x import SEARCH, XFake, problem
from tests.helpers import mention
from tests.platforms.helpers import FakeClock, once, reddit_source, started


def _source(x_fake: XFake, clock: FakeClock) -> XSource:
    return XSource(
        name="x",
        bearer_token="tok",
        base_url=x_fake.base_url,
        clock=clock,
        query="lumora",
        username="lumora",
        page_size=10,
    )


async def test_search_down_for_good_still_lets_a_run_read_the_mentions(
    x_fake: XFake, clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    source = _source(x_fake, clock)
    cursor = await started(source, clock)
    x_fake.publish("@lumora refund please", search=False)  # on the mentions endpoint only
    for _ in range(10):
        x_fake.fail(SEARCH, 503, problem(503, "Service Unavailable"))
    with caplog.at_level(logging.WARNING):
        run = await once(source, cursor, clock=clock)
    await source.close()
    assert run.ids == [x_fake.tweets[0]["id"]]  # once: no mention at all was read
    # The mentions were read at once; then search's blip was retried three times before it
    # was put off for the pass.
    assert len(clock.slept) == 3
    said = [r.getMessage() for r in caplog.records if "endpoint search failed" in r.getMessage()]
    assert len(said) == 1 and "the others are read meanwhile" in said[0]


async def test_search_down_while_listening_delays_the_mentions_seconds_not_minutes(
    x_fake: XFake, clock: FakeClock
) -> None:
    source = _source(x_fake, clock)
    cursor = await started(source, clock)
    x_fake.publish("@lumora refund please", search=False)
    for _ in range(12):
        x_fake.fail(SEARCH, 503, problem(503, "Service Unavailable"))
    # was 18 minutes: search first, every retry
    assert await _until_read(source, cursor, clock) < timedelta(minutes=1)


async def test_a_long_rate_limit_on_search_lets_a_run_read_the_mentions(
    x_fake: XFake, clock: FakeClock
) -> None:
    source = _source(x_fake, clock)
    cursor = await started(source, clock)
    x_fake.publish("@lumora my order never arrived", search=False)
    reset = clock() + timedelta(minutes=15)
    headers = {"x-rate-limit-reset": str(int(reset.timestamp()))}
    x_fake.fail(SEARCH, 429, problem(429, "Too Many Requests"), headers=headers)
    run = await once(source, cursor, clock=clock)
    await source.close()
    assert run.ids == [x_fake.tweets[0]["id"]]  # the run skipped the whole source before
    assert clock.slept == []


def _reddit(fake: RedditFake, clock: FakeClock) -> RedditSource:
    options = {"query": "lumora", "subreddits": ["lumora"], "page_size": 10}
    return reddit_source(fake.base_url, clock, login="lumora_bot", inbox=True, **options)


def _reddit_down(fake: RedditFake, times: int) -> None:
    """Reddit's search and its comments listing both answer 503, its inbox does not."""
    for path in (search_path("lumora"), comments_path("lumora")):
        for _ in range(times):
            fake.fail(path, 503, {"message": "Service Unavailable", "error": 503})


async def test_search_and_comments_down_still_let_a_run_read_the_inbox(
    reddit_fake: RedditFake, clock: FakeClock
) -> None:
    source = _reddit(reddit_fake, clock)
    cursor = await started(source, clock)
    said = reddit_fake.mention("u/lumora_bot is the lamp safe?")
    _reddit_down(reddit_fake, 40)
    run = await once(source, cursor, clock=clock)
    await source.close()
    assert run.ids == [said["data"]["name"]]  # none: the second one down was still a blip


async def test_search_and_comments_down_delay_the_inbox_seconds_not_minutes(
    reddit_fake: RedditFake, clock: FakeClock
) -> None:
    source = _reddit(reddit_fake, clock)
    cursor = await started(source, clock)
    reddit_fake.mention("u/lumora_bot is the lamp safe?")
    _reddit_down(reddit_fake, 40)
    assert await _until_read(source, cursor, clock) < timedelta(minutes=1)


def _scripted(clock: FakeClock, down: set[str]) -> Endpoints:
    """Three endpoints; those in `down` fail, the others answer one page, the next post."""

    def fetch(name: str, offset: int) -> Callable[[State], Awaitable[Page]]:
        async def read(state: State) -> Page:
            if name in down:
                raise TransientError(f"{name}: status 503")
            n = state.get("n", 0) + 1
            return Page([mention(offset + n)] if state else [], {"n": n})

        return read

    names = ("search", "comments", "mentions")
    fetchers = {name: fetch(name, 100 * i) for i, name in enumerate(names, 1)}
    return Endpoints("scripted", fetchers, clock=clock)


async def _caught_up(endpoints: Endpoints) -> str | None:
    cursor: str | None = None
    while True:
        batch = await endpoints.poll(cursor)
        cursor = batch.cursor
        if not batch.has_more:
            return cursor


def _ids(batch: Batch) -> list[str]:
    return [m.external_id for m in batch.mentions]


async def test_a_blip_keeps_the_endpoints_cursor_while_the_others_are_read(
    clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    down: set[str] = set()
    endpoints = _scripted(clock, down)
    cursor = await _caught_up(endpoints)
    down.add("search")
    with caplog.at_level(logging.WARNING):
        first = await endpoints.poll(cursor)  # search's blip; comments is read in the same call
        second = await endpoints.poll(first.cursor)
    assert not caplog.records  # a blip is not an endpoint put off
    assert _ids(first) == ["m202"] and _ids(second) == ["m302"] and second.has_more
    with pytest.raises(TransientError):  # search alone is left: the poller backs off
        await endpoints.poll(second.cursor)
    down.clear()
    again = await endpoints.poll(second.cursor)  # it goes on from where it was, not from now
    assert _ids(again) == ["m102"] and not again.has_more


async def test_a_whole_source_down_still_raises_after_put_off_after_failures(
    clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    down: set[str] = set()
    endpoints = _scripted(clock, down)
    cursor = await _caught_up(endpoints)
    down.update(endpoints.fetchers)
    with caplog.at_level(logging.WARNING):
        for _ in range(PUT_OFF_AFTER + 2):
            with pytest.raises(TransientError):
                await endpoints.poll(cursor)
    assert "the others are read meanwhile" not in caplog.text  # the poller says it is down


async def _until_read(source: Any, cursor: str | None, clock: FakeClock) -> timedelta:
    """How long a listening poller takes to hand on the first mention, by the fake clock."""
    start, stop, waited = clock(), asyncio.Event(), []

    async def load(_: str) -> str | None:
        return cursor

    async def keep(_: str, batch: object) -> None:
        if getattr(batch, "mentions", None):
            waited.append(clock() - start)
            stop.set()

    poller = Poller(
        source, load_cursor=load, on_batch=keep, stop=stop, clock=clock, sleep=clock.sleep
    )
    await poller.run()
    await source.close()
    return waited[0]
