"""A platform that is down, in the log: one warning naming the endpoint, the host and the
cause when it starts failing, the retries at debug level, one line when it reads again."""

from __future__ import annotations

import asyncio
import logging
import socket

import pytest

from listener._poll import Poller
from listener.hackernews import HackerNewsSource
from listener.mastodon import MastodonSource
from mentiondesk.models import Batch, Source, TransientError
from mentiondesk.models.mastodon import build_mastodon
from tests.platforms.helpers import FakeClock, once, reddit_source

TOKEN = "tok_9f8e7d6c5b4a39281706f5e4d3c2b1a0ffeeddcc"


def _dead_url() -> str:
    """A local port nothing listens on: connections to it are refused at once."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{probe.getsockname()[1]}"


def _mastodon(url: str, clock: FakeClock) -> Source:
    api = build_mastodon(url, TOKEN)
    return MastodonSource(name="mastodon", api=api, query="#lumora", page_size=5, clock=clock)


def _hackernews(url: str, clock: FakeClock) -> Source:
    return HackerNewsSource(name="hn", query="lumora", base_url=url, clock=clock)


def _reddit(url: str, clock: FakeClock) -> Source:
    return reddit_source(
        url,
        clock,
        secret=TOKEN,
        query="lumora",
        subreddits=("all",),
        inbox=False,
        handles=("@lumora",),  # not signed in: the brand's own posts are told by its handles
    )


def _warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]


@pytest.mark.parametrize("build", [_mastodon, _hackernews, _reddit])
async def test_a_platform_down_is_one_warning_naming_host_and_cause(
    build, clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    url = _dead_url()
    source = build(url, clock)
    with caplog.at_level(logging.DEBUG):
        await once(source, clock=clock)
    await source.close()
    said = _warnings(caplog)
    host = url.removeprefix("http://")
    assert len(said) == 2, said  # it starts failing; the catch-up goes on without it
    assert "is failing" in said[0] and "connection refused" in said[0] and host in said[0]
    assert "catch-up goes on without it" in said[1] and "giving up" not in said[1]
    assert len(clock.slept) == 5  # the retries were made, at debug level
    retries = [r for r in caplog.records if ": retry " in r.getMessage()]
    assert len(retries) == 6 and all(r.levelno == logging.DEBUG for r in retries)
    assert TOKEN not in caplog.text


async def test_sources_check_names_the_cause(clock: FakeClock) -> None:
    url = _dead_url()
    source = _mastodon(url, clock)
    status = await source.check()  # type: ignore[attr-defined]
    assert not status.ok
    assert "connection refused" in status.detail and url.removeprefix("http://") in status.detail


class DownThenUp:
    """Fails `down` polls with a TransientError quoting a URL with a token, then answers."""

    name = "scripted"
    poll_seconds = 60.0

    def __init__(self, down: int, stop: asyncio.Event) -> None:
        self.down, self.stop, self.polls = down, stop, 0

    async def poll(self, cursor: str | None) -> Batch:
        self.polls += 1
        if self.polls <= self.down:
            raise TransientError(f"scripted search: status 503 for /search?access_token={TOKEN}")
        self.stop.set()
        return Batch(mentions=[], cursor=cursor)

    async def close(self) -> None:
        pass


async def test_recovery_is_one_line_saying_how_long_it_was_down(
    clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    stop = asyncio.Event()
    source = DownThenUp(4, stop)

    async def load(_: str) -> str | None:
        return None

    async def stored(_: str, __: Batch) -> None:
        return None

    poller = Poller(
        source, load_cursor=load, on_batch=stored, stop=stop, clock=clock, sleep=clock.sleep
    )
    with caplog.at_level(logging.DEBUG):
        await asyncio.wait_for(poller.run(), 5)
    said = _warnings(caplog)
    assert len(said) == 2, said
    assert said[0].startswith("source scripted is failing (scripted search: status 503")
    down = round(sum(clock.slept[:4]))  # then the poll interval
    assert said[1] == f"source scripted: reading again after 4 failure(s), down for {down} s"
    assert TOKEN not in caplog.text and "access_token" not in caplog.text
