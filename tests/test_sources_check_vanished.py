"""`sources check` judges a source no worker reads as /healthz does (source_vanished): by its
latest writer, on the database's clock. It used to speak of the row with the worst state, so
a worker restarted after a clean stop and then killed was said as "not running: … stopped"
while /healthz was red, and a clean stop after a killed worker as "it may have died"."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from pathlib import Path

from mentiondesk.source_health import SourceHealth
from mentiondesk.source_recorder import SourceRecorder
from mentiondesk.source_states import STALE_AFTER
from mentiondesk.store import Store
from tests.helpers import age_source_rows
from tests.sources_fixtures import flat, hhmm, sources_check

REVOKED = SourceHealth("hn", stopped=True, error="FatalError", reason="hn: 401 token revoked")


def _store(tmp_path: Path) -> tuple[Path, Store]:
    db = tmp_path / "store.db"
    store = Store(f"sqlite:///{db}")
    store.create_all()
    return db, store


async def _stopped_cleanly(store: Store, writer: str, health: SourceHealth) -> None:
    recorder = SourceRecorder(store, writer=writer)
    recorder.start(lambda: [health])
    await recorder.close([health])


def test_a_worker_killed_after_a_clean_stop_is_said_as_read_by_none(tmp_path: Path) -> None:
    """worker:1 stopped cleanly on a revoked token; the token fixed, worker:2 read the
    source until the OOM killer took it."""
    db, store = _store(tmp_path)
    try:
        asyncio.run(_stopped_cleanly(store, "worker:1", REVOKED))
        age_source_rows(f"sqlite:///{db}", "worker:1", 3 * STALE_AFTER)
        assert asyncio.run(SourceRecorder(store, writer="worker:2").record([SourceHealth("hn")]))
        last = age_source_rows(f"sqlite:///{db}", "worker:2", 2 * STALE_AFTER)
    finally:
        store.dispose()
    output = flat(sources_check(tmp_path, db))
    assert (
        f"hn: NO WORKER READS IT since {hhmm(last)}: worker worker:2 has not refreshed it for "
        "over 5 minutes and was never stopped cleanly" in output
    )
    assert "/healthz says degraded — fix: restart the service that runs `mentiondesk run`" in (
        output
    )
    assert "worker:1" not in output


def test_a_clean_stop_after_a_killed_worker_is_what_counts(tmp_path: Path) -> None:
    """Killed, restarted, then stopped cleanly for an upgrade: meant, as /healthz has it."""
    db, store = _store(tmp_path)
    try:
        assert asyncio.run(SourceRecorder(store, writer="worker:1").record([REVOKED]))
        age_source_rows(f"sqlite:///{db}", "worker:1", 3 * STALE_AFTER)
        asyncio.run(_stopped_cleanly(store, "worker:2", SourceHealth("hn")))
        age_source_rows(f"sqlite:///{db}", "worker:2", timedelta(minutes=1))
    finally:
        store.dispose()
    output = flat(sources_check(tmp_path, db))
    assert "hn: not running: worker worker:2 stopped at" in output
    assert "NO WORKER" not in output and "worker:1" not in output
