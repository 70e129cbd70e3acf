"""A PostgreSQL database holding the synthetic year (bench/_year.py), for the benchmarks
that read one: made and loaded for a run and dropped after it, or one kept from before.

    --n N      mentions in the year (1,000,000)
    --url URL  a store loaded before (--keep): no new load
    --keep     keep the database made, and print its URL for --url next time
"""

from __future__ import annotations

import argparse
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

import sqlalchemy as sa

from bench._year import fill
from mentiondesk.store import Store

PG = "postgresql+psycopg://postgres@127.0.0.1:5432/"
NOW = datetime(2026, 12, 3, 15, 30, tzinfo=UTC)  # fixed: the figures must not move run to run


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """--n, --url and --keep (see the module)."""
    parser.add_argument("--n", type=int, default=1_000_000, help="mentions in the year")
    parser.add_argument("--url", help="a store loaded before (--keep): no new load")
    parser.add_argument("--keep", action="store_true", help="keep the database made")


@contextmanager
def year_store(args: argparse.Namespace) -> Iterator[Store]:
    """The store at --url, or a new database loaded with --n mentions (dropped after, unless
    --keep)."""
    url = args.url or create(args.n)
    store = Store(url)
    try:
        yield store
    finally:
        store.dispose()
        if not (args.url or args.keep):
            drop(url)


def create(n: int) -> str:
    """A new database loaded with a year of `n` mentions; its URL."""
    name = f"mentiondesk_dash_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(PG + "postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    url = PG + name
    start = time.perf_counter()
    try:
        store = Store(url)
        store.create_all()
        store.dispose()
        fill(f"postgresql://postgres@127.0.0.1:5432/{name}", n, NOW)
    except BaseException:  # a load that broke off leaves no half-filled database behind
        drop(url)
        raise
    print(f"loaded {n:,} mentions in {time.perf_counter() - start:.0f} s into {url}")
    return url


def drop(url: str) -> None:
    name = url.rsplit("/", 1)[1]
    admin = sa.create_engine(PG + "postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()
