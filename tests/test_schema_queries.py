"""Every CLI command checks the schema as it starts: on PostgreSQL that reads the catalogue
in a few queries for all the tables, not the inspector's few per table (some 250 a command)."""

from __future__ import annotations

from typing import Any

import pytest
import sqlalchemy as sa

from mentiondesk import schema
from mentiondesk.store import Store
from mentiondesk.tables import AUTHOR


def _queries(store: Store) -> int:
    count = [0]

    def before(*_: Any) -> None:
        count[0] += 1

    sa.event.listen(store.engine, "before_cursor_execute", before)
    try:
        schema.ensure(store.engine)
    finally:
        sa.event.remove(store.engine, "before_cursor_execute", before)
    return count[0]


@pytest.mark.postgres
def test_an_up_to_date_store_is_checked_in_a_few_queries(pg_url: str) -> None:
    store = Store(pg_url)
    try:
        store.create_all()
        assert _queries(store) <= 12  # was 183: a handful per table
    finally:
        store.dispose()


def test_a_dropped_index_and_nullable_column_come_back(db_url: str) -> None:
    """What the one read of the catalogue finds missing is still made, an index on an
    expression too (SQLite's inspector cannot see those)."""
    store = Store(db_url)
    try:
        store.create_all()
        with store.engine.begin() as conn:
            conn.execute(sa.text("DROP INDEX ix_author_handle_lower"))
            conn.execute(sa.text('ALTER TABLE "case" DROP COLUMN ticket_url'))
        store.create_all()
        with store.engine.connect() as conn:
            conn.execute(sa.select(sa.text("ticket_url")).select_from(sa.text('"case"')))
            probe = sa.select(AUTHOR.c.id).where(sa.func.lower(AUTHOR.c.handle) == "x")
            if conn.dialect.name == "sqlite":
                plan = str(
                    conn.exec_driver_sql(
                        "EXPLAIN QUERY PLAN "
                        + str(probe.compile(conn, compile_kwargs={"literal_binds": True}))
                    ).all()
                )
            else:
                conn.exec_driver_sql("SET enable_seqscan = off")
                plan = str(
                    conn.execute(
                        sa.text(
                            "EXPLAIN "
                            + str(probe.compile(conn, compile_kwargs={"literal_binds": True}))
                        )
                    ).all()
                )
        assert "ix_author_handle_lower" in plan
    finally:
        store.dispose()
