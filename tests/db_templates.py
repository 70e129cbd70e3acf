"""Test databases made cheaply: one admin connection per process, PostgreSQL databases without
fsync waits, and the store's schema cloned from a template laid once per session.

Each test still gets a database of its own, made before it and dropped after it: a clone
(CREATE DATABASE … TEMPLATE, a copy of a SQLite file) is the state `Store.create_all` leaves
on an empty database, without the dozens of statements and catalogue reads it takes.
"""

from __future__ import annotations

import os
import shutil
import time
import uuid
from collections.abc import Generator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Engine

PG_ADMIN_URL = os.environ.get(
    "MENTIONDESK_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)
# A clone fails while anyone is connected to its template (autovacuum may visit it): retry.
_BUSY, _TRIES, _PAUSE = "being accessed by other users", 50, 0.1
_admin: Engine | None = None
_dropper: ThreadPoolExecutor | None = None
_drops: list[Future[None]] = []


def admin() -> Engine:
    """The process's engine on the server's `postgres` database, outside transactions."""
    global _admin
    if _admin is None:
        _admin = sa.create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT", pool_size=2)
    return _admin


def dispose_admin() -> None:
    """Wait for the drops still running, then close the admin connection."""
    global _admin, _dropper
    if _dropper is not None:
        _dropper.shutdown(wait=True)
        _dropper = None
    failed = [error for error in (drop.exception() for drop in _drops) if error is not None]
    _drops.clear()
    if _admin is not None:
        _admin.dispose()
        _admin = None
    if failed:
        raise failed[0]


def pg_url(name: str) -> str:
    return PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"


def create(name: str, template: str | None = None) -> None:
    """Database `name`, empty or a copy of `template`; its commits do not wait for the disk
    (a test database outlives no crash), a setting of this database, not the server's."""
    clause = f' TEMPLATE "{template}"' if template else ""
    for attempt in range(_TRIES):
        try:
            with admin().connect() as conn:
                conn.execute(sa.text(f'CREATE DATABASE "{name}"{clause}'))
            break
        except sa.exc.OperationalError as error:
            if _BUSY not in str(error) or attempt == _TRIES - 1:
                raise
            time.sleep(_PAUSE)
    with admin().connect() as conn:
        conn.execute(sa.text(f'ALTER DATABASE "{name}" SET synchronous_commit = off'))


def drop(name: str) -> None:
    """Drop database `name` now: PostgreSQL 15 forces a checkpoint (a flush of every dirty
    page of the server, a second or more on a busy disk) with each DROP DATABASE."""
    with admin().connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def drop_soon(name: str) -> None:
    """Drop database `name` in a thread of its own, while the next test runs: nothing uses
    it any more, and `dispose_admin` waits for every drop (and raises the first that failed)."""
    global _dropper
    if _dropper is None:
        _dropper = ThreadPoolExecutor(max_workers=1, thread_name_prefix="drop-database")
    _drops.append(_dropper.submit(drop, name))


def pg_database(template: str | None = None) -> Generator[str, None, None]:
    """A fresh PostgreSQL database's URL (a copy of `template` when given), dropped after
    (in the background: `drop_soon`)."""
    name = f"mentiondesk_test_{uuid.uuid4().hex[:10]}"
    create(name, template)
    try:
        yield pg_url(name)
    finally:
        drop_soon(name)


class Templates:
    """The store's schema (`Store.create_all` on an empty database) laid once per session, on
    a SQLite file in `folder` and a PostgreSQL database, each on first use; `close` drops them."""

    def __init__(self, folder: Path) -> None:
        self._folder = folder
        self._sqlite: Path | None = None
        self._postgres: str | None = None

    def sqlite(self, path: Path) -> str:
        """A SQLite URL for a copy of the template at `path`."""
        if self._sqlite is None:
            found = self._folder / "template.db"
            _lay_schema(f"sqlite:///{found}")
            self._sqlite = found
        shutil.copyfile(self._sqlite, path)
        return f"sqlite:///{path}"

    def postgres(self) -> str:
        """The name of the PostgreSQL template (no one is left connected to it)."""
        if self._postgres is None:
            name = f"mentiondesk_template_{uuid.uuid4().hex[:10]}"
            create(name)
            try:
                _lay_schema(pg_url(name))
            except BaseException:
                drop(name)  # half a schema is no template: the next test lays it again
                raise
            self._postgres = name
        return self._postgres

    def close(self) -> None:
        if self._postgres is not None:
            drop(self._postgres)
            self._postgres = None


def _lay_schema(url: str) -> None:
    from mentiondesk.store import Store

    store = Store(url)
    try:
        store.create_all()
    finally:
        store.dispose()  # a clone needs its template free of connections (and SQLite's WAL)
