"""`cases list` on a busy store (thousands of open cases in a Black Friday week, tens of
thousands resolved): ranked as the desk's queue pages them, not by sorting every case on
per-case subqueries; only the cases it lists are read in full. Same order as before: a held
reply first, then priority, then how long the author has waited."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import sqlalchemy as sa

from mentiondesk.outbox_payload import post_key
from mentiondesk.queue_views import list_cases
from mentiondesk.store import Store
from mentiondesk.tables import AUTHOR, CASE, DRAFT, FOLLOW_UP, MENTION, OUTBOX, READING

START = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
N = 40


def _cases(store: Store, status: str) -> None:
    """N cases in `status`, one mention and author each, priority i % 4, opened i minutes
    in; case 7 (priority 3) had a reply the outbox holds, case 9 a follow-up."""
    ids = range(1, N + 1)
    at = [START + timedelta(minutes=i) for i in ids]
    with store.engine.begin() as conn:
        conn.execute(sa.insert(AUTHOR), [
            {"id": i, "platform": "x", "external_id": f"a{i}", "handle": f"u{i}", "name": "U",
             "followers": 1, "first_seen": START} for i in ids])  # fmt: skip
        conn.execute(sa.insert(MENTION), [
            {"id": i, "platform": "x", "external_id": f"m{i}", "source": "t", "author_id": i,
             "text": f"post {i}", "url": "", "lang": "pt", "processed": True,
             "created_at": at[i - 1], "ingested_at": at[i - 1]} for i in ids])  # fmt: skip
        conn.execute(sa.insert(READING), [
            {"mention_id": i, "classifier": "t", "label": "negative", "score": 0.9,
             "lang": "pt", "topics": "", "frustration": 1, "reason": None,
             "is_question": False, "created_at": START} for i in ids])  # fmt: skip
        conn.execute(sa.insert(CASE), [
            {"id": i, "mention_id": i, "author_id": i, "rule": "complaint", "status": status,
             "priority": i % 4, "opened_at": at[i - 1]} for i in ids])  # fmt: skip
        draft = conn.execute(
            sa.insert(DRAFT).returning(DRAFT.c.id),
            {"mention_id": 7, "case_id": 7, "kind": "public", "text": "Sorry", "lang": "pt",
             "rule": "complaint", "status": "approved", "auto": False, "created_at": START,
             "decided_at": START, "decided_by": "ana"},
        ).scalar_one()  # fmt: skip
        conn.execute(sa.insert(OUTBOX), {
            "key": post_key(int(draft)), "kind": "post", "target": "x", "case_id": 7,
            "payload": "{}", "status": "held"})  # fmt: skip
        conn.execute(sa.insert(MENTION), {
            "id": N + 1, "platform": "x", "external_id": "late", "source": "t",
            "author_id": 9, "text": "still?", "url": "", "lang": "pt", "processed": True,
            "created_at": START, "ingested_at": START})  # fmt: skip
        conn.execute(sa.insert(FOLLOW_UP), {"case_id": 9, "mention_id": N + 1})


@contextmanager
def _statements(store: Store) -> Iterator[list[str]]:
    said: list[str] = []

    def before(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        said.append(" ".join(statement.split()))

    sa.event.listen(store.engine, "before_cursor_execute", before)
    try:
        yield said
    finally:
        sa.event.remove(store.engine, "before_cursor_execute", before)


@pytest.mark.parametrize("status", ["open", "resolved"])
def test_cases_list_ranks_without_sorting_every_case_on_its_held_reply(
    store: Store, status: str
) -> None:
    _cases(store, status)
    list_cases(store, status=status, limit=5)  # the first read of a store: schema checks
    with _statements(store) as said:
        listed = list_cases(store, status=status, limit=5)
    # The order of old: the held one, then priority 3, the longest waiting first.
    assert [c.id for c in listed] == [7, 3, 11, 15, 19]
    assert next(c for c in list_cases(store, status=status) if c.id == 9).follow_ups == 1
    # Ordering every case by held_first() ran its EXISTS on each of them (thousands).
    assert not [s for s in said if re.search(r"ORDER BY CASE WHEN \(EXISTS", s)]
    # The follow-up counts and frustration (a subquery each per case) only for those listed.
    full = [s for s in said if "count(*)" in s and "FROM follow_up" in s]
    assert full and all(re.search(r'WHERE "case"\.id IN \(', s) for s in full)
