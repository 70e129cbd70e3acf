"""One endpoint of a source down or rate limited for long (X's search) does not keep the
others (its mentions) from being read; a blip is still retried, and a whole source down is
still the poller's to back off from and report."""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta

import pytest

from listener._poll import Poller
from listener.x import XSource
from tests.fakes.x import SEARCH, XFake, problem
from tests.platforms.helpers import FakeClock, once, started


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
    assert len(clock.slept) == 4  # four retries of a blip first, then the others are read
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
    assert waited[0] < timedelta(minutes=1)  # was 18 minutes: search first, every retry


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
