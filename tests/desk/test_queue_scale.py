"""The queue at scale: held cases found from the outbox and the rest paged by the queue's
index, in the one order the whole list had; no second pass to count a short page; the
filter menus read by the waiting mentions' ids. Same rows on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import sqlalchemy as sa

from mentiondesk import queue
from mentiondesk.cases import praised_last
from mentiondesk.held_replies import held_first
from mentiondesk.queue_waiting import waiting_since
from mentiondesk.store import Store
from mentiondesk.tables import CASE, DRAFT, OUTBOX
from mentiondesk.web import data_queue_stats
from mentiondesk.web.data_queue import Filters, load_queue
from mentiondesk.web.data_queue_stats import facets
from tests.desk.seed import add

ALL = Filters(view="all")


def _hold(store: Store, draft: int) -> None:
    key = queue.approve_draft(store, draft, by="agent", post_route={"default": "console"})
    with store.engine.begin() as conn:
        conn.execute(sa.update(OUTBOX).where(OUTBOX.c.key == key).values(status="held"))


def _seed(store: Store) -> None:
    for n, (priority, hours) in enumerate([(20, 3), (20, 2), (50, 1), (5, 9), (20, 2), (90, 1)]):
        add(store, f"case {n}", priority=priority, ago=timedelta(hours=hours), reason=f"r{n}")
    _, _, low = add(store, "held low", priority=1, ago=timedelta(hours=1))
    _, _, high = add(store, "held high", priority=30, ago=timedelta(hours=2))
    assert low and high
    _hold(store, low)
    _hold(store, high)
    add(store, "praise me", handle="pia", priority=40, draft=None)
    add(store, "thanks, solved!", handle="pia", label="positive", priority=40, draft=None)
    add(store, "thanks", label="positive", case=False, ago=timedelta(hours=4))  # loose draft
    # Answered 2 days ago, then its author wrote again: it ranks by that wait (queue_waiting).
    _, _, answered = add(store, "answered", handle="ines", priority=20, ago=timedelta(days=3))
    assert answered
    queue.approve_draft(store, answered, by="agent", post_route={"default": "console"})
    days_ago = datetime.now(UTC) - timedelta(days=2)
    with store.engine.begin() as conn:
        conn.execute(sa.update(DRAFT).where(DRAFT.c.id == answered).values(decided_at=days_ago))
    add(store, "again", handle="ines", priority=20, ago=timedelta(minutes=150), draft=None)


def _reference(store: Store) -> tuple[list[int], dict[int, bool]]:
    """Every open case in the order the queue's single query gave, and praised_last()'s say."""
    order = (held_first(), CASE.c.priority.desc(), waiting_since(), CASE.c.id)
    query = sa.select(CASE.c.id, praised_last()).where(CASE.c.status == "open").order_by(*order)
    with store.engine.connect() as conn:
        rows = conn.execute(query).all()
    return [r[0] for r in rows], {r[0]: bool(r[1]) for r in rows}


def test_every_page_is_the_top_of_the_one_order(store: Store) -> None:
    _seed(store)
    ids, praised = _reference(store)
    full, waiting = load_queue(store, ALL, limit=50)
    assert [i.case_id for i in full if i.case_id] == ids
    assert [i.excerpt for i in full[:2]] == ["held high", "held low"]
    assert [i.excerpt for i in full if i.priority == 20][:3] == ["case 0", "again", "case 1"]
    assert {i.case_id: bool(i.praised) for i in full if i.case_id} == praised
    assert any(praised.values())
    assert (waiting.cases, waiting.drafts) == (len(ids), 1)
    for limit in range(1, len(full) + 1):
        page, counted = load_queue(store, ALL, limit=limit)
        assert [(i.case_id, i.draft_id) for i in page] == [
            (i.case_id, i.draft_id) for i in full[:limit]
        ]
        assert counted == waiting


@contextmanager
def _statements(store: Store) -> Iterator[list[str]]:
    seen: list[str] = []

    def before(_c: Any, _cur: Any, statement: str, *_: Any) -> None:
        seen.append(statement)

    sa.event.listen(store.engine, "before_cursor_execute", before)
    try:
        yield seen
    finally:
        sa.event.remove(store.engine, "before_cursor_execute", before)


def test_a_short_page_is_counted_without_filtering_again(store: Store) -> None:
    _seed(store)
    with _statements(store) as seen:
        _, waiting = load_queue(store, ALL, limit=50)
    assert not [s for s in seen if s.startswith("SELECT count(*)")]
    assert waiting.cases == len(_reference(store)[0])


def test_the_filter_menus_read_every_waiting_mention(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    _seed(store)
    monkeypatch.setattr(data_queue_stats, "_CHUNK", 2)  # several chunks, merged
    found = facets(store)
    assert found["reason"] == ["delivery"] + [f"r{n}" for n in range(6)]
    assert found["platform"] == ["x"] and found["source"] == ["seed"]


def test_answered_cases_are_found_by_an_index(store: Store) -> None:
    with store.engine.connect() as conn:
        indexes = sa.inspect(conn).get_indexes("case")
    assert ["first_response_at"] in [i["column_names"] for i in indexes]
