"""Shared fixtures: a network guard, databases on SQLite and PostgreSQL (and a PostgreSQL one
to take down), a fake API server."""

from __future__ import annotations

import logging
import socket
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
import sqlalchemy as sa

from tests.db_templates import PG_ADMIN_URL, dispose_admin, pg_database
from tests.fakes._base import FakeAPI

if TYPE_CHECKING:
    from mentiondesk.store import Store

__all__ = ["PG_ADMIN_URL", "Database"]
_LOCAL = ("127.0.0.1", "::1", "localhost")


@pytest.fixture(autouse=True)
def _network_guard(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any connection to a host other than the loopback fails the test."""
    real_connect = socket.socket.connect

    def guarded(self: socket.socket, address: Any) -> Any:
        if isinstance(address, tuple) and address[0] not in _LOCAL:
            raise AssertionError(f"test tried to reach {address!r}: only 127.0.0.1 is allowed")
        return real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)


@pytest.fixture(autouse=True)
def _logging_as_found() -> Iterator[None]:
    """An in-process CLI run (run_cli) sets up logging for a terminal: its stderr handler and
    levels would outlive the test and echo into later ones. Undo what `logs.setup` leaves."""
    from mentiondesk import logs

    root = logging.getLogger()
    level = root.level
    yield
    root.handlers[:] = [h for h in root.handlers if type(h) is not logging.StreamHandler]
    root.setLevel(level)
    for name in logs.OWN:
        logging.getLogger(name).setLevel(logging.NOTSET)


@pytest.fixture(autouse=True)
def _reply_limits_as_found() -> Iterator[None]:
    """A config loaded in a test sets its server's reply limits process-wide (as `run` and
    the desk load theirs once): the next test counts to the defaults again."""
    from mentiondesk.reply_limits import use_server_limits

    yield
    use_server_limits({})


@pytest.fixture
async def fake_api() -> AsyncIterator[FakeAPI]:
    async with FakeAPI() as api:
        yield api
    assert not api.unexpected, f"unexpected requests: {api.unexpected}"


@pytest.fixture
def hooks(fake_api: FakeAPI) -> FakeAPI:
    """The fake API answering as the Teams, Discord and Mattermost webhooks do."""
    from tests.fakes import webhooks

    webhooks.install(fake_api)
    return fake_api


@pytest.fixture(scope="session", autouse=True)
def _pg_admin_closed() -> Iterator[None]:
    """The admin connection that makes and drops test databases, closed with the session."""
    yield
    dispose_admin()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database URL: a SQLite file, or a PostgreSQL database made and dropped."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.db'}"
    else:
        yield from pg_database()


def _store_on(url: str) -> Iterator[Store]:
    from mentiondesk.store import Store

    store = Store(url)
    store.create_all()
    yield store
    store.dispose()


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    """A store with its schema on the fresh database of `db_url` (both backends)."""
    yield from _store_on(db_url)


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh PostgreSQL database, for what only PostgreSQL checks (column lengths)."""
    yield from pg_database()


@pytest.fixture
def pg_store(pg_url: str) -> Iterator[Store]:
    """A store with its schema on a fresh PostgreSQL database (`pg_url`)."""
    yield from _store_on(pg_url)


class Database:
    """A test database taken down (connections refused, its sessions ended) and back up."""

    def __init__(self, url: str) -> None:
        self.name = url.rsplit("/", 1)[1]
        self._admin = sa.create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")

    def down(self) -> None:
        ended = "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :name"
        with self._admin.connect() as conn:
            conn.execute(sa.text(f'ALTER DATABASE "{self.name}" ALLOW_CONNECTIONS false'))
            conn.execute(sa.text(ended), {"name": self.name})

    def up(self) -> None:
        with self._admin.connect() as conn:
            conn.execute(sa.text(f'ALTER DATABASE "{self.name}" ALLOW_CONNECTIONS true'))


@pytest.fixture
def database(pg_url: str) -> Iterator[Database]:
    """The database of `pg_url`, to take down and back up (an outage, a restart); up again
    after the test, so that `pg_url` can drop it."""
    found = Database(pg_url)
    try:
        yield found
    finally:
        found.up()
        found._admin.dispose()


@pytest.fixture
def pg_stores(pg_url: str) -> Iterator[tuple[Store, Store]]:
    """Two stores on one fresh PostgreSQL database, each with its own engine and connections:
    two processes, or two workers on two machines."""
    from mentiondesk.store import Store

    first, second = Store(pg_url), Store(pg_url)
    first.create_all()
    yield first, second
    first.dispose()
    second.dispose()


@pytest.fixture
def ran_as_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """One `run --once` of `complaint_and_praise`: case MD-000001 with drafts 1 and 2, worked
    from the terminal by "root"."""
    import getpass  # the module cli_common asks who runs the command

    from tests.helpers import complaint_and_praise, run_cli

    monkeypatch.setattr(getpass, "getuser", lambda: "root")
    config = complaint_and_praise(tmp_path)
    assert run_cli(config, "run", "--once")[0] == 0
    return config
