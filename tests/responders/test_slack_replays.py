"""Slack replays are remembered in the store: by every worker on it, and across restarts."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlencode

import aiohttp
import pytest
import sqlalchemy as sa
from aiohttp import web
from aiohttp.test_utils import TestServer
from pydantic import SecretStr
from slack_sdk.signature import SignatureVerifier

from mentiondesk.config import Config, load_config
from mentiondesk.slack_actions import add_slack_routes, click_key, first_sight
from mentiondesk.store import Store
from mentiondesk.tables import SLACK_SEEN
from responders.slack import SlackResponder

SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
CONFIG = """[brand]\nname = "Lumora"\n[[sources]]\nkind = "replay"\npath = "m.jsonl"
[[responders]]\nkind = "console"\n[[responders]]\nkind = "local"\nname = "cases"\n"""
Request = tuple[bytes, dict[str, str]]


@pytest.fixture
def config(tmp_path: Path) -> Config:
    (tmp_path / "config.toml").write_text(CONFIG)
    (tmp_path / "m.jsonl").write_text("")
    return load_config(tmp_path / "config.toml")


def _store(url: str) -> Store:
    store = Store(url)
    store.create_all()
    return store


@asynccontextmanager
async def worker(
    config: Config, url: str, clock: Callable[[], float] = time.time
) -> AsyncIterator[str]:
    """One `mentiondesk run` process's /slack/actions, on its own engine; its URL."""
    store = _store(url)
    slack = SlackResponder(
        "slack", token=SecretStr("xoxb-test"), signing_secret=SecretStr(SECRET), channel="C0TEAM"
    )
    app = web.Application()
    add_slack_routes(app, store=store, config=config, responders={"slack": slack}, clock=clock)
    try:
        async with TestServer(app) as server:
            yield str(server.make_url("/slack/actions"))
    finally:
        store.dispose()


def signed(n: int, at: float | None = None) -> Request:
    """A signed request that does nothing once accepted (a payload type nobody handles)."""
    body = urlencode({"payload": json.dumps({"type": "noop", "n": n})}).encode()
    ts = str(int(time.time() if at is None else at))
    sig = SignatureVerifier(SECRET).generate_signature(timestamp=ts, body=body)
    return body, {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": sig}


async def post(url: str, request: Request) -> int:
    body, headers = request
    async with aiohttp.ClientSession() as http, http.post(url, data=body, headers=headers) as r:
        return r.status


async def test_a_request_one_worker_accepted_is_refused_by_another(
    config: Config, db_url: str
) -> None:
    request = signed(1)
    async with worker(config, db_url) as one, worker(config, db_url) as two:
        assert await post(one, request) == 200
        assert await post(two, request) == 401
        assert await post(one, request) == 401
        assert await post(two, signed(2)) == 200  # a new click is still welcome


async def test_workers_racing_for_one_request_accept_it_once(config: Config, db_url: str) -> None:
    requests = [signed(n) for n in range(6)]
    async with worker(config, db_url) as one, worker(config, db_url) as two:
        answers = await asyncio.gather(
            *(post(url, r) for r in requests for url in (one, two, one, two))
        )
    for n in range(len(requests)):
        assert sorted(answers[4 * n : 4 * n + 4]) == [200, 401, 401, 401]


async def test_a_restart_still_refuses_a_replay(config: Config, db_url: str) -> None:
    request = signed(1)
    async with worker(config, db_url) as before:
        assert await post(before, request) == 200
    async with worker(config, db_url) as after:
        assert await post(after, request) == 401


async def test_rows_are_pruned_once_stale(config: Config, db_url: str) -> None:
    now = [time.time()]
    async with worker(config, db_url, clock=lambda: now[0]) as url:
        assert await post(url, signed(1, at=now[0])) == 200
        now[0] += 301  # the first request is stale now: its row can only match stale ones
        assert await post(url, signed(2, at=now[0])) == 200
    store = _store(db_url)
    with store.engine.connect() as conn:
        kept = conn.execute(sa.select(SLACK_SEEN.c.signature)).scalars().all()
    store.dispose()
    signatures = [k for k in kept if k.startswith("v0=")]
    assert signatures == [signed(2, at=now[0])[1]["X-Slack-Signature"]]
    assert sorted(kept) == sorted([*signatures, click_key(signed(1)[0]), click_key(signed(2)[0])])


def test_pruning_is_bounded_per_request(db_url: str) -> None:
    store = _store(db_url)
    then = datetime.now(UTC) - timedelta(hours=1)
    for n in range(150):
        assert first_sight(store, f"v0={n:064x}", stale_at=then, now=then)
    later = datetime.now(UTC)
    assert first_sight(store, "v0=" + "f" * 64, stale_at=later + timedelta(minutes=5), now=later)
    with store.engine.connect() as conn:
        left = conn.scalar(sa.select(sa.func.count()).select_from(SLACK_SEEN))
    store.dispose()
    assert left == 150 - 100 + 1  # 100 stale rows a call: the rest go with the next clicks
