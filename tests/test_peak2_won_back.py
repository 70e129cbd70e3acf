"""The dashboard's "won back" groups by author only the period's posts of people who had a
complaint that became a case: at Black Friday most of the period's posts are by people who
never complained, and grouping all of them was most of the dashboard's time (580 ms of its
1.5 s at 200,000 mentions). The figure is the same (tests/desk/test_won_back_shown.py and the
dashboard's tests); here, what PostgreSQL groups."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import sqlalchemy as sa

from mentiondesk.period import Period
from mentiondesk.store import Store
from mentiondesk.tables import AUTHOR, CASE, MENTION, READING
from mentiondesk.won_back import won_back

START = datetime(2026, 11, 20, tzinfo=UTC)
HAPPY = 300  # praise in the period by people who never complained


def _post(i: int, author: int, at: datetime, label: str) -> tuple[dict[str, Any], ...]:
    mention = {
        "id": i, "platform": "x", "external_id": f"m{i}", "source": "t", "author_id": author,
        "text": "t", "url": "", "lang": "pt", "processed": True, "thread_id": f"t{i}",
        "created_at": at, "ingested_at": at,
    }  # fmt: skip
    reading = {
        "mention_id": i, "classifier": "t", "label": label, "score": 0.9, "lang": "pt",
        "topics": "", "frustration": 1, "is_question": False, "created_at": at,
    }  # fmt: skip
    return mention, reading


def _fill(store: Store) -> None:
    """Ana complained (a case) in October and praised us in the period; Rui complained
    again after his praise; HAPPY others only praised us."""
    authors = [
        {"id": a, "platform": "x", "external_id": f"u{a}", "handle": f"h{a}", "name": "N",
         "followers": 1, "first_seen": START}
        for a in range(1, HAPPY + 3)
    ]  # fmt: skip
    posts = [
        _post(1, 1, START - timedelta(days=30), "negative"),  # Ana's complaint
        _post(2, 1, START + timedelta(days=1), "positive"),
        _post(3, 2, START - timedelta(days=20), "negative"),  # Rui's complaint
        _post(4, 2, START + timedelta(days=1), "positive"),
        _post(5, 2, START + timedelta(days=2), "negative"),  # angry again
    ]
    for a in range(3, HAPPY + 3):
        posts.append(_post(10 + a, a, START + timedelta(hours=a % 100), "positive"))
    cases = [
        {"id": c, "mention_id": m, "author_id": c, "rule": "complaint", "status": "open",
         "priority": 1, "opened_at": START - timedelta(days=30)}
        for c, m in ((1, 1), (2, 3))
    ]  # fmt: skip
    with store.engine.begin() as conn:
        conn.execute(sa.insert(AUTHOR), authors)
        conn.execute(sa.insert(MENTION), [m for m, _ in posts])
        conn.execute(sa.insert(READING), [r for _, r in posts])
        conn.execute(sa.insert(CASE), cases)
        conn.execute(sa.text("ANALYZE"))


def _grouped(plan: dict[str, Any]) -> int:
    """The rows fed to the aggregates grouping the period's posts by author."""
    found = 0
    keys = " ".join(plan.get("Group Key", []))
    if plan["Node Type"] == "Aggregate" and "mention.author_id" in keys:
        found += sum(p["Actual Rows"] * p["Actual Loops"] for p in plan.get("Plans", []))
    return found + sum(_grouped(p) for p in plan.get("Plans", []))


@pytest.mark.parametrize(
    "db_url", [pytest.param("postgresql", marks=pytest.mark.postgres)], indirect=True
)
def test_won_back_groups_only_the_posts_of_people_who_complained(store: Store) -> None:
    _fill(store)
    period = Period(START, 7, START + timedelta(days=7))
    said: list[tuple[str, Any]] = []

    def before(_c: Any, _cur: Any, statement: str, parameters: Any, *_: Any) -> None:
        said.append((statement, parameters))

    with store.engine.connect() as conn:
        sa.event.listen(store.engine, "before_cursor_execute", before)
        try:
            shown, count = won_back(conn, period)
        finally:
            sa.event.remove(store.engine, "before_cursor_execute", before)
        assert [(p, h) for p, h, _ in shown] == [("x", "h1")] and count == 1
        [(statement, parameters)] = said
        explain = "EXPLAIN (ANALYZE, FORMAT JSON) " + statement
        [[plan]] = conn.exec_driver_sql(explain, parameters).one()
    grouped = _grouped(plan["Plan"])
    # Ana's and Rui's posts of the period: 3. All of the period's were grouped: 303.
    assert 0 < grouped <= 3, grouped
