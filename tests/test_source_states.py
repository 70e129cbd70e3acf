"""Source states shared through the store: what one process's pollers saw (a source stopped
for good, rate limited, reading) is read by another process on the same database (the desk,
`sources check`), written when it changes, refreshed while the writer runs, marked ended at
its clean stop; a store that refuses the write is retried and stops nothing."""

from __future__ import annotations

import asyncio
import io
import logging
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from mentiondesk.pipeline import App
from mentiondesk.source_health import SourceHealth
from mentiondesk.source_recorder import SourceRecorder
from mentiondesk.source_states import REFRESH, STALE_AFTER, recorded, standing, stopped_now
from mentiondesk.store import Store
from mentiondesk.table_types import DatabaseNow
from mentiondesk.tables import OUTBOX, SOURCE_STATE
from responders.console import ConsoleResponder
from tests.helpers import age_source_rows, config_for, table_rows
from tests.test_source_stop_alert import TOKEN, Revoked

T0 = datetime(2026, 12, 3, 14, 2, tzinfo=UTC)
SKEW = timedelta(minutes=10)  # two hosts' clocks apart, past STALE_AFTER


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now


async def test_a_workers_stop_is_read_by_another_process(tmp_path: Path, db_url: str) -> None:
    config = config_for(tmp_path, db_url, [])
    console = ConsoleResponder("console", out=io.StringIO())
    desk = Store(db_url)  # the desk's process: its own engine on the same database
    async with App(config, sources=[Revoked()], responders={"console": console}) as app:  # type: ignore[list-item]
        await app.start()
        await asyncio.wait_for(asyncio.gather(*app._poll_tasks), 5)
        [row] = stopped_now(desk, datetime.now(UTC))
        stopped_at = app.pollers[0].stopped_at
    assert (row.name, row.writer, row.error) == ("x", app.recorder.writer, "FatalError")
    assert row.reason.startswith("x mentions: 401 Unauthorized for …") and TOKEN not in row.reason
    assert row.since == stopped_at
    [ended] = recorded(desk)  # the worker stopped cleanly: its row says so, not current
    assert ended.ended_at is not None and not stopped_now(desk, datetime.now(UTC))
    desk.dispose()


def _db_now(store: Store) -> datetime:
    with store.engine.connect() as conn:
        return conn.scalar(sa.select(DatabaseNow()))


async def test_only_a_change_is_written_until_the_refresh(db_url: str) -> None:
    store, clock = Store(db_url), Clock()
    store.create_all()
    recorder = SourceRecorder(store, writer="w:1", clock=clock)
    before = _db_now(store)
    assert await recorder.record([SourceHealth("x")])
    [first] = recorded(store)
    assert before <= first.updated_at <= _db_now(store)  # the database's clock, not T0
    clock.now = T0 + timedelta(seconds=10)
    assert await recorder.record([SourceHealth("x")])  # unchanged: nothing written
    assert [(r.state, r.updated_at) for r in recorded(store)] == [("ok", first.updated_at)]
    until = T0 + timedelta(minutes=15)
    before = _db_now(store)
    assert await recorder.record([SourceHealth("x", rate_limited_until=until)])
    [row] = recorded(store)
    assert (row.state, row.until, row.since) == ("limited", until, clock.now)
    assert before <= row.updated_at <= _db_now(store)
    clock.now = T0 + REFRESH + timedelta(seconds=10)  # unchanged, but the refresh is due
    before = _db_now(store)
    assert await recorder.record([SourceHealth("x", rate_limited_until=until)])
    [row] = recorded(store)
    assert (row.state, row.since) == ("limited", T0 + timedelta(seconds=10))
    assert before <= row.updated_at <= _db_now(store)
    store.dispose()


async def test_a_row_not_refreshed_is_not_current(db_url: str) -> None:
    store = Store(db_url)
    store.create_all()
    stopped = SourceHealth("x", stopped=True, error="FatalError", reason="401", since=T0)
    assert await SourceRecorder(store, writer="gone:1").record([stopped])
    assert await SourceRecorder(store, writer="live:2").record([SourceHealth("x")])
    now = datetime.now(UTC)
    assert [r.writer for r in stopped_now(store, now)] == ["gone:1"]
    age_source_rows(db_url, "gone:1", STALE_AFTER + timedelta(seconds=1))  # live:2 refreshed
    assert not stopped_now(store, now)
    assert standing(recorded(store), now)["x"].writer == "live:2"
    store.dispose()


async def test_hosts_clocks_apart_still_see_a_fresh_row_as_current(db_url: str) -> None:
    """The writer's host 10 minutes behind, the reader's 10 minutes ahead: both are judged by
    the database's clock, so the row written a moment ago is current, and its clean stop ends
    it at the database's now."""
    store = Store(db_url)
    store.create_all()
    stopped = SourceHealth("x", stopped=True, error="FatalError", reason="401", since=T0)
    writer = SourceRecorder(store, writer="w:1", clock=lambda: datetime.now(UTC) - SKEW)
    writer.start(lambda: [stopped])
    assert await writer.record([stopped])
    ahead = datetime.now(UTC) + SKEW
    assert [r.writer for r in stopped_now(store, ahead)] == ["w:1"]
    assert standing(recorded(store), ahead)["x"].as_json(ahead)["status"] == "stopped"
    before = _db_now(store)
    await writer.close([stopped])
    [ended] = recorded(store)
    assert ended.ended_at is not None and before <= ended.ended_at <= _db_now(store)
    assert not ended.current() and not stopped_now(store, ahead)
    store.dispose()


async def test_a_row_old_on_the_databases_clock_is_stale_to_a_reader_behind(
    db_url: str,
) -> None:
    store = Store(db_url)
    store.create_all()
    stopped = SourceHealth("x", stopped=True, error="FatalError", reason="401", since=T0)
    assert await SourceRecorder(store, writer="gone:1").record([stopped])
    age_source_rows(db_url, "gone:1", STALE_AFTER + timedelta(seconds=1))
    behind = datetime.now(UTC) - SKEW  # by its own clock, the row is from its future
    assert not stopped_now(store, behind)
    assert standing(recorded(store), behind)["x"].as_json(behind)["status"] == "unknown"
    store.dispose()


async def test_a_store_error_is_logged_once_and_retried(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    store = Store(f"sqlite:///{tmp_path / 'new.db'}")  # no tables yet: every write fails
    recorder = SourceRecorder(store, writer="w:1")
    stopped = SourceHealth("x", stopped=True, error="FatalError", reason="401", since=T0)
    with caplog.at_level(logging.INFO, logger="mentiondesk.source_recorder"):
        assert not await recorder.record([stopped])
        assert not await recorder.record([stopped])
        store.create_all()
        assert await recorder.record([stopped])  # the same change, written at the next look
    said = [r.getMessage() for r in caplog.records]
    assert said == [
        "source states: recording them in the store failed (OperationalError); retrying every 5 s",
        "source states: recorded in the store again",
    ]
    assert [(r.name, r.state, r.since) for r in recorded(store)] == [("x", "stopped", T0)]
    store.dispose()


async def test_a_store_refusing_the_state_still_alerts_the_stop(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 's.db'}"
    config = config_for(tmp_path, url, [])
    console = ConsoleResponder("console", out=io.StringIO())
    async with App(config, sources=[Revoked()], responders={"console": console}) as app:  # type: ignore[list-item]
        with app.store.engine.begin() as conn:
            conn.execute(sa.text(f"DROP TABLE {SOURCE_STATE.name}"))
        await app.start()
        await asyncio.wait_for(asyncio.gather(*app._poll_tasks), 5)
        assert app.source_health()[0].stopped  # /healthz of the worker aside, the run says it
    [(key,)] = table_rows(url, sa.select(OUTBOX.c.key))
    assert key.startswith("source-stopped:x:")
