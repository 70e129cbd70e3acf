"""A case page's thread is read on ix_mention_thread_created (thread id, date, id): seeking to
the mention's date in its thread, not walking the mention table in date order until the
thread's posts turn up (PostgreSQL's plan for one OR over thread and parent, ordered by date
with a LIMIT: 50 ms on 200,000 mentions, growing with the store). The index reaches an
existing store at start-up, and the one on the thread id alone it replaces is dropped."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa

from mentiondesk.store import Store
from mentiondesk.tables import AUTHOR, MENTION
from mentiondesk.web.data_case_rows import MentionData, first, select_of
from mentiondesk.web.data_case_thread import thread

START = datetime(2026, 11, 1, tzinfo=UTC)


def _indexes(store: Store) -> set[str]:
    return {str(i["name"]) for i in sa.inspect(store.engine).get_indexes("mention")}


def test_an_older_store_gets_the_thread_index_and_loses_the_one_it_replaces(
    store: Store,
) -> None:
    with store.engine.begin() as conn:  # as a version before this one left it
        conn.execute(sa.text("DROP INDEX ix_mention_thread_created"))
        conn.execute(sa.text("CREATE INDEX ix_mention_thread ON mention (thread_id)"))
    store.engine.dispose()
    store.create_all()  # start-up
    found = _indexes(store)
    assert "ix_mention_thread_created" in found
    assert "ix_mention_thread" not in found


def _store_with_a_thread(store: Store) -> int:
    """A promotion's thread (300 replies) between 3,000 older posts and 3,000 newer ones; the
    id of a reply deep in it."""
    with store.engine.begin() as conn:
        conn.execute(sa.insert(AUTHOR), {
            "id": 1, "platform": "x", "external_id": "a", "handle": "a", "name": "A",
            "followers": 1, "first_seen": START})  # fmt: skip
        rows = [
            {"id": i, "platform": "x", "external_id": f"m{i}", "source": "t", "author_id": 1,
             "text": "t", "url": "", "lang": "pt", "processed": True,
             "thread_id": "promo" if 3000 < i <= 3300 else f"own{i}",
             "created_at": START + timedelta(minutes=i),
             "ingested_at": START + timedelta(minutes=i)}
            for i in range(1, 6301)
        ]  # fmt: skip
        conn.execute(sa.insert(MENTION), rows)
        if conn.dialect.name == "postgresql":
            conn.execute(sa.text("ANALYZE mention"))
    return 3250


@contextmanager
def _plans(store: Store) -> Iterator[list[str]]:
    """The plans of the statements run meanwhile (PostgreSQL with sequential scans off, as
    on a table too big for them; SQLite as it would run them)."""
    said: list[tuple[str, Any]] = []

    def before(_c: Any, _cur: Any, statement: str, parameters: Any, *_: Any) -> None:
        said.append((statement, parameters))

    sa.event.listen(store.engine, "before_cursor_execute", before)
    plans: list[str] = []
    try:
        yield plans
    finally:
        sa.event.remove(store.engine, "before_cursor_execute", before)
    with store.engine.connect() as conn:
        postgres = conn.dialect.name == "postgresql"
        if postgres:
            conn.exec_driver_sql("SET enable_seqscan = off")
        explain = "EXPLAIN " if postgres else "EXPLAIN QUERY PLAN "
        for statement, parameters in said:
            rows = conn.exec_driver_sql(explain + statement, parameters).all()
            plans.append(" ".join(str(r[-1]) for r in rows))


def test_the_thread_is_read_on_its_index(store: Store) -> None:
    deep = _store_with_a_thread(store)
    with store.engine.connect() as conn:
        mention = first(
            conn, MentionData, select_of(MENTION, MentionData).where(MENTION.c.id == deep)
        )
        assert mention is not None
        with _plans(store) as plans:
            posts = thread(conn, mention)
    assert deep in [p.id for p in posts] and posts[0].id == 3001
    assert len(plans) == 3  # before it, after it, and the thread's first post
    # The thread's first post, unbounded by date: PostgreSQL walked every post from the
    # store's oldest in date order (ix_mention_created_*) until the thread's turned up.
    assert "ix_mention_thread_created" in plans[-1], plans[-1]
    assert "ix_mention_created" not in plans[-1], plans[-1]
    if store.engine.dialect.name == "sqlite":  # PostgreSQL picks the bounded sides' by size
        assert all("ix_mention_thread_created" in plan for plan in plans), plans
