"""The App with all five platform sources running concurrently against their fakes."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
import sqlalchemy as sa
from aiohttp import web

from mentiondesk.cli_sources import check_all
from mentiondesk.config import load_config
from mentiondesk.pipeline import App
from mentiondesk.tables import MENTION
from tests.fakes.reddit import search_path
from tests.platforms.scenario import five_sources_config, publish_one_each


@pytest.fixture
def fakes(
    x_fake: Any, reddit_fake: Any, mastodon_fake: Any, bluesky_fake: Any, hn_fake: Any
) -> dict[str, Any]:
    """The five platforms' fakes, by the names five_sources_config takes them by."""
    return {
        "x": x_fake,
        "reddit": reddit_fake,
        "mastodon": mastodon_fake,
        "bluesky": bluesky_fake,
        "hn": hn_fake,
    }


def _stored(app: App) -> dict[str, set[str]]:
    with app.store.engine.connect() as conn:
        rows = conn.execute(sa.select(MENTION.c.platform, MENTION.c.external_id)).all()
    found: dict[str, set[str]] = {}
    for platform, external_id in rows:
        found.setdefault(platform, set()).add(external_id)
    return found


async def _until(predicate, seconds: float = 20.0) -> None:
    async with asyncio.timeout(seconds):
        while not predicate():  # noqa: ASYNC110 - the store has no event to wait on
            await asyncio.sleep(0.05)


async def test_five_platforms_run_once_and_resume(
    tmp_path, secrets, fakes, x_fake, reddit_fake, mastodon_fake, bluesky_fake, hn_fake
) -> None:
    config = load_config(five_sources_config(tmp_path, **fakes))
    publish_one_each(x_fake, reddit_fake, mastodon_fake, bluesky_fake, hn_fake)
    async with App(config) as app:  # the first run finds "now": what was there is history
        await app.run_once()
        assert _stored(app) == {}
    ids = publish_one_each(x_fake, reddit_fake, mastodon_fake, bluesky_fake, hn_fake)
    async with App(config) as app:  # a restart: every source resumes from its saved cursor
        await app.run_once()
        assert _stored(app) == {p: {i} for p, i in ids.items()}


async def test_failing_and_slow_platforms_do_not_stall_the_others(
    tmp_path, secrets, fakes, x_fake, reddit_fake, mastodon_fake, bluesky_fake, hn_fake
) -> None:
    async def broken(request: web.Request) -> web.Response:
        return web.Response(status=500, text="<html>down</html>", content_type="text/html")

    async def slow(request: web.Request) -> web.Response:
        await asyncio.sleep(0.5)
        return await hn_fake._search(request)

    reddit_fake.api.route("GET", "/message/mentions", broken)
    reddit_fake.api.route("GET", search_path(), broken)
    hn_fake.api.route("GET", "/api/v1/search_by_date", slow)
    config = load_config(five_sources_config(tmp_path, **fakes, poll_seconds=0.2))
    async with App(config) as app:  # the first run: every source finds where "now" is
        await app.run_once()
    async with App(config) as app:
        await app.start()
        ids = publish_one_each(x_fake, reddit_fake, mastodon_fake, bluesky_fake, hn_fake)
        healthy = {"x", "mastodon", "bluesky", "hackernews"}
        await _until(lambda: healthy <= set(_stored(app)))
        await app.stop()
        stored = _stored(app)
    assert "reddit" not in stored
    assert all(stored[p] == {ids[p]} for p in healthy)
    assert len(reddit_fake.api.calls(search_path())) >= 1


async def test_sources_check_reports_each_source(tmp_path, secrets, fakes, reddit_fake) -> None:
    reddit_fake.fail("/api/v1/access_token", 401, {"error": 401}, method="POST")
    config = load_config(five_sources_config(tmp_path, **fakes))
    statuses = {s.name: s for s in await check_all(config)}
    assert {n for n, s in statuses.items() if s.ok} == {"x", "mastodon", "bluesky", "hackernews"}
    assert "credentials" in statuses["reddit"].detail
    assert "left" in statuses["x"].rate_limit
