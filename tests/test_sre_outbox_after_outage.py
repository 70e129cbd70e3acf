"""`run` listening through a PostgreSQL outage with deliveries already due (an alert queued
before it): the outbox worker, waiting between tries, goes on as soon as the pollers find
the database answering again, not once its own wait (up to a minute) is over, and still
delivers each action once."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from mentiondesk import outbox
from mentiondesk.pipeline import App
from tests.conftest import Database
from tests.helpers import COMPLAINT, config_for, mention
from tests.outage_helpers import back_after_outage
from tests.test_pipeline import Recorder, recorders

pytestmark = pytest.mark.postgres


async def test_due_deliveries_go_out_when_the_pollers_find_the_database_back(
    tmp_path: Path, pg_url: str, database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An hour between the worker's tries, and nothing new to process once the database is
    back (the alert was queued before the outage): only the pollers' finding the store
    answering can bring delivery back while the test runs."""
    monkeypatch.setattr(outbox, "_outage_wait", lambda failures: 3600.0)
    sinks = recorders()
    config = config_for(tmp_path, pg_url, [], poll_seconds=0.2)
    app = App(config, responders=sinks)  # type: ignore[arg-type]
    console: Recorder = sinks["console"]

    async def decided_before() -> None:
        await asyncio.to_thread(app.store.ingest, "elsewhere", [mention(1, COMPLAINT)], "c1")
        assert await app.process_all() == 1  # decided: its alert waits in the outbox

    delivered = await back_after_outage(
        app,
        database,
        failed=("mentiondesk.outbox", "outbox worker: database error"),
        done=lambda: bool(console.delivered),
        before=decided_before,
    )
    assert delivered and len(console.delivered) == 1
    assert not app.restarts  # waited out in the worker, no crash
