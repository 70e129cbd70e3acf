"""The store's engine per backend: PostgreSQL connections run with JIT off."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

from mentiondesk.store_engine import make_engine


@pytest.mark.postgres
@pytest.mark.parametrize("pooled", [True, False])
def test_postgres_connections_have_jit_off(pg_url: str, pooled: bool) -> None:
    # JIT compile time dwarfed the desk's queries on a year of data; every connection,
    # the web's pool and a CLI command's, must start with it off.
    engine = make_engine(pg_url, pooled=pooled)
    try:
        with engine.connect() as conn:
            assert conn.scalar(sa.text("SHOW jit")) == "off"
    finally:
        engine.dispose()


def test_sqlite_keeps_its_connect_args(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path}/s.db")
    try:
        with engine.connect() as conn:
            assert conn.scalar(sa.text("PRAGMA journal_mode")) == "wal"
    finally:
        engine.dispose()
