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
from mentiondesk.source_recorder import SourceRecorder
from mentiondesk.source_states import STALE_AFTER
from mentiondesk.store import Store
from mentiondesk.tables import OUTBOX
from mentiondesk.web import create_app
from mentiondesk.web.server import bound_port
from tests.desk.conftest import Desk
from tests.desk.seed import write_config
from tests.helpers import age_source_rows, mention


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
    now = datetime.now(UTC)
    until, stopped_at = now + timedelta(minutes=20), now - timedelta(minutes=3)
    worker = Store(config.store_url())  # a worker in another process, on the same database
    sources = [
        SourceHealth("x", stopped=True, error="FatalError", reason=why, since=stopped_at),
        SourceHealth("reddit", rate_limited_until=until),
        SourceHealth("bluesky"),
    ]
    assert await SourceRecorder(worker, writer="worker-1:4242").record(sources)
    gone = SourceRecorder(worker, writer="worker-2:77")
    assert await gone.record([SourceHealth("mastodon", stopped=True, error="FatalError")])
    worker.dispose()
    seen = age_source_rows(config.store_url(), "worker-2:77", 2 * STALE_AFTER)
    async with TestServer(create_app(config, store)) as server, TestClient(server) as client:
        response = await client.get("/healthz")
        body = await response.json()
    assert response.status == 200 and body["status"] == "degraded"
    since = stopped_at.isoformat(timespec="seconds")
    assert body["sources"] == {
        "x": {"status": "stopped", "error": "FatalError", "reason": why, "since": since},
        "reddit": {"status": "ok", "rate_limited_until": until.isoformat(timespec="seconds")},
        "bluesky": {"status": "ok"},
        # its writer stopped refreshing: what it last said, not how the source stands now
        "mastodon": {
            "status": "unknown",
            "last_status": "stopped",
            "updated_at": seen.isoformat(timespec="seconds"),
        },
    }


async def test_a_desk_whose_clock_is_ahead_still_sees_a_running_workers_stop(
    config: Config, store: Store
) -> None:
    """The desk's host 10 minutes ahead of the worker's: the row the worker refreshed a moment
    ago is current, as the database's clock says, not stale as the desk's would."""
    stopped = SourceHealth("x", stopped=True, error="FatalError", reason="401")
    assert await SourceRecorder(store, writer="worker-1:4242").record([stopped])
    ahead = create_app(config, store, clock=lambda: datetime.now(UTC) + timedelta(minutes=10))
    async with TestServer(ahead) as server, TestClient(server) as client:
        body = await (await client.get("/healthz")).json()
    assert body["status"] == "degraded" and body["sources"]["x"]["status"] == "stopped"


async def test_a_source_whose_writer_is_gone_does_not_degrade(config: Config, store: Store) -> None:
    ended = SourceRecorder(store, writer="worker-3:9")
    ended.start(lambda: [SourceHealth("x", stopped=True, error="FatalError", reason="401")])
    await ended.close([SourceHealth("x", stopped=True, error="FatalError", reason="401")])
    async with TestServer(create_app(config, store)) as server, TestClient(server) as client:
        body = await (await client.get("/healthz")).json()
    assert body["status"] == "ok" and body["sources"]["x"]["status"] == "unknown"


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
