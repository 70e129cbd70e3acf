"""Reddit's rate-limit window as `sources check` shows it, read from the fake's headers."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from rich.console import Console

from listener.reddit import RedditSource
from mentiondesk.cli_sources import _table, check_all
from mentiondesk.config import load_config
from tests.config_blocks import console_desk
from tests.fakes.reddit import CLIENT_WINDOW, TOKEN
from tests.platforms.helpers import FakeClock, once, reddit_source, started


def _source(fake, clock: FakeClock) -> RedditSource:
    return reddit_source(fake.base_url, clock, query="lumora", subreddits=["all"], inbox=False)


async def test_check_shows_what_is_left_and_no_reset_while_requests_remain(
    reddit_fake, clock
) -> None:
    # The window ends in 600 s; asyncprawcore's pacing point (its next request) is ~1 s out,
    # and was shown as "resets" before.
    source = _source(reddit_fake, clock)
    status = await source.check()
    await source.close()
    assert status.ok
    assert status.rate_limit == "search: 899/900 left"


async def test_check_shows_the_reset_from_the_header_once_the_window_is_spent(
    reddit_fake, clock
) -> None:
    reddit_fake.window.limit = 1
    reddit_fake.window.seconds = 300
    source = _source(reddit_fake, clock)
    status = await source.check()
    await source.close()
    reset = clock() + timedelta(seconds=300)
    assert status.rate_limit == (
        f"search: 0/1 left, resets {reset:%H:%M:%S} UTC, blocked until {reset:%H:%M:%S} UTC"
    )


async def test_sources_check_shows_the_reset_in_the_desks_time_zone(
    reddit_fake, tmp_path: Path, secrets: None
) -> None:
    """Every other command shows times in [desk] timezone; `sources check` too, not UTC."""
    reddit_fake.window.limit = 1
    config = tmp_path / "config.toml"
    config.write_text(f"""
[brand]
name = "Lumora"
[desk]
timezone = "America/Sao_Paulo"
{console_desk()}
[[sources]]
kind = "reddit"
base_url = "{reddit_fake.base_url}"
query = "lumora"
""")
    loaded = load_config(config, secrets=True)
    console = Console(record=True, width=300)
    console.print(_table(loaded, await check_all(loaded)))
    shown = console.export_text()
    said = re.search(r"resets (\d\d):(\d\d):(\d\d) America/Sao_Paulo", shown)
    assert said is not None and "UTC" not in shown, shown
    reset = datetime.now(UTC).astimezone(ZoneInfo("America/Sao_Paulo")) + timedelta(seconds=600)
    at = reset.replace(hour=int(said[1]), minute=int(said[2]), second=int(said[3]))
    off = (at - reset).total_seconds() % 86400  # the wall clock's reading there, midnight or not
    assert min(off, 86400 - off) < 60


async def test_a_spent_window_holds_every_endpoint_not_only_the_one_that_said_so(
    reddit_fake, clock
) -> None:
    # Reddit's window is one per client: once an answer says none are left, calling the
    # subreddit's comments or the inbox in the same pass is a 429 from real Reddit.
    source = reddit_source(
        reddit_fake.base_url,
        clock,
        login="lumora_bot",
        query="lumora",
        subreddits=["lumora"],
        inbox=True,
    )
    cursor = await started(source, clock)
    reddit_fake.window.limit = (
        reddit_fake.window.used[CLIENT_WINDOW] + 1
    )  # the next answer spends it
    before = len(reddit_fake.request_times)
    reddit_fake.submit("lumora is great")
    run = await once(source, cursor, clock=clock)
    await source.close()
    reset = reddit_fake.window.reset_at[CLIENT_WINDOW]
    calls = reddit_fake.request_times[before:]
    inside = [path for path, t in calls if t < reset and path != TOKEN]
    assert inside == ["/r/lumora/search"], calls  # the answer that spent it, no other
    assert [m.text for m in run.mentions] == ["lumora is great"]
