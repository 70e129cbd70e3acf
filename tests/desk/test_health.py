"""/healthz tells an uptime monitor when deliveries have stalled, or a source stopped for good
(a revoked token), without a 503."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path

import sqlalchemy as sa
from aiohttp import ClientSession
from aiohttp.test_utils import TestClient, TestServer

from mentiondesk.cli_web import start_desk
from mentiondesk.config import Config, load_config
from mentiondesk.models import Batch, CaseContext, FatalError, Label, OutboxAction, Reading
from mentiondesk.outbox_payload import outbox_row
from mentiondesk.pipeline import App
from mentiondesk.source_health import SourceHealth
from mentiondesk.store import Store
from mentiondesk.tables import OUTBOX
from mentiondesk.web import create_app
from mentiondesk.web.server import bound_port
from tests.desk.conftest import Desk
from tests.desk.seed import write_config
from tests.helpers import mention


def _queue(store: Store, key: str, minutes_ago: int) -> None:
    context = CaseContext(mention=mention(1), reading=Reading(label=Label.NEGATIVE, score=0.9))
    action = OutboxAction(key=key, kind="alert", target="slack", context=context)
    queued = datetime.now(UTC) - timedelta(minutes=minutes_ago)
    with store.engine.begin() as conn:
        conn.execute(sa.insert(OUTBOX), [outbox_row(action, None, queued)])


async def test_a_recent_action_waiting_is_still_ok(anon: Desk, store: Store) -> None:
    _queue(store, "a1", minutes_ago=5)
    response = await anon.client.get("/healthz")
    body = await response.json()
    assert response.status == 200 and body["status"] == "ok"
    assert 300 <= body["outbox_oldest_waiting_seconds"] < 900


async def test_an_action_waiting_past_the_threshold_is_degraded_not_down(
    anon: Desk, store: Store
) -> None:
    _queue(store, "a1", minutes_ago=5)
    _queue(store, "a2", minutes_ago=16)  # the sink has been failing for longer than 15 min
    response = await anon.client.get("/healthz")
    body = await response.json()
    assert response.status == 200  # a load balancer keeps the desk: people can still work
    assert body["status"] == "degraded" and body["outbox_waiting"] == 2
    assert body["outbox_oldest_waiting_seconds"] >= 960


async def test_a_stopped_source_is_degraded_and_named_with_why(
    config: Config, store: Store
) -> None:
    why = "x mentions: 401 Unauthorized; check the bearer token"
    until = datetime(2026, 12, 3, 15, 0, tzinfo=UTC)
    sources = [
        SourceHealth("x", stopped=True, error="FatalError", reason=why),
        SourceHealth("reddit", rate_limited_until=until),
        SourceHealth("bluesky"),
    ]
    app = create_app(config, store, sources=lambda: sources)
    async with TestServer(app) as server, TestClient(server) as client:
        response = await client.get("/healthz")
        body = await response.json()
    assert response.status == 200 and body["status"] == "degraded"
    assert body["sources"] == {
        "x": {"status": "stopped", "error": "FatalError", "reason": why},
        "reddit": {"status": "ok", "rate_limited_until": "2026-12-03T15:00:00+00:00"},
        "bluesky": {"status": "ok"},
    }


class Revoked:
    name = "x"
    poll_seconds = 60.0

    async def poll(self, cursor: str | None) -> Batch:
        raise FatalError("x mentions: 401 Unauthorized; check the bearer token")

    async def close(self) -> None:
        return None


async def test_the_desk_served_by_run_says_which_source_stopped(tmp_path: Path) -> None:
    path = write_config(tmp_path, f"sqlite:///{tmp_path / 'desk.db'}")
    with path.open("a") as f:
        f.write('\n[sentiment]\nclassifier = "vader"\n[desk]\nhost = "127.0.0.1"\nport = 0\n')
    config = load_config(path)
    async with App(config, sources=[Revoked()]) as app:  # type: ignore[list-item]
        runner = await start_desk(config, app)
        assert runner is not None
        try:
            await app.start()
            await asyncio.wait_for(asyncio.gather(*app._poll_tasks), 5)
            url = f"http://127.0.0.1:{bound_port(runner)}/healthz"
            async with ClientSession() as session, session.get(url) as response:
                body = await response.json()
        finally:
            await runner.cleanup()
    assert body["status"] == "degraded"
    assert body["sources"]["x"]["status"] == "stopped"
    assert body["sources"]["x"]["reason"] == "x mentions: 401 Unauthorized; check the bearer token"
