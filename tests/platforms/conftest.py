"""Platform fakes, each on its own 127.0.0.1 port, sharing a fake clock."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from tests.fakes._base import FakeAPI
from tests.fakes.bluesky import BlueskyFake
from tests.fakes.hackernews import HackerNewsFake
from tests.fakes.mastodon import MastodonFake
from tests.fakes.reddit import RedditFake
from tests.fakes.x import XFake
from tests.platforms.helpers import FakeClock


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def secrets(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in (
        "X_BEARER_TOKEN",
        "X_USER_TOKEN",
        "REDDIT_CLIENT_ID",
        "REDDIT_CLIENT_SECRET",
        "REDDIT_USERNAME",
        "REDDIT_PASSWORD",
        "MASTODON_ACCESS_TOKEN",
        "BLUESKY_HANDLE",
        "BLUESKY_APP_PASSWORD",
    ):
        monkeypatch.setenv(name, f"test-{name.lower()}")
    monkeypatch.setenv("BLUESKY_HANDLE", "lumora.bsky.social")


async def _api() -> AsyncIterator[FakeAPI]:
    async with FakeAPI() as api:
        yield api
    assert not api.unexpected, f"unexpected requests: {api.unexpected}"


@pytest.fixture
async def x_fake(clock: FakeClock) -> AsyncIterator[XFake]:
    async for api in _api():
        yield XFake(api, clock=clock)


@pytest.fixture
async def reddit_fake(clock: FakeClock) -> AsyncIterator[RedditFake]:
    async for api in _api():
        yield RedditFake(api, clock=clock)


@pytest.fixture
async def mastodon_fake(clock: FakeClock) -> AsyncIterator[MastodonFake]:
    async for api in _api():
        yield MastodonFake(api, clock=clock)


@pytest.fixture
async def bluesky_fake(clock: FakeClock) -> AsyncIterator[BlueskyFake]:
    async for api in _api():
        yield BlueskyFake(api, clock=clock)


@pytest.fixture
async def hn_fake(clock: FakeClock) -> AsyncIterator[HackerNewsFake]:
    async for api in _api():
        yield HackerNewsFake(api, clock=clock)
