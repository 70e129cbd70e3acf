"""A transaction that can be a rehearsal: `authors forget` and `store purge` run the same
statements with `--dry-run` and roll them back, so what a rehearsal counts is what a real
run does."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.engine import Connection


@contextmanager
def rehearsed(conn: Connection, *, dry_run: bool) -> Iterator[Connection]:
    """Begin a transaction on `conn`; commit it at the end, or roll it back on a dry run or
    on any error (a generator closed early included)."""
    transaction = conn.begin()
    try:
        yield conn
    except BaseException:
        transaction.rollback()
        raise
    if dry_run:
        transaction.rollback()
    else:
        transaction.commit()
