"""The case page's queries find their rows the same on SQLite and PostgreSQL, and on
PostgreSQL through indexes: `x = :id OR x IN (…)` scanned whole tables on a year of data."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
import sqlalchemy as sa

from mentiondesk.store import Store
from mentiondesk.tables import AUDIT
from mentiondesk.web.data_case import load_detail
from tests.desk.seed import add

# Tables that grow with the years: none may be read whole for one case.
_BIG = ("mention", "reading", "case", "audit", "author")


def _seed(store: Store) -> dict[str, Any]:
    opening, case, _ = add(store, "parcel late", handle="Lia", frustration=1, draft=None)
    angry, _, _ = add(store, "STILL NOTHING", handle="Lia", frustration=3, draft=None)
    calm, _, _ = add(store, "any news?", handle="Lia", frustration=2, draft=None)
    elsewhere, _, _ = add(store, "hi", handle="lia", platform="mastodon", case=False)
    other, other_case, _ = add(store, "lamp broken", handle="ivo", frustration=3, draft=None)
    with store.engine.begin() as conn:
        rows = [
            {"actor": "ana", "action": "assign", "mention_id": None, "case_id": case},
            {"actor": "ana", "action": "do-not-contact", "mention_id": calm, "case_id": None},
            {"actor": "ana", "action": "relabel", "mention_id": angry, "case_id": None},
            {"actor": "ana", "action": "relabel", "mention_id": opening, "case_id": None},
            {"actor": "ana", "action": "assign", "mention_id": other, "case_id": other_case},
            {"actor": "ana", "action": "do-not-contact", "mention_id": other, "case_id": None},
        ]
        ids = [conn.execute(sa.insert(AUDIT).values(**r)).inserted_primary_key[0] for r in rows]
    return {
        "case": case,
        "mentions": [opening, angry, calm],
        "elsewhere": elsewhere,
        "audit": ids,
    }


def test_a_follow_up_s_page_finds_its_case_mentions_and_audit(store: Store) -> None:
    seeded = _seed(store)
    opening, angry, _ = seeded["mentions"]
    detail = load_detail(store, angry)
    assert detail is not None and detail.case is not None
    assert detail.case.id == seeded["case"]
    assert [m.id for m in detail.case_mentions] == seeded["mentions"]
    assert detail.case_frustration == 3
    # The case's entry, the author's do-not-contact from another mention, this mention's own;
    # not the opening mention's relabel nor another author's entries.
    assigned, listed, relabelled = seeded["audit"][:3]
    assert [a.id for a in detail.audit] == [assigned, listed, relabelled]
    assert [a.id for a in detail.linked_authors] != []
    assert detail.linked_authors[0].platform == "mastodon"
    opened = load_detail(store, opening)
    assert opened is not None and opened.case is not None and opened.case.id == seeded["case"]
    lone = load_detail(store, seeded["elsewhere"])
    assert lone is not None and lone.case is None and lone.case_mentions == []


@contextmanager
def _statements(store: Store) -> Iterator[list[tuple[str, Any]]]:
    seen: list[tuple[str, Any]] = []

    def before(_c: Any, _cur: Any, statement: str, params: Any, _ctx: Any, _m: bool) -> None:
        seen.append((statement, params))

    sa.event.listen(store.engine, "before_cursor_execute", before)
    try:
        yield seen
    finally:
        sa.event.remove(store.engine, "before_cursor_execute", before)


@pytest.mark.postgres
def test_the_case_page_reads_no_big_table_whole(pg_url: str) -> None:
    store = Store(pg_url)
    store.create_all()
    try:
        seeded = _seed(store)
        with _statements(store) as seen:
            assert load_detail(store, seeded["mentions"][1]) is not None
        with store.engine.connect() as conn:
            conn.exec_driver_sql("ANALYZE")
            # Few rows make a scan cheapest; with scans priced out, one remains only
            # where no index can answer the query.
            conn.exec_driver_sql("SET enable_seqscan = off")
            for statement, params in seen:
                plan = "\n".join(conn.exec_driver_sql("EXPLAIN " + statement, params).scalars())
                scanned = [t for t in _BIG if f"Seq Scan on {t} " in plan.replace('"', "")]
                assert not scanned, f"{statement}\n{plan}"
    finally:
        store.dispose()
