"""The retention on a year of data in PostgreSQL: each step's batch query, and a dry run of a
few batches, with the conditions as they are and as they were (NOT (a OR b) forms).

    .venv/bin/python bench/retention_year.py [--n 1000000] [--url URL] [--keep] [--days 180]
                                             [--batches 10]

Without --url it loads a synthetic year into a new database (bench/_year.py, as
bench/dashboard.py does; the same --url serves both) and drops it afterwards, unless --keep.
A dry run erases nothing: each batch is rolled back.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._year_db import NOW, add_arguments, year_store
from mentiondesk import retention, retention_actions, retention_rows
from mentiondesk.retention_digest import digest_items, keyed_on
from mentiondesk.store import Store
from mentiondesk.tables import AUTHOR, CASE, DIGEST_ITEM, MENTION, OUTBOX

BATCH = 200


def _old_digests_free(c: Any) -> tuple[Any, ...]:
    """The case's digest condition as it was: one NOT over both EXISTS."""
    opener, followed = (~free for free in _new_digests_free(c))
    return (~sa.or_(opener, followed),)


def _old_loose_ready(cutoff: Any, m: Any = MENTION) -> Any:
    """A loose post's condition as it was: one NOT over every way an alert may wait, and an
    action waiting found by its key (LIKE '%:x:123:%') among every pending and held one."""
    d, o = retention_rows.DRAFT.alias(), OUTBOX.alias()
    blocked = retention_rows._blocked(d.c.mention_id == m.c.id, d)
    keyed = o.c.key.like(keyed_on(m), escape="\\")
    undelivered = sa.exists().where(o.c.status.in_(("pending", "held")), keyed)
    waits = sa.or_(undelivered, *digest_items(m))
    return sa.and_(retention_rows._loose(cutoff, m), ~blocked, ~waits)


_new_digests_free = retention_rows._digests_free
_new_loose_ready = retention_rows.loose_ready


@contextmanager
def conditions(old: bool) -> Iterator[None]:
    """The retention's conditions as they were (old) or as they are, for the block."""
    if old:
        retention_rows._digests_free = _old_digests_free  # type: ignore[assignment]
        retention_rows.loose_ready = _old_loose_ready  # type: ignore[assignment]
    try:
        yield
    finally:
        retention_rows._digests_free = _new_digests_free  # type: ignore[assignment]
        retention_rows.loose_ready = _new_loose_ready  # type: ignore[assignment]


def first_batches(store: Store, days: int, *, authors: bool = True) -> None:
    """Each step's first batch: how many ids and how long its query took. The authors' step
    reads each author's posts as loose posts: with the old conditions, hours."""
    cutoff = NOW - timedelta(days=days)
    steps: list[tuple[str, sa.Table, Callable[[Any], Any]]] = [
        ("cases", CASE, retention_rows.case_ready),
        ("loose posts", MENTION, retention_rows.loose_ready),
        ("actions", OUTBOX, retention_actions.loose_actions),
        ("digest items", DIGEST_ITEM, retention_rows.sent_digest_items),
        *([("authors", AUTHOR, retention_rows.author_ready)] if authors else []),
    ]
    for name, table, ready in steps:
        query = sa.select(table.c.id).where(ready(cutoff)).order_by(table.c.id).limit(BATCH)
        with store.engine.connect() as conn:
            start = time.perf_counter()
            ids = list(conn.scalars(query))
        print(f"  {name:>12}: {len(ids):>3} ids in {(time.perf_counter() - start) * 1000:>8.0f} ms")


def dry_run(store: Store, days: int, batches: int) -> None:
    """A dry run stopped after `batches` batches (the cases' first: the first step)."""
    asked = 0

    def stopping() -> bool:
        nonlocal asked
        asked += 1
        return asked > batches

    start = time.perf_counter()
    done = retention.purge(store, days, by="bench", now=NOW, dry_run=True, stopping=stopping)
    took = time.perf_counter() - start
    print(f"  dry run of {batches} batches: {took:.1f} s ({done.summary()})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_arguments(parser)
    parser.add_argument("--days", type=int, default=180, help="retain_days (180)")
    parser.add_argument("--batches", type=int, default=10, help="batches of the dry run")
    args = parser.parse_args()
    with year_store(args) as store:
        for label, old in (("as it was", True), ("as it is", False), ("as it was", True)):
            print(f"conditions {label}:")
            with conditions(old):
                first_batches(store, args.days, authors=not old)
                dry_run(store, args.days, args.batches)


if __name__ == "__main__":
    main()
