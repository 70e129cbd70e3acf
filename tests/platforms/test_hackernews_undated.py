"""A hit whose `created_at_i` is missing, null or not a number is left out of the window's
bounds: the page is still read, the cursor never goes back to 1970, later pages still come."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest

from tests.fakes.hackernews import SEARCH
from tests.platforms.helpers import once, started
from tests.platforms.test_hackernews import _source

_MISSING = object()
ODD = [pytest.param(_MISSING, id="missing"), None, "soon"]


def _undated(hit: dict[str, Any], value: object) -> dict[str, Any]:
    hit = {**hit, "objectID": hit["objectID"] + "9"}
    if value is _MISSING:
        del hit["created_at_i"]
    else:
        hit["created_at_i"] = value
    return hit


@pytest.mark.parametrize("value", ODD)
async def test_a_first_run_of_undated_hits_starts_from_now(hn_fake, clock, value) -> None:
    hn_fake.hits[:] = [_undated(hn_fake.comment("lumora, long ago"), value)]
    source = _source(hn_fake, clock)
    first = await once(source, clock=clock)
    await source.close()
    since = json.loads(first.cursor or "{}")["ep"]["search"]["since"]
    assert (since, clock.slept) == (int(clock().timestamp()), [])


@pytest.mark.parametrize("value", ODD)
async def test_an_undated_hit_does_not_bound_the_rest_below(hn_fake, clock, value) -> None:
    source = _source(hn_fake, clock, size=3)
    cursor = await started(source, clock)
    start = clock()
    clock.advance(10)
    old, mid, new = (
        hn_fake.comment(f"lumora {i}", when=start + timedelta(seconds=i)) for i in (1, 2, 3)
    )
    page = {"hits": [new, mid, _undated(old, value)], "nbHits": 4, "page": 0, "nbPages": 1}
    hn_fake.fail(SEARCH, 200, page)  # Algolia's paging stops here; one more matched
    run = await once(source, cursor, clock=clock)
    await source.close()
    assert {old["objectID"], mid["objectID"], new["objectID"]} <= set(run.ids)
    below = hn_fake.api.calls(SEARCH)[2].query["numericFilters"]
    assert (below.endswith(f"created_at_i<={mid['created_at_i']}"), clock.slept) == (True, [])
