"""How a database URL becomes the store's engine: pooling per backend and SQLite's pragmas."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

# Seconds a PostgreSQL connection attempt may take (unless the URL says): a database host
# that does not answer at all (rebooting, its address moving in a failover) otherwise held
# each attempt for the kernel's two minutes of retries, and a stop's drain past a
# supervisor's stop timeout (systemd's 90 s).
CONNECT_TIMEOUT = 10


def make_engine(url: str, *, echo: bool = False, pooled: bool = True) -> Engine:
    """An engine for `url`; `pooled=False` for a CLI command, whose connections close at once."""
    # hide_parameters: a failed statement's values (mention text, drafts, password
    # hashes) stay out of exception messages, and so out of the logs.
    options = _engine_options(url, pooled)
    engine = sa.create_engine(url, echo=echo, hide_parameters=True, **options)
    if engine.dialect.name == "sqlite":
        sa.event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _engine_options(url: str, pooled: bool) -> dict[str, Any]:
    # SQLite: one connection per thread; the pipeline serialises writes through one executor.
    sqlite: dict[str, Any] = {"connect_args": {"check_same_thread": False, "timeout": 30}}
    options = sqlite if url.startswith("sqlite") else {}
    if url.startswith("postgresql"):
        # JIT off: the planner's row estimates for the desk's filtered joins pass the JIT
        # cost thresholds, and compiling took 12.6 s of a 14.3 s queue page on a year of data;
        # these are short OLTP queries that never repay the compile time.
        args = {**options.get("connect_args", {}), "options": "-c jit=off"}
        if "connect_timeout" not in sa.engine.make_url(url).query:
            args["connect_timeout"] = CONNECT_TIMEOUT
        options = {**options, "connect_args": args}
    if not pooled:  # a CLI command: each connection closes when its query is done
        return {**options, "poolclass": sa.pool.NullPool}
    if url.startswith("sqlite"):
        return options
    return {**options, "pool_pre_ping": True, "pool_size": 5, "max_overflow": 5}


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()
