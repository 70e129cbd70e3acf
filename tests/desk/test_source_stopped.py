"""A source a running worker stopped for good (a revoked token) is named to managers on every
desk page, in their language, with the reason escaped, whichever process serves the desk: it
is read from the store, where the worker recorded it. Agents, who cannot fix it, are not told,
and a row whose writer is gone (not refreshed for STALE_AFTER) is not shown as current."""

from __future__ import annotations

from datetime import UTC, datetime

from aiohttp.test_utils import TestClient, TestServer

from mentiondesk.config import Config
from mentiondesk.source_health import SourceHealth
from mentiondesk.source_recorder import SourceRecorder
from mentiondesk.source_states import STALE_AFTER
from mentiondesk.store import Store
from mentiondesk.web import create_app
from tests.desk.conftest import Desk
from tests.helpers import age_source_rows

REASON = "x mentions: <b>401</b> Unauthorized; check the bearer token"
SHOWN = "x mentions: &lt;b&gt;401&lt;/b&gt; Unauthorized; check the bearer token"
PT_BR = {"Accept-Language": "pt-BR"}


async def _worker_records(config: Config) -> None:
    """Another process's store on the same database: a worker that stopped x, and one gone
    since before STALE_AFTER that had stopped mastodon."""
    worker = Store(config.store_url())
    now = datetime.now(UTC)
    try:
        running = SourceRecorder(worker, writer="worker-1:4242")
        stopped = SourceHealth("x", stopped=True, error="FatalError", reason=REASON, since=now)
        assert await running.record([stopped, SourceHealth("reddit")])
        gone = SourceRecorder(worker, writer="worker-2:77")
        old = SourceHealth("mastodon", stopped=True, error="FatalError", reason="gone-reason")
        assert await gone.record([old])
        age_source_rows(config.store_url(), "worker-2:77", 2 * STALE_AFTER)
    finally:
        worker.dispose()


async def _pages(config: Config, store: Store, who: str, path: str = "/queue") -> list[str]:
    await _worker_records(config)
    app = create_app(config, store)  # no pipeline here: the desk reads the store
    async with TestServer(app) as server, TestClient(server) as client:
        desk = Desk(client)
        assert await desk.login(who) == 303
        english = await (await client.get(path)).text()
        portuguese = await (await client.get(path, headers=PT_BR)).text()
    return [english, portuguese]


async def test_a_manager_is_told_which_source_stopped_and_why(config: Config, store: Store) -> None:
    english, portuguese = await _pages(config, store, "manager")
    assert (
        f"Source “x” stopped: {SHOWN}. No new mentions are read from it until mentiondesk is "
        "restarted." in english
    )
    assert "<b>401</b>" not in english and "reddit" not in english
    assert "gone-reason" not in english  # its writer stopped refreshing: not current
    assert f"A fonte “x” parou: {SHOWN}. Nenhuma menção nova será lida dessa fonte" in portuguese


async def test_an_agent_is_not_told(config: Config, store: Store) -> None:
    english, _ = await _pages(config, store, "agent")
    assert "source-stopped" not in english and "Unauthorized" not in english
