"""The store's PostgreSQL connections: TCP keepalives and a user timeout on the socket itself,
so a worker whose database went away behind a dead network path notices within about half a
minute rather than after the kernel's hours; and the URL's own `options` kept."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
import sqlalchemy as sa

from mentiondesk import store_engine

pytestmark = pytest.mark.postgres


@contextmanager
def _socket(url: str) -> Iterator[socket.socket]:
    """The TCP socket under one of the store engine's connections."""
    engine = store_engine.make_engine(url)
    try:
        with engine.connect() as conn:
            raw: Any = conn.connection.dbapi_connection
            with socket.socket(fileno=os.dup(raw.pgconn.socket)) as sock:
                yield sock
    finally:
        engine.dispose()


def _tcp(sock: socket.socket, option: int) -> int:
    return sock.getsockopt(socket.IPPROTO_TCP, option)


def test_a_dead_path_to_the_database_is_noticed_within_seconds(pg_url: str) -> None:
    with _socket(pg_url) as sock:
        assert sock.getsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE) == 1
        assert _tcp(sock, socket.TCP_KEEPIDLE) == 10  # the kernel's default: 7200
        assert _tcp(sock, socket.TCP_KEEPINTVL) == 5
        assert _tcp(sock, socket.TCP_KEEPCNT) == 3
        assert _tcp(sock, socket.TCP_USER_TIMEOUT) == 30_000  # the kernel's: none


def test_the_server_drops_a_vanished_worker_within_seconds(pg_url: str) -> None:
    """The server's end too: a worker gone behind a dead path would otherwise keep its
    transaction, and the row locks it holds, for the server's two hours."""
    engine = store_engine.make_engine(pg_url)
    try:
        with engine.connect() as conn:
            shown = {
                name: conn.execute(sa.text(f"SHOW {name}")).scalar()
                for name in ("tcp_keepalives_idle", "tcp_keepalives_count", "tcp_user_timeout")
            }
    finally:
        engine.dispose()
    assert shown == {
        "tcp_keepalives_idle": "10",
        "tcp_keepalives_count": "3",
        "tcp_user_timeout": "30000",  # milliseconds
    }


def test_keepalive_settings_in_the_url_are_kept(pg_url: str) -> None:
    with _socket(f"{pg_url}?keepalives_idle=42&tcp_user_timeout=9000") as sock:
        assert _tcp(sock, socket.TCP_KEEPIDLE) == 42
        assert _tcp(sock, socket.TCP_USER_TIMEOUT) == 9000
        assert _tcp(sock, socket.TCP_KEEPCNT) == 3


def test_options_in_the_url_are_kept_beside_jit_off(pg_url: str) -> None:
    """A statement timeout set in the URL (as a hosting panel, or an operator bounding a
    stuck query, writes it) reaches the server; JIT stays off."""
    engine = store_engine.make_engine(f"{pg_url}?options=-c%20statement_timeout%3D7s")
    try:
        with engine.connect() as conn:
            assert conn.execute(sa.text("SHOW statement_timeout")).scalar() == "7s"
            assert conn.execute(sa.text("SHOW jit")).scalar() == "off"
    finally:
        engine.dispose()


def test_pgoptions_in_the_environment_are_kept(
    pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """libpq's PGOPTIONS, where an operator set a lock timeout for every client of the host."""
    monkeypatch.setenv("PGOPTIONS", "-c lock_timeout=4s")
    engine = store_engine.make_engine(pg_url)
    try:
        with engine.connect() as conn:
            assert conn.execute(sa.text("SHOW lock_timeout")).scalar() == "4s"
            assert conn.execute(sa.text("SHOW jit")).scalar() == "off"
    finally:
        engine.dispose()
