"""Review of today's stage_restarts: /healthz reads the stage restarts on every request, so
once a store is seen to hold the table its catalogue is not asked again (a monitor polls it
every few seconds); a store without the table (an older worker's) still reads none, and
reads them once a worker of this version has made it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import sqlalchemy as sa

from mentiondesk import stage_restarts
from mentiondesk.store import Store
from mentiondesk.tables import STAGE_RESTART


@contextmanager
def _statements(store: Store) -> Iterator[list[str]]:
    ran: list[str] = []

    def seen(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        ran.append(statement)

    sa.event.listen(store.engine, "before_cursor_execute", seen)
    try:
        yield ran
    finally:
        sa.event.remove(store.engine, "before_cursor_execute", seen)


def test_a_second_read_asks_no_catalogue(store: Store) -> None:
    stage_restarts.write(store, "outbox", "web-1:42")
    assert [r.count for r in stage_restarts.recent(store)] == [1]
    with _statements(store) as ran:
        found = stage_restarts.recent(store)
        assert [(r.writer, r.stage, r.count) for r in found] == [("web-1:42", "outbox", 1)]
        assert len(ran) == 2, ran  # the database's clock, then the counts


def test_an_old_store_reads_none_until_the_table_is_made(store: Store) -> None:
    with store.engine.begin() as conn:
        STAGE_RESTART.drop(conn)
    assert stage_restarts.recent(store) == []
    assert stage_restarts.recent(store) == []  # not remembered as there
    with store.engine.begin() as conn:
        STAGE_RESTART.create(conn)
    stage_restarts.write(store, "processor", "w:1")
    assert [r.stage for r in stage_restarts.recent(store)] == ["processor"]
