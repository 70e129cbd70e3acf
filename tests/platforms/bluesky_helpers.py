"""The BlueskySource the listener tests read the fake with: one account (lumora.bsky.social,
an app password) and its search, with what each test varies (query, page_size…) passed on.
Five test files built the same source by hand."""

from __future__ import annotations

from typing import Any

from listener.bluesky import BlueskySource
from tests.fakes.bluesky import BlueskyFake
from tests.platforms.helpers import FakeClock


def bluesky_source(
    fake: BlueskyFake, clock: FakeClock, *, query: str = "lumora", **options: Any
) -> BlueskySource:
    """`query=""`: notifications alone; OPTIONS: BlueskySource's other arguments."""
    return BlueskySource(
        name="bluesky",
        handle="lumora.bsky.social",
        password="app-pw",
        query=query,
        base_url=fake.base_url,
        clock=clock,
        **options,
    )
