"""HackerNewsSource reads Algolia's rate-limit window from a 200's headers, in any case."""

from __future__ import annotations

from datetime import timedelta

import pytest

from listener.hackernews import HackerNewsSource
from tests.fakes.hackernews import SEARCH
from tests.platforms.helpers import once

EMPTY = {"hits": [], "nbHits": 0, "page": 0, "nbPages": 0}


@pytest.mark.parametrize(
    "prefix",
    [
        "X-RateLimit-",  # as Algolia writes them
        "x-ratelimit-",  # as a proxy speaking HTTP/2 passes them on
    ],
)
async def test_a_spent_window_holds_search_until_its_reset(hn_fake, clock, prefix: str) -> None:
    source = HackerNewsSource(name="hn", query="lumora", base_url=hn_fake.base_url, clock=clock)
    hn_fake.story("Show HN: Lumora lamps")
    cursor = (await once(source, clock=clock)).cursor
    reset = clock() + timedelta(seconds=30)
    spent = {
        f"{prefix}Limit": "10000",
        f"{prefix}Remaining": "0",
        f"{prefix}Reset": str(int(reset.timestamp())),
    }
    hn_fake.fail(SEARCH, 200, EMPTY, headers=spent)
    cursor = (await once(source, cursor, clock=clock)).cursor
    comment = hn_fake.comment("lumora after the window")
    run = await once(source, cursor, clock=clock)
    await source.close()
    assert run.ids == [comment["objectID"]]
    assert hn_fake.times(SEARCH)[-1] >= reset  # the spent window was waited out
    assert clock.slept
