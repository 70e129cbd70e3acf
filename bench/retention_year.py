"""The retention on a year of data in PostgreSQL: each step's batch query, and a dry run of a
few batches, with the conditions as they are and as they were (NOT (a OR b) forms); then the
authors' step of a dry run alone, its condition as it was (every post of every author read
through mention_ready) and as it is.

    .venv/bin/python bench/retention_year.py [--n 1000000] [--url URL] [--keep] [--days 180]
                                             [--batches 10] [--author-batches 10]
                                             [--authors-only]

Without --url it loads a synthetic year into a new database (bench/_year.py, as
bench/dashboard.py does; the same --url serves both) and drops it afterwards, unless --keep.
A dry run erases nothing: each batch is rolled back. --author-batches 0 runs the authors'
step to its end; --authors-only skips the steps' comparison before it.
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
from mentiondesk.retention_rows import mention_ready, purged
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


def _old_author_ready(cutoff: Any) -> Any:
    """The authors' condition as it was: every post of theirs read through mention_ready."""
    m = MENTION.alias()
    kept = sa.and_(~purged(m.c.external_id), ~mention_ready(cutoff, m))
    return sa.and_(
        ~purged(AUTHOR.c.external_id), ~sa.exists().where(m.c.author_id == AUTHOR.c.id, kept)
    )


def author_step(store: Store, days: int, batches: int, *, old: bool) -> tuple[int, float]:
    """The authors' step of a dry run alone, `batches` batches of it (0: to its end), with
    its condition as it was (old) or as it is; (authors counted, seconds)."""
    cutoff = NOW - timedelta(days=days)
    ready = _old_author_ready(cutoff) if old else retention_rows.author_ready(cutoff)
    done = [0]

    def stopping() -> bool:
        done[0] += 1
        return 0 < batches < done[0]

    found, start = 0, time.perf_counter()
    for _, ids in retention._batches(store, AUTHOR, ready, BATCH, dry_run=True, until=stopping):
        found += len(ids)
    return found, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_arguments(parser)
    parser.add_argument("--days", type=int, default=180, help="retain_days (180)")
    parser.add_argument("--batches", type=int, default=10, help="batches of the dry run")
    parser.add_argument("--author-batches", type=int, default=10, help="0: the whole step")
    parser.add_argument("--authors-only", action="store_true", help="only the authors' step")
    args = parser.parse_args()
    rounds = (("as it was", True), ("as it is", False), ("as it was", True))
    with year_store(args) as store:
        for label, old in rounds if not args.authors_only else ():
            print(f"conditions {label}:")
            with conditions(old):
                first_batches(store, args.days, authors=not old)
                dry_run(store, args.days, args.batches)
        print(f"authors' step of a dry run, {args.author_batches or 'all'} batches:")
        for label, old in (*rounds, ("as it is", False)):
            found, took = author_step(store, args.days, args.author_batches, old=old)
            print(f"  condition {label}: {found} authors in {took:.1f} s")


if __name__ == "__main__":
    main()
