"""A PostgreSQL host that does not answer at all (rebooting, or its address moving in a
failover): a connection attempt gives up within the engine's connect timeout, so a stop's
drain ends within a supervisor's stop timeout rather than after the kernel's retries."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Iterator

import pytest
import sqlalchemy as sa

from mentiondesk import store_engine
from mentiondesk.config import OutboxSection
from mentiondesk.outbox import OutboxWorker
from mentiondesk.store import Store
from tests.test_outbox import Flaky


@pytest.fixture
def silent_port() -> Iterator[int]:
    """A local port whose queue of connections is full: a new one is never answered (its
    handshake is dropped, as by a host that is down), until the port closes."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(0)
    port = server.getsockname()[1]
    waiting = socket.create_connection(("127.0.0.1", port))  # fills the queue
    try:
        yield port
    finally:
        waiting.close()
        server.close()


async def test_a_stop_drain_on_a_database_host_that_does_not_answer_ends(
    silent_port: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store_engine, "CONNECT_TIMEOUT", 1)
    store = Store(f"postgresql+psycopg://postgres@127.0.0.1:{silent_port}/mentiondesk")
    worker = OutboxWorker(store, {"sink": Flaky()}, OutboxSection())
    try:
        with pytest.raises(sa.exc.OperationalError):
            # Without a timeout the attempt waits for the kernel's retries (over 2 minutes).
            await asyncio.wait_for(worker.drain(grace=20.0), 60)
    finally:
        store.dispose()


@pytest.mark.postgres
def test_a_connect_timeout_in_the_url_is_kept(pg_url: str) -> None:
    engine = store_engine.make_engine(f"{pg_url}?connect_timeout=3")
    try:
        with engine.connect() as conn:
            params = conn.connection.dbapi_connection.info.get_parameters()  # type: ignore[union-attr]
            assert params["connect_timeout"] == "3"
    finally:
        engine.dispose()
