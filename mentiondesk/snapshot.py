"""One moment of the store for figures read in several queries (the report, the dashboard):
workers writing meanwhile show in none of them rather than in some (a case counted open in
one figure and resolved in another)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.engine import Connection, Engine


@contextmanager
def snapshot(engine: Engine) -> Iterator[Connection]:
    """A connection in one read-only transaction that sees the store as of its first query.

    PostgreSQL: REPEATABLE READ (its default, READ COMMITTED, sees each statement's moment).
    SQLite: a transaction begun for reading is one (WAL), but Python's sqlite3 begins none
    before a SELECT: each query read the latest commit, so BEGIN is sent here.
    """
    with engine.connect() as conn:
        if conn.dialect.name == "postgresql":
            conn.execution_options(isolation_level="REPEATABLE READ", postgresql_readonly=True)
            with conn.begin():
                yield conn
            return
        with conn.begin():
            conn.exec_driver_sql("BEGIN")
            yield conn
