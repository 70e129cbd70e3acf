"""The store's schema: created once, even by several workers starting together, and checked.

What a newer version adds is made at start-up when that is safe: new tables, new indexes,
and new columns that are nullable or have a constant default (older rows get NULL or the
default). Anything else an older database lacks (a column without a default, a new foreign
key) stops start-up with the columns named, instead of a crash half-way through delivering.
"""

from __future__ import annotations

import difflib
import logging
import re
import shlex
import time

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine
from sqlmodel import SQLModel

from mentiondesk.models import ConfigError
from mentiondesk.schema_access import can_add, cannot_create, survey
from mentiondesk.schema_catalogue import Catalogue, read_catalogue

_LOGGER = logging.getLogger(__name__)
_LOCK = 7_246_331  # PostgreSQL advisory lock: one worker creates the schema, the others wait
# user:PASSWORD@ up to the last @ (a password may hold a raw @ or /: "pa/ss" would leak
# "ss" if the path's / ended it; masking too much beats showing part of a password), and
# libpq's ?password=… query parameter, which SQLAlchemy's hide_password leaves in.
# libpq's keyword form ("host=db password=…") too, and "user:pw@" at the start or after a
# scheme written without "://", up to the last "@" ("user:pw@db/x", "postgres//u:pw@db"):
# neither parses, and the message quotes what it was given. Not further on: a path may hold
# ":" and "@" ("C:/Users/ana@corp/x.db"), and a SQLite URL holds no password at all.
_PASSWORD = re.compile(
    r"(://[^/@:]*:).*@|([?&]password=)[^&]*|(\bpassword\s*=\s*)\S+"
    r"|(^(?:[a-z][\w+.-]*:?/+)?[^:/@\s]+:)(?!//)\S*@",
    re.IGNORECASE,
)
# libpq's words for a database or user the server does not have (no SQLSTATE comes with them).
_NO_DATABASE = re.compile(r'database "([^"]+)" does not exist')
_NO_ROLE = re.compile(r'role "([^"]+)" does not exist')
_INSUFFICIENT_PRIVILEGE = "42501"  # PostgreSQL 15+ gives PUBLIC no CREATE on schema public
# libpq refuses a URL query option it does not know before it connects ("?ssl=true", as
# Node and JDBC write it); psycopg raises it as a ProgrammingError with no SQLSTATE.
_BAD_OPTION = re.compile(r'invalid connection option "([^"]*)"')
_MEANT = {"ssl": "sslmode=require", "sslenabled": "sslmode=require", "ssl_mode": "sslmode"}
# Indexes an older version made that a newer one replaced: dropped at start-up. (table, index)
RETIRED_INDEXES = (
    ("mention", "ix_mention_pending"),  # now ix_mention_pending_posted
    ("mention", "ix_mention_thread"),  # now ix_mention_thread_created (thread_id first)
)
# A change at start-up (a column added, an index made) waits for its table's lock: behind a
# pg_dump, which holds every table until the backup ends, or an older worker's long query.
# Every other session's query on that table then queues behind the change, the desk and
# the workers of other hosts stalled for the whole backup. So each try waits this long,
# and gives the table back for a while before trying again.
LOCK_WAIT = "5s"
RETRY_SECONDS = 5.0
_LOCK_NOT_AVAILABLE = "55P03"


class _Busy(Exception):
    """A table to change stayed locked by another session for LOCK_WAIT."""


def ensure(engine: Engine) -> None:
    """Create what is missing and check what cannot be created; ConfigError when it fails.
    A change that finds its table in use is tried again, with a warning, until it is not."""
    while True:
        try:
            return _ensure(engine)
        except _Busy:
            _LOGGER.warning(
                "store: a table this version changes is in use by another session (a backup "
                "running?); trying again in %g s",
                RETRY_SECONDS,
            )
            time.sleep(RETRY_SECONDS)


def _ensure(engine: Engine) -> None:
    try:
        with engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LOCK})
                # After the advisory lock: a worker waits out another's changes in full.
                conn.execute(sa.text(f"SET LOCAL lock_timeout = '{LOCK_WAIT}'"))
            denied = survey(conn).denied
            if denied:  # tables of another role: the GRANT, not the first query's traceback
                raise ConfigError("\n".join(denied))
            had = set(sa.inspect(conn).get_table_names())
            new = [t for t in SQLModel.metadata.sorted_tables if t.name not in had]
            if new:  # only these: create_all checks each table it is given, a query each
                SQLModel.metadata.create_all(conn, tables=new)
            _log_created(had)
            catalogue = read_catalogue(conn, SQLModel.metadata.tables)
            missing = _add_missing_columns(conn, catalogue)
            for table in SQLModel.metadata.sorted_tables:
                for index in table.indexes:  # added to a table since it was created
                    if index.name in catalogue.indexes[table.name]:
                        continue
                    if not {f"{table.name}.{c.name}" for c in index.columns} & set(missing):
                        index.create(conn)
            for table_name, index_name in RETIRED_INDEXES:  # each write would still keep it
                if index_name in catalogue.indexes.get(table_name, ()):
                    conn.execute(sa.text(f"DROP INDEX {index_name}"))
    except sa.exc.OperationalError as exc:
        if getattr(exc.orig, "sqlstate", None) == _LOCK_NOT_AVAILABLE:
            raise _Busy from None
        raise _cannot_open(engine, exc) from None
    except sa.exc.ProgrammingError as exc:
        if getattr(exc.orig, "sqlstate", None) == _INSUFFICIENT_PRIVILEGE:
            raise _cannot_create(engine, exc) from None
        _raise_bad_option(engine, exc)
        raise
    if missing:
        raise _lacking(missing)


def holds_store(engine: Engine) -> bool:
    """Whether the database holds a store (its mention table), asked without changing it;
    ConfigError, as ensure() says it, when the database cannot be opened."""
    try:
        with engine.connect() as conn:
            return bool(sa.inspect(conn).has_table("mention"))
    except sa.exc.OperationalError as exc:
        raise _cannot_open(engine, exc) from None
    except sa.exc.ProgrammingError as exc:
        _raise_bad_option(engine, exc)
        raise


def shown_url(url: str) -> str:
    """A store URL as it may be shown: messages go to terminals and the journal, and a URL
    SQLAlchemy cannot parse (postgres://, a port typo) still carries the real password."""
    if url.lower().startswith("sqlite:"):
        return url
    return _PASSWORD.sub(
        lambda m: f"{m[1] or m[4]}***@" if m[1] or m[4] else f"{m[2] or m[3]}***", url
    )


def check_ready(engine: Engine) -> tuple[str, list[str]]:
    """What a start needs, checked without changing anything: the URL without its password
    and what the next start will make; ConfigError for what would stop it."""
    try:
        with engine.connect() as conn:
            found = survey(conn)
    except sa.exc.OperationalError as exc:
        raise _cannot_open(engine, exc) from None
    except sa.exc.ProgrammingError as exc:
        _raise_bad_option(engine, exc)
        raise
    problems = found.denied + ([str(_lacking(found.lacking))] if found.lacking else [])
    if problems:
        raise ConfigError("\n".join(problems))
    return shown_url(engine.url.render_as_string(hide_password=True)), found.notes


def _lacking(columns: list[str]) -> ConfigError:
    return ConfigError(
        f"store.url: the database was made by an older mentiondesk and lacks "
        f"{', '.join(columns)}; add them (docs/operations.md, 'Upgrading') or point "
        "[store] url at a new database"
    )


def _cannot_open(engine: Engine, exc: sa.exc.OperationalError) -> ConfigError:
    where = shown_url(engine.url.render_as_string(hide_password=True))
    reason = str(exc.orig).strip().splitlines()[0] if exc.orig else type(exc).__name__
    return ConfigError(f"store.url: cannot open {where} ({reason}); {_open_fix(engine, reason)}")


def _open_fix(engine: Engine, reason: str) -> str:
    """What to do about a refused connection: a first install's database or user not made
    yet is named with the command that makes it (the server says so in English only, its
    default messages; in another lc_messages the general advice stands)."""
    user = engine.url.username or "USER"
    if found := _NO_DATABASE.search(reason):
        command = f"createdb -O {shlex.quote(user)} {shlex.quote(found[1])}"
        made = "owned by the user mentiondesk connects as"
    elif found := _NO_ROLE.search(reason):
        command, made = f"createuser --pwprompt {shlex.quote(found[1])}", "with a password"
    else:
        return "check that the database is running and the URL is right"
    return (
        f"create it {made}, as PostgreSQL's superuser (runuser -u postgres -- {command}; "
        "docs/operations.md, 'Installing on a server'), or correct the URL"
    )


def _raise_bad_option(engine: Engine, exc: sa.exc.ProgrammingError) -> None:
    """ConfigError naming the URL's query option libpq does not know and libpq's spelling;
    nothing for any other error (the caller raises it as it is)."""
    found = _BAD_OPTION.search(str(exc.orig))
    if found is None:
        return
    option = found[1]
    where = shown_url(engine.url.render_as_string(hide_password=True))
    meant = _MEANT.get(option.lower()) or next(iter(_libpq_spelling(option)), None)
    fix = (
        f"write {meant} instead, as libpq spells it"
        if meant
        else "the query takes libpq's options, e.g. ?sslmode=require"
    )
    raise ConfigError(
        f"store.url: {option!r} in {where} is not a PostgreSQL connection option; {fix}"
    ) from None


def _libpq_spelling(option: str) -> list[str]:
    """libpq's option closest to `option` ("sslmod" → "sslmode"), if one is close."""
    from psycopg import pq  # only a PostgreSQL URL gets here

    keywords = [o.keyword.decode() for o in pq.Conninfo.get_defaults()]
    return difflib.get_close_matches(option.lower(), keywords, n=1, cutoff=0.8)


def _cannot_create(engine: Engine, exc: sa.exc.ProgrammingError) -> ConfigError:
    user = engine.url.username or _current_user(engine)
    reason = str(exc.orig).strip().splitlines()[0]
    return ConfigError(f"{cannot_create(user)} ({reason})")


def _current_user(engine: Engine) -> str:
    """Who the server says we are (a URL without a user name logs in as the OS user)."""
    try:
        with engine.connect() as conn:
            return str(conn.scalar(sa.text("SELECT current_user")))
    except sa.exc.SQLAlchemyError:
        return "<user>"


def _log_created(had: set[str]) -> None:
    """Name the tables this version added to an older store, as added columns are named
    (check-config foretold them); a new store's are all new, and not worth a line each."""
    if not had:
        return
    for table in SQLModel.metadata.sorted_tables:
        if table.name not in had:
            _LOGGER.warning("store: created table %s for this version", table.name)


def _add_missing_columns(conn: Connection, catalogue: Catalogue) -> list[str]:
    """Add the columns that can be added safely; name the ones that cannot."""
    missing = []
    for table in SQLModel.metadata.sorted_tables:
        have = catalogue.columns[table.name]
        for column in table.columns:
            if column.name in have:
                continue
            statement = _add_column(conn, column)
            if statement is None:
                missing.append(f"{table.name}.{column.name}")
                continue
            conn.execute(sa.text(statement))
            _LOGGER.warning("store: added column %s.%s for this version", table.name, column.name)
    return missing


def _add_column(conn: Connection, column: sa.Column[object]) -> str | None:
    """`ALTER TABLE … ADD COLUMN …` when older rows can take it as it is; else None."""
    if not can_add(column):
        return None  # constraints on existing rows, or no value for them: a person decides
    default = column.default
    constant = default is not None and default.is_scalar
    quote = conn.dialect.identifier_preparer.quote
    type_sql = column.type.compile(dialect=conn.dialect)
    statement = (
        f"ALTER TABLE {quote(str(column.table.name))} ADD COLUMN {quote(column.name)} {type_sql}"
    )
    if constant:
        value = sa.literal(default.arg, type_=column.type)  # type: ignore[union-attr]
        literal = value.compile(dialect=conn.dialect, compile_kwargs={"literal_binds": True})
        statement += f" DEFAULT {literal}"
    return statement if column.nullable else f"{statement} NOT NULL"
