"""How a database URL becomes the store's engine: pooling per backend and SQLite's pragmas."""

from __future__ import annotations

import os
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

# Seconds a PostgreSQL connection attempt may take (unless the URL says): a database host
# that does not answer at all (rebooting, its address moving in a failover) otherwise held
# each attempt for the kernel's two minutes of retries, and a stop's drain past a
# supervisor's stop timeout (systemd's 90 s).
CONNECT_TIMEOUT = 10
# TCP settings for a PostgreSQL connection, each end's (unless the URL says). Over a path
# gone dead (a partition, a failover moving the address) a pooled connection otherwise looks
# alive for the kernel's two hours before its first keepalive, and a statement or a pool's
# pre-ping sent down it waits for some 15 minutes of retransmits, a worker stuck the while;
# and the server keeps a vanished worker's transaction, and the row locks it took (an
# author's, an action's), as long, other workers waiting on them. So probe after 10 s idle,
# every 5 s, give up on 3 unanswered (or on data unacknowledged for 30 s): a dead peer is
# noticed within about half a minute, at both ends.
IDLE, INTERVAL, COUNT, USER_TIMEOUT_MS = 10, 5, 3, 30_000
CLIENT_TCP: dict[str, int] = {  # libpq's
    "keepalives": 1,
    "keepalives_idle": IDLE,
    "keepalives_interval": INTERVAL,
    "keepalives_count": COUNT,
    "tcp_user_timeout": USER_TIMEOUT_MS,
}
# What libpq says (no SQLSTATE comes with a refused connection) of a server not there yet or
# not taking connections now: restarting, starting with the host, in recovery, full, its
# name not resolved while the network comes up. Waiting may fix these; any other refusal (a
# password, a role or database that does not exist, SSL) is a config error, said at once.
PASSING = (
    "connection refused", "timeout expired", "timed out", "could not translate host name",
    "no route to host", "network is unreachable", "server closed the connection unexpectedly",
    "the database system is", "not currently accepting connections", "too many clients",
    "too many connections", "administrator command",
)  # fmt: skip
# The server's, and JIT off: the planner's row estimates for the desk's filtered joins pass
# the JIT cost thresholds, and compiling took 12.6 s of a 14.3 s queue page on a year of
# data; these are short OLTP queries that never repay the compile time.
SERVER_SETTINGS = (
    "jit=off",
    f"tcp_keepalives_idle={IDLE}",
    f"tcp_keepalives_interval={INTERVAL}",
    f"tcp_keepalives_count={COUNT}",
    f"tcp_user_timeout={USER_TIMEOUT_MS}",
)


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
        options = {**options, "connect_args": _postgres_args(url)}
    if not pooled:  # a CLI command: each connection closes when its query is done
        return {**options, "poolclass": sa.pool.NullPool}
    if url.startswith("sqlite"):
        return options
    return {**options, "pool_pre_ping": True, "pool_size": 5, "max_overflow": 5}


def _postgres_args(url: str) -> dict[str, Any]:
    """libpq's settings for the store: the URL's own win, and its `options` (a statement
    timeout, a search path), or else libpq's PGOPTIONS, are kept after ours: connect_args
    would replace them."""
    query = sa.engine.make_url(url).query
    given = query.get("options", os.environ.get("PGOPTIONS", ""))
    given = given if isinstance(given, str) else " ".join(given)
    ours = " ".join(f"-c {setting}" for setting in SERVER_SETTINGS)
    args: dict[str, Any] = {"options": f"{ours} {given}".strip()}
    defaults = {"connect_timeout": CONNECT_TIMEOUT, **CLIENT_TCP}
    args.update({key: value for key, value in defaults.items() if key not in query})
    return args


def unreachable(engine: Engine) -> str | None:
    """Why PostgreSQL cannot be reached right now (libpq's first line: no URL in it), or None:
    reached, not PostgreSQL, or refused for a reason waiting cannot fix (not PASSING), which
    opening the store then says as it does."""
    if engine.dialect.name != "postgresql":
        return None
    try:
        with engine.connect():
            return None
    except sa.exc.OperationalError as exc:
        said = str(exc.orig).strip()
        if not any(sign in said.lower() for sign in PASSING):
            return None
        return said.splitlines()[0]
    except sa.exc.SQLAlchemyError:  # a URL option libpq does not know: said as a config error
        return None


# SQLSTATEs of a connection the server ended or would not take: class 08 (connection
# exception) and the shutdowns (an administrator's pg_terminate_backend, a crash, a server
# starting or stopping). libpq's own failures (refused, no answer, the line dropped) have none.
_LOST_STATES = ("57P01", "57P02", "57P03")


def lost(exc: BaseException) -> bool:
    """Whether `exc` says the database went away or could not be reached (restarting, failing
    over, its connection cut), not that it refused a statement: what waiting fixes, whatever
    the statement was. A statement timeout or a lock timeout is no lost connection."""
    if not isinstance(exc, sa.exc.DBAPIError):
        return False
    if exc.connection_invalidated:  # SQLAlchemy's own judgement of a disconnect
        return True
    if not isinstance(exc, sa.exc.OperationalError | sa.exc.InterfaceError):
        return False
    if not hasattr(exc.orig, "sqlstate"):  # not psycopg (SQLite's errors have no SQLSTATE)
        return False
    state: str | None = getattr(exc.orig, "sqlstate", None)
    return state is None or state.startswith("08") or state in _LOST_STATES


def from_store(exc: BaseException) -> bool:
    """Whether `exc` is the store's (any SQLAlchemy error), not a platform's."""
    return isinstance(exc, sa.exc.SQLAlchemyError)


def store_failure(exc: BaseException) -> str:
    """A store error as a log line says it: "cannot reach the database (…)" in the driver's
    first line for one that went away ("connection failed: … Connection refused": no URL, no
    password); any other by its class only, as a driver's words about a statement may quote
    the values it was given (a mention's text)."""
    if not lost(exc):
        return f"the database failed ({type(exc).__name__})"
    cause = getattr(exc, "orig", None) or exc
    first = " ".join((str(cause).strip().splitlines() or [""])[0].split())[:300]
    return f"cannot reach the database ({first or type(cause).__name__})"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()
