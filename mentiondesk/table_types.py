"""Column types shared by every table module."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.compiler import compiles

# SQLite gives a deleted last row's id to the next row unless told not to: an erased author's
# draft 1 or case MD-000001 would come back as someone else's, whose key (`post:draft:1`) or
# Slack card then names the erased one's. PostgreSQL's sequences never reuse an id.
NEVER_REUSED = {"sqlite_autoincrement": True}


class UTCDateTime(sa.TypeDecorator[datetime]):
    """Aware UTC timestamps on both backends (SQLite keeps them as text without a zone)."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: sa.Dialect) -> datetime | None:
        if value is None:
            return None
        value = value.astimezone(UTC) if value.tzinfo else value
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: sa.Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value


TS = UTCDateTime()


def now() -> datetime:
    return datetime.now(UTC)


class DatabaseNow(sa.sql.functions.FunctionElement[datetime]):
    """The database's clock, read in the statement: one clock for every process that shares
    the store, whatever their hosts' clocks say (SQLite's is its one host's). An aware UTC
    datetime on both backends."""

    type = TS
    inherit_cache = True


@compiles(DatabaseNow)
def _database_now(element: DatabaseNow, compiler: Any, **kw: Any) -> str:
    return "CURRENT_TIMESTAMP"  # PostgreSQL: the transaction's start, with its zone


@compiles(DatabaseNow, "sqlite")
def _sqlite_now(element: DatabaseNow, compiler: Any, **kw: Any) -> str:
    # CURRENT_TIMESTAMP is whole seconds there; this is UTC to the millisecond, as text
    # that SQLAlchemy's DateTime reads.
    return "strftime('%Y-%m-%d %H:%M:%f', 'now')"
