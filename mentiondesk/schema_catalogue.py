"""The store's columns and indexes, read in one go. Every CLI command checks the schema as it
starts, and SQLAlchemy's inspector asks PostgreSQL table by table, a few queries each: some
250 a command. Here PostgreSQL's catalogue is read in two queries for all the tables."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.engine import Connection

# pg_attribute, not information_schema.columns: that lists only the columns the user has a
# right on, and a table of another role must read as there (the survey names the GRANT).
_PG_COLUMNS = sa.text(
    "SELECT c.relname, a.attname FROM pg_attribute a"
    " JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
    " WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')"
    " AND c.relname = ANY(:names) AND a.attnum > 0 AND NOT a.attisdropped"
)
_PG_INDEXES = sa.text(
    "SELECT tablename, indexname FROM pg_indexes"
    " WHERE schemaname = current_schema() AND tablename = ANY(:names)"
)
# SQLAlchemy skips, with a warning, an index on an expression (lower(handle)) when it
# reflects SQLite, so its catalogue is read for the names.
_SQLITE_INDEXES = sa.text("SELECT tbl_name, name FROM sqlite_master WHERE type = 'index'")


@dataclass(frozen=True)
class Catalogue:
    columns: dict[str, set[str]]  # table → its columns' names
    indexes: dict[str, set[str]]  # table → its indexes' names


def read_catalogue(conn: Connection, tables: Iterable[str]) -> Catalogue:
    """The columns and index names of `tables` (ones not there: empty sets)."""
    names = sorted(set(tables))
    columns: dict[str, set[str]] = {name: set() for name in names}
    indexes: dict[str, set[str]] = {name: set() for name in names}
    if conn.dialect.name == "postgresql":
        for table, column in conn.execute(_PG_COLUMNS, {"names": names}):
            columns[str(table)].add(str(column))
        for table, index in conn.execute(_PG_INDEXES, {"names": names}):
            indexes[str(table)].add(str(index))
        return Catalogue(columns, indexes)
    inspector = sa.inspect(conn)  # SQLite: PRAGMAs in the process, no round trips
    there = set(inspector.get_table_names())
    for name in names:
        if name in there:
            columns[name] = {column["name"] for column in inspector.get_columns(name)}
    for table, index in conn.execute(_SQLITE_INDEXES):
        if table in indexes:
            indexes[str(table)].add(str(index))
    return Catalogue(columns, indexes)
