"""Driving a source the way the poller does, with a fake clock: no real waiting."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from listener._poll import Backoff, Poller
from listener.reddit import RedditSource
from mentiondesk.models import Batch, Mention, Source
from mentiondesk.models.reddit import build_reddit
from tests.config_blocks import console_desk
from tests.fakes._base import FakeAPI


class FakeClock:
    """A clock the fakes and sources share; `sleep` advances it instead of waiting."""

    def __init__(self, start: datetime | None = None) -> None:
        # Real time when the test starts (not when the module was imported): some clients, and
        # the App's sources on the wall clock, compare it with theirs (within OVERLAP).
        self.now = start or datetime.now(UTC).replace(microsecond=0)
        self.slept: list[float] = []

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)

    async def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.advance(seconds)
        await asyncio.sleep(0)


@dataclass
class Run:
    """What one `run --once` turn of a source stored: mentions, final cursor, page count."""

    mentions: list[Mention] = field(default_factory=list)
    cursor: str | None = None
    batches: int = 0

    @property
    def ids(self) -> list[str]:
        return [m.external_id for m in self.mentions]


async def once(source: Source, cursor: str | None = None, *, clock: FakeClock | None = None) -> Run:
    """Poll `source` until caught up (the poller's once mode), collecting what it returned."""
    clock = clock or FakeClock()
    run = Run(cursor=cursor)

    async def load(_: str) -> str | None:
        return run.cursor

    async def on_batch(_: str, batch: Batch) -> None:
        run.mentions.extend(batch.mentions)
        run.cursor = batch.cursor
        run.batches += 1

    poller = Poller(
        source,
        load_cursor=load,
        on_batch=on_batch,
        stop=asyncio.Event(),
        once=True,
        clock=clock,
        sleep=clock.sleep,
        backoff=Backoff(base=1.0, cap=8.0),
    )
    await poller.run()
    return run


async def started(source: Source, clock: FakeClock) -> str | None:
    """The cursor after a source's first run on an empty fake: "now", before any test post."""
    return (await once(source, clock=clock)).cursor


def reddit_source(
    base_url: str,
    clock: FakeClock,
    *,
    login: str | None = None,
    secret: str = "secret",
    **options: Any,
) -> RedditSource:
    """A Reddit source on the fake at `base_url`, signed in as `login` (password "pw") where
    given, else reading as the app alone; `options` are RedditSource's (query, subreddits, …)."""
    reddit = build_reddit(
        client_id="cid",
        client_secret=secret,
        username=login,
        password="pw" if login else None,
        base_url=base_url,
        auth_url=None,
        user_agent="test/0.1",
    )
    return RedditSource(name="reddit", reddit=reddit, clock=clock, **options)


def platform_config(
    tmp_path: Path, platform: str, base_url: str, keys: str = "", store: str | None = None
) -> Path:
    """A config.toml that reads `platform` from its fake and posts approved replies back to it;
    `keys` go in the source's table, `store` is the database (SQLite in tmp_path by default)."""
    path = tmp_path / "config.toml"
    path.write_text(f"""
[brand]
name = "Lumora"
handles = ["@lumora"]
[store]
url = "{store or f"sqlite:///{tmp_path / 'md.db'}"}"
{console_desk(f'{{default = "console", {platform} = "{platform}-post"}}')}
[[responders]]
kind = "{platform}-post"
base_url = "{base_url}"
[[sources]]
kind = "{platform}"
base_url = "{base_url}"
{keys}
""")
    return path


@contextmanager
def fake_in_thread() -> Iterator[FakeAPI]:
    """A fake on a loop of its own, for a test that runs the CLI: `run` takes the main thread
    (it installs signal handlers). Nothing the fake did not expect may have come."""
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    fake = FakeAPI()
    asyncio.run_coroutine_threadsafe(fake.start(), loop).result(10)
    try:
        yield fake
    finally:
        asyncio.run_coroutine_threadsafe(fake.stop(), loop).result(10)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(10)
        loop.close()
    assert not fake.unexpected, fake.unexpected
