"""The store's schema: created once, even by several workers starting together, and checked.

mentiondesk has no migrations yet. What a newer version adds is created when it can be
(new tables, new indexes on existing tables); a column an older database lacks stops start-up
with the columns named, instead of a crash half-way through delivering something.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine
from sqlmodel import SQLModel

from mentiondesk.models import ConfigError

_LOCK = 7_246_331  # PostgreSQL advisory lock: one worker creates the schema, the others wait


def ensure(engine: Engine) -> None:
    """Create what is missing and check what cannot be created; ConfigError when it fails."""
    try:
        with engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LOCK})
            SQLModel.metadata.create_all(conn)
            for table in SQLModel.metadata.sorted_tables:
                for index in table.indexes:  # added to a table since it was created
                    index.create(conn, checkfirst=True)
            missing = _missing_columns(conn)
    except sa.exc.OperationalError as exc:
        raise _cannot_open(engine, exc) from None
    if missing:
        raise ConfigError(
            f"store.url: the database was made by an older mentiondesk and lacks "
            f"{', '.join(missing)}; add them (README, 'Upgrading') or point [store] url at a "
            "new database"
        )


def check_reachable(engine: Engine) -> str:
    """Connect once (creating nothing); the URL without its password, or ConfigError."""
    try:
        with engine.connect() as conn:
            conn.execute(sa.text("SELECT 1"))
    except sa.exc.OperationalError as exc:
        raise _cannot_open(engine, exc) from None
    return engine.url.render_as_string(hide_password=True)


def _cannot_open(engine: Engine, exc: sa.exc.OperationalError) -> ConfigError:
    where = engine.url.render_as_string(hide_password=True)
    reason = str(exc.orig).strip().splitlines()[0] if exc.orig else type(exc).__name__
    return ConfigError(
        f"store.url: cannot open {where} ({reason}); check that the database is running "
        "and the URL is right"
    )


def _missing_columns(conn: Connection) -> list[str]:
    inspector = sa.inspect(conn)
    missing = []
    for table in SQLModel.metadata.sorted_tables:
        have = {column["name"] for column in inspector.get_columns(table.name)}
        missing += [f"{table.name}.{c.name}" for c in table.columns if c.name not in have]
    return missing
