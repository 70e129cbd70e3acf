"""An upgrade's start-up change (a column added) while a backup holds the tables: it waits
in short tries, giving the table back between them, instead of queueing every other
session's query on that table behind it for the whole backup."""

from __future__ import annotations

import logging
import threading

import pytest
import sqlalchemy as sa

from mentiondesk import schema
from mentiondesk.store import Store

pytestmark = pytest.mark.postgres
GUARD = 120  # seconds: only what a hang would take, never a measure of speed


def _column(url: str) -> bool:
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            found = sa.inspect(conn).get_columns("case")
    finally:
        engine.dispose()
    return "ticket_url" in {c["name"] for c in found}


def test_a_column_added_behind_a_backup_waits_in_short_tries(
    pg_url: str, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(schema, "LOCK_WAIT", "200ms")
    monkeypatch.setattr(schema, "RETRY_SECONDS", 0.2)
    store = Store(pg_url)
    store.create_all()
    with store.engine.begin() as conn:  # a store an older version made
        conn.execute(sa.text('ALTER TABLE "case" DROP COLUMN ticket_url'))
    backup = store.engine.connect()
    backup.execute(sa.text('SELECT count(*) FROM "case"'))  # holds it, as pg_dump does
    warned = threading.Event()

    class Seen(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if "in use by another session" in record.getMessage():
                warned.set()

    seen = Seen()
    logging.getLogger("mentiondesk.schema").addHandler(seen)
    upgraded = threading.Thread(target=store.create_all)
    try:
        upgraded.start()
        assert warned.wait(GUARD), "the change waited on the table's lock without a limit"
        with store.engine.connect() as desk:  # another session reads on, not queued behind
            desk.execute(sa.text("SET lock_timeout = '30s'"))
            assert desk.execute(sa.text('SELECT count(*) FROM "case"')).scalar() == 0
    finally:
        backup.rollback()
        backup.close()
        upgraded.join(GUARD)
        logging.getLogger("mentiondesk.schema").removeHandler(seen)
        store.dispose()
    assert not upgraded.is_alive()
    assert _column(pg_url)
