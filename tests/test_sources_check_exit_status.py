"""`sources check` as a monitoring cron runs it (the exit code decides the page), on a real
PostgreSQL store, against a fake Hacker News that answers its probe: it exits 1 where the
workers' records say nothing reads a source now, as /healthz counts it "degraded" (no worker
reads it since the last was killed, a running worker stopped it, or fails it past its grace)
or where the store cannot be read, its last line naming each; 0 for a blip, a clean stop,
and a source no worker has run yet. It used to exit 0 on all of these (the probe passed)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from mentiondesk.source_health import SourceHealth
from mentiondesk.source_states import STALE_AFTER
from mentiondesk.store import Store
from tests.helpers import age_source_rows
from tests.platforms.test_cli_sources import _closed_port
from tests.sources_fixtures import HnSearch, check_hn, record_at, serve

WORKER = "web-1:4242"
FAILED = "Check failed (exit 1)"


@pytest.fixture
def hn_url() -> Iterator[str]:
    yield from serve(HnSearch)


def _schema(url: str) -> None:
    """The tables, as the first worker makes them: a desk whose worker has not run yet."""
    store = Store(url)
    store.create_all()
    store.dispose()


def _record(url: str, health: SourceHealth, *, close: bool = False) -> None:
    record_at(url, health, writer=WORKER, close=close)


def test_a_source_no_worker_reads_fails_the_check(tmp_path: Path, pg_url: str, hn_url: str) -> None:
    """The worker reading it was killed (kill -9, the OOM killer): its row, never ended,
    was not refreshed for longer than the staleness rule allows."""
    _record(pg_url, SourceHealth("hn"))
    age_source_rows(pg_url, WORKER, 2 * STALE_AFTER)
    status, output = check_hn(tmp_path, pg_url, hn_url)
    assert "│ hn │ hackernews │ ok │" in output  # the probe itself passes
    assert "hn: NO WORKER READS IT since" in output
    assert output.endswith(f"{FAILED}: hn (no worker reads it)")
    assert status == 1


def test_a_source_a_running_worker_stopped_fails_the_check_though_the_probe_passes(
    tmp_path: Path, pg_url: str, hn_url: str
) -> None:
    """The token was fixed since (the probe passes), but that worker reads it no more until
    it restarts."""
    why = "hn search: 401 token revoked"
    _record(pg_url, SourceHealth("hn", stopped=True, error="FatalError", reason=why))
    status, output = check_hn(tmp_path, pg_url, hn_url)
    assert f"hn: stopped by the running worker {WORKER}" in output
    assert output.endswith(f"{FAILED}: hn (stopped by a running worker)")
    assert status == 1


def test_a_source_failing_past_its_grace_fails_it_and_a_blip_does_not(
    tmp_path: Path, pg_url: str, hn_url: str
) -> None:
    cause = "hackernews search: 503 Service Unavailable"
    since = datetime.now(UTC) - timedelta(minutes=20)
    _record(pg_url, SourceHealth("hn", failing_since=since, failures=12, cause=cause))
    status, output = check_hn(tmp_path, pg_url, hn_url)
    assert "/healthz says degraded" in output
    assert output.endswith(f"{FAILED}: hn (failing: /healthz says degraded)")
    assert status == 1
    blip = SourceHealth("hn", failing_since=datetime.now(UTC), failures=1, cause=cause)
    _record(pg_url, blip)
    status, output = check_hn(tmp_path, pg_url, hn_url)
    assert "a blip so far" in output and FAILED not in output
    assert status == 0


def test_read_stopped_cleanly_or_never_run_passes(tmp_path: Path, pg_url: str, hn_url: str) -> None:
    _schema(pg_url)
    status, output = check_hn(tmp_path, pg_url, hn_url)
    assert "hn: no running worker has recorded it" in output and FAILED not in output
    assert status == 0
    _record(pg_url, SourceHealth("hn"))
    status, output = check_hn(tmp_path, pg_url, hn_url)
    assert f"hn: read by the running worker {WORKER}" in output and status == 0
    _record(pg_url, SourceHealth("hn"), close=True)  # `systemctl stop` for an upgrade: meant
    status, output = check_hn(tmp_path, pg_url, hn_url)
    assert "hn: not running: worker" in output and FAILED not in output
    assert status == 0


def test_a_store_that_cannot_be_read_fails_the_check(tmp_path: Path, hn_url: str) -> None:
    """PostgreSQL down: nothing says any source is read (as /healthz answers 503)."""
    down = f"postgresql+psycopg://postgres@127.0.0.1:{_closed_port()}/mentiondesk"
    status, output = check_hn(tmp_path, down, hn_url)
    assert "the store could not be read (OperationalError)" in output
    assert output.endswith(f"{FAILED}: the store could not be read (OperationalError)")
    assert status == 1


def test_a_failed_probe_is_named_on_the_last_line(tmp_path: Path, pg_url: str) -> None:
    _schema(pg_url)
    status, output = check_hn(tmp_path, pg_url, f"http://127.0.0.1:{_closed_port()}")
    assert output.endswith(f"{FAILED}: hn (its probe failed)")
    assert status == 1


def test_a_source_added_after_the_workers_started_fails_the_check(
    tmp_path: Path, pg_url: str, hn_url: str
) -> None:
    """hn2 added to the config, the service not restarted: the running worker reads hn only
    (a worker reads its config at start), and /healthz, served by it, knows nothing of hn2."""
    _record(pg_url, SourceHealth("hn"))
    added = f'[[sources]]\nkind = "hackernews"\nname = "hn2"\nbase_url = "{hn_url}"\n'
    status, output = check_hn(tmp_path, pg_url, hn_url, also=added)
    assert f"hn2: NO WORKER READS IT: the running workers ({WORKER}) do not poll it" in output
    assert "fix: restart them with this config" in output
    assert output.endswith(f"{FAILED}: hn2 (no running worker polls it)")
    assert status == 1
    _record(pg_url, SourceHealth("hn"), close=True)  # none runs now: a cron desk between runs
    status, output = check_hn(tmp_path, pg_url, hn_url, also=added)
    assert "hn2: no running worker has recorded it" in output and status == 0
