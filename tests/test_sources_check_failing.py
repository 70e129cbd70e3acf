"""`sources check` says a source is failing in a running worker, as /healthz counts it: how
often, since when, why, and whether /healthz says degraded yet (past its grace) or it is a blip
so far; the store is named where it refused the pages. It used to say "read by the running
worker … since" for a source that had read nothing for an hour."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from typer.testing import CliRunner

from mentiondesk.cli import app
from mentiondesk.source_health import SourceHealth
from mentiondesk.source_recorder import SourceRecorder
from mentiondesk.store import Store
from tests.platforms.test_cli_sources import _lisbon_config

LISBON = ZoneInfo("Europe/Lisbon")
WHY = "hackernews search: ClientConnectorError: connection refused at 127.0.0.1:9"


def _check_after(tmp_path: Path, health: SourceHealth) -> str:
    db = tmp_path / "store.db"
    store = Store(f"sqlite:///{db}")
    store.create_all()
    try:
        assert asyncio.run(SourceRecorder(store, writer="worker-1:4242").record([health]))
    finally:
        store.dispose()
    config = _lisbon_config(tmp_path, db)
    result = CliRunner().invoke(app, ["--config", str(config), "sources", "check"])
    return " ".join(result.output.split())  # the line as read, however the terminal wrapped it


def _hhmm(at: datetime) -> str:
    return f"{at.astimezone(LISBON):%H:%M} (Europe/Lisbon)"


def test_a_source_failing_past_its_grace_is_said_as_healthz_says_it(tmp_path: Path) -> None:
    since = datetime.now(UTC) - timedelta(minutes=12)
    output = _check_after(tmp_path, SourceHealth("hn", failing_since=since, failures=9, cause=WHY))
    assert (
        "hn: failing (9 failed tries; /healthz says degraded) in the running worker "
        f"worker-1:4242 since {_hhmm(since)}: {WHY}" in output
    )
    assert "read by the running worker" not in output


def test_a_blip_is_said_as_one(tmp_path: Path) -> None:
    since = datetime.now(UTC) - timedelta(seconds=30)
    output = _check_after(tmp_path, SourceHealth("hn", failing_since=since, failures=1, cause=WHY))
    assert "hn: failing (1 failed try; a blip so far: /healthz still ok)" in output


def test_the_store_is_named_where_it_refused_the_pages(tmp_path: Path) -> None:
    since = datetime.now(UTC) - timedelta(minutes=8)
    said = "cannot reach the database (connection refused)"
    output = _check_after(
        tmp_path, SourceHealth("hn", unstored_since=since, unstored_tries=6, unstored_cause=said)
    )
    assert "hn: failing (the store refusing its pages, 6 failed tries; /healthz says" in output
    assert said in output


def test_a_gone_workers_failing_row_claims_nothing_of_healthz(tmp_path: Path) -> None:
    """A worker stopped cleanly: what it last saw, with no word on how /healthz counts it."""
    db = tmp_path / "store.db"
    store = Store(f"sqlite:///{db}")
    store.create_all()
    since = datetime.now(UTC) - timedelta(seconds=30)
    failing = SourceHealth("hn", failing_since=since, failures=2, cause=WHY)
    try:
        asyncio.run(_closed(SourceRecorder(store, writer="worker-1:4242"), failing))
    finally:
        store.dispose()
    config = _lisbon_config(tmp_path, db)
    output = " ".join(
        CliRunner().invoke(app, ["--config", str(config), "sources", "check"]).output.split()
    )
    assert f"it last recorded: failing (2 failed tries) since {_hhmm(since)}: {WHY}" in output
    assert "/healthz" not in output


async def _closed(recorder: SourceRecorder, failing: SourceHealth) -> None:
    recorder.start(lambda: [failing])
    await recorder.close([failing])
