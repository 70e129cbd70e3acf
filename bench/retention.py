"""The retention's count of posts it may erase, with chat digest items kept, before and after
the items named their post in indexed columns.

    .venv/bin/python bench/retention.py --n 4000 [--postgres]

N old loose posts and N digest items about them, flushed into a delivered digest (so none
keeps its post). `before` is the old check (each post LIKE-matched against every item's
key), kept here for comparison; `after` is the store's. Both must count N.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import ExitStack
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.pipeline import throwaway_postgres
from mentiondesk import retention_rows
from mentiondesk.retention_digest import keyed_on, unsent
from mentiondesk.store import Store
from mentiondesk.tables import AUTHOR, DIGEST_ITEM, MENTION, OUTBOX

OLD = datetime(2025, 1, 1, tzinfo=UTC)


def old_digest_items(m: Any) -> tuple[Any, Any]:
    """The check before the columns: every item's key LIKE-matched, for every post."""
    i = DIGEST_ITEM.alias()
    return sa.exists().where(i.c.key.like(keyed_on(m), escape="\\"), unsent(i)), sa.false()


def fill(store: Store, n: int) -> None:
    posts, items = [], []
    for k in range(n):
        ext = f"bench-{k}"
        posts.append(
            {"platform": "x", "external_id": ext, "source": "bench", "author_id": 1, "text": "t"}
            | {"created_at": OLD, "processed": True}
        )
        items.append(
            {"key": f"alert:digest:r:x:{ext}:rule", "route": "r", "payload": "{}"}
            | {"created_at": OLD, "flushed_at": OLD, "digest_key": "digest:r:1"}
            | {"platform": "x", "external_id": ext}
        )
    digest = {"key": "digest:r:1:console", "kind": "alert", "target": "console"}
    with store.engine.begin() as conn:
        conn.execute(sa.insert(AUTHOR).values(id=1, platform="x", external_id="a", handle="a"))
        conn.execute(sa.insert(MENTION), posts)
        conn.execute(sa.insert(DIGEST_ITEM), items)
        conn.execute(sa.insert(OUTBOX).values(**digest, payload="{}", status="done"))


def timed(store: Store, check: Callable[[Any], tuple[Any, Any]]) -> tuple[int, float]:
    """(posts loose_ready counts, seconds) with `check` as the digest condition."""
    real = retention_rows.digest_items
    retention_rows.digest_items = check  # type: ignore[assignment]
    try:
        ready = retention_rows.loose_ready(datetime.now(UTC) - timedelta(days=30))
    finally:
        retention_rows.digest_items = real  # type: ignore[assignment]
    query = sa.select(sa.func.count()).select_from(MENTION).where(ready)
    start = time.perf_counter()
    with store.engine.connect() as conn:
        count = int(conn.scalar(query) or 0)
    return count, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=4000, help="old posts and digest items (4000)")
    parser.add_argument("--postgres", action="store_true", help="a throw-away database")
    parser.add_argument("--skip-before", action="store_true", help="only the new check")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, ExitStack() as stack:
        url = f"sqlite:///{Path(tmp) / 'bench.db'}"
        if args.postgres:
            url = stack.enter_context(throwaway_postgres())
        store = Store(url)
        store.create_all()
        fill(store, args.n)
        checks = {"after": retention_rows.digest_items}
        if not args.skip_before:
            checks = {"before": old_digest_items, **checks}
        for name, check in checks.items():
            count, seconds = timed(store, check)
            print(f"store={store.dialect} n={args.n} {name}: ready={count} seconds={seconds:.2f}")
        store.dispose()


if __name__ == "__main__":
    main()
