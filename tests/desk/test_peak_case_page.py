"""The case page on a long thread and a long case (a Black Friday week): it shows the mention
it is open on, what the thread and case are about and what was said last, in at most
THREAD_LIMIT rows each and in as many statements however long they are."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa

from mentiondesk.store import Store
from mentiondesk.tables import AUTHOR, CASE, FOLLOW_UP, MENTION, READING
from mentiondesk.web.data_case import THREAD_LIMIT, load_detail

START = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)  # Black Friday morning


def _posts(store: Store, first_id: int, n: int, *, thread: str) -> list[int]:
    """`n` posts on X in `thread`, a minute apart, each by its own author and read."""
    ids = list(range(first_id, first_id + n))
    authors = [
        {"id": i, "platform": "x", "external_id": f"a{i}", "handle": f"user{i}", "name": "U",
         "followers": 1, "first_seen": START}
        for i in ids
    ]  # fmt: skip
    mentions = [
        {"id": i, "platform": "x", "external_id": f"m{i}", "source": "t", "author_id": i,
         "text": f"post {i}", "url": "", "lang": "pt", "thread_id": thread, "processed": True,
         "created_at": START + timedelta(minutes=i), "ingested_at": START + timedelta(minutes=i)}
        for i in ids
    ]  # fmt: skip
    readings = [
        {"mention_id": i, "classifier": "t", "label": "negative", "score": 0.9, "lang": "pt",
         "topics": "", "frustration": 1, "reason": None, "is_question": False,
         "created_at": START}
        for i in ids
    ]  # fmt: skip
    with store.engine.begin() as conn:
        conn.execute(sa.insert(AUTHOR), authors)
        conn.execute(sa.insert(MENTION), mentions)
        conn.execute(sa.insert(READING), readings)
    return ids


def _one_author(store: Store, ids: list[int]) -> None:
    with store.engine.begin() as conn:
        conn.execute(sa.update(MENTION).where(MENTION.c.id.in_(ids)).values(author_id=ids[0]))


def _case(store: Store, ids: list[int]) -> int:
    """A case opened by ids[0], every later post of its author joined to it."""
    with store.engine.begin() as conn:
        case_id = conn.execute(
            sa.insert(CASE).returning(CASE.c.id),
            {"mention_id": ids[0], "author_id": ids[0], "rule": "complaint", "status": "open",
             "priority": 3, "opened_at": START + timedelta(minutes=ids[0])},
        ).scalar_one()  # fmt: skip
        rows = [{"case_id": case_id, "mention_id": i, "created_at": START} for i in ids[1:]]
        conn.execute(sa.insert(FOLLOW_UP), rows)
    return int(case_id)


@contextmanager
def _counted(store: Store) -> Iterator[list[int]]:
    count = [0]

    def before(*_: Any) -> None:
        count[0] += 1

    sa.event.listen(store.engine, "before_cursor_execute", before)
    try:
        yield count
    finally:
        sa.event.remove(store.engine, "before_cursor_execute", before)


def test_a_reply_deep_in_a_long_thread_shows_itself_and_the_thread_s_first_post(
    store: Store,
) -> None:
    """The 150th reply to the brand's promotion: the page showed the thread's first 50 posts,
    not the reply it is open on nor those it answers."""
    ids = _posts(store, 1, 3 * THREAD_LIMIT, thread="promo")
    deep = ids[149]
    detail = load_detail(store, deep)
    assert detail is not None
    shown = [t.id for t in detail.thread]
    assert len(shown) <= THREAD_LIMIT
    assert deep in shown
    assert shown[0] == ids[0]  # what the replies answer
    assert ids[148] in shown and ids[140] in shown  # what it answers, in the thread
    times = [t.created_at for t in detail.thread]
    assert times == sorted(times)  # oldest first, as before


def test_a_short_thread_is_shown_whole(store: Store) -> None:
    """A thread that fits is shown whole, however early in it the mention is."""
    ids = _posts(store, 1, THREAD_LIMIT - 5, thread="t")
    detail = load_detail(store, ids[0])
    assert detail is not None
    assert [t.id for t in detail.thread] == ids


def test_the_case_page_runs_as_many_statements_for_a_thread_five_times_longer(
    store: Store,
) -> None:
    short = _posts(store, 1, 2 * THREAD_LIMIT, thread="short")
    long = _posts(store, 1000, 10 * THREAD_LIMIT, thread="long")
    load_detail(store, short[-20])  # the first read of a store: the schema's checks
    with _counted(store) as on_short:
        load_detail(store, short[-20])
    with _counted(store) as on_long:
        load_detail(store, long[-20])
    assert on_long[0] == on_short[0]


def test_a_long_case_shows_its_opening_and_its_latest_follow_ups(store: Store) -> None:
    """An author who wrote 120 times to one case: the page listed the case's first 50
    mentions, and never the latest, the one the agent must answer."""
    ids = _posts(store, 1, 120, thread="")
    _one_author(store, ids)
    _case(store, ids)
    detail = load_detail(store, ids[-1])
    assert detail is not None
    listed = [cm.id for cm in detail.case_mentions]
    assert len(listed) <= THREAD_LIMIT
    assert listed[0] == ids[0]  # the mention that opened it
    assert listed[-1] == ids[-1]  # what the author said last
    assert listed[1:] == ids[-(len(listed) - 1) :]  # the latest, oldest first
