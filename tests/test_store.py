"""The store on SQLite and PostgreSQL: atomic ingest with the cursor, dedupe, claims."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from mentiondesk.ingested import Ingested
from mentiondesk.store import Store
from mentiondesk.tables import AUTHOR, CASE, MENTION
from tests.helpers import mention


@pytest.fixture
def store(db_url: str) -> Store:
    store = Store(db_url)
    store.create_all()
    yield store  # type: ignore[misc]
    store.dispose()


def _count(store: Store, table: sa.Table) -> int:
    with store.engine.connect() as conn:
        return int(conn.scalar(sa.select(sa.func.count()).select_from(table)) or 0)


def test_ingest_saves_mentions_and_cursor(store: Store) -> None:
    assert store.ingest("src", [mention(1), mention(2)], "c2") == Ingested(new=2)
    assert store.cursor("src") == "c2" and _count(store, MENTION) == 2


def test_seen_mention_is_dropped_in_the_store(store: Store) -> None:
    store.ingest("src", [mention(1)], "c1")
    assert store.ingest("src", [mention(1), mention(2), mention(2)], "c2") == Ingested(new=1)
    assert _count(store, MENTION) == 2


def test_same_author_is_one_row_and_reach_is_updated(store: Store) -> None:
    store.ingest("src", [mention(1, followers=10)], "c1")
    store.ingest("src", [mention(2, followers=99)], "c2")
    with store.engine.connect() as conn:
        assert conn.execute(sa.select(AUTHOR.c.followers)).scalars().all() == [99]


def test_failed_ingest_keeps_the_old_cursor(store: Store) -> None:
    store.ingest("src", [mention(1)], "c1")
    bad = mention(2).__class__(
        **{**mention(2).to_dict(), "author": mention(2).author, "created_at": None}
    )  # type: ignore[arg-type]
    with pytest.raises(sa.exc.StatementError):
        store.ingest("src", [mention(3), bad], "c3")
    assert store.cursor("src") == "c1" and _count(store, MENTION) == 1


def test_hostile_text_is_stored_as_is(store: Store) -> None:
    text = "<script>alert(1)</script> {{ 7*7 }} \x07 " + "x" * 10_000
    store.ingest("src", [mention(1, text)], None)
    (pending,) = store.claim_unprocessed(10, timedelta(minutes=1))
    assert pending.mention.text == text


def test_claims_are_not_shared_until_the_lease_ends(store: Store) -> None:
    store.ingest("src", [mention(i) for i in range(5)], None)
    first = store.claim_unprocessed(3, timedelta(minutes=5))
    second = store.claim_unprocessed(10, timedelta(minutes=5))
    assert [p.mention.external_id for p in first] == ["m0", "m1", "m2"]
    assert [p.mention.external_id for p in second] == ["m3", "m4"]
    assert store.claim_unprocessed(10, timedelta(minutes=5)) == []
    assert len(store.claim_unprocessed(10, timedelta(seconds=-1))) == 0  # leases still live


def test_created_at_round_trips_as_aware_utc(store: Store) -> None:
    store.ingest("src", [mention(7)], None)
    (pending,) = store.claim_unprocessed(1, timedelta(minutes=1))
    assert pending.mention.created_at == mention(7).created_at
    assert pending.mention.created_at.utcoffset() == timedelta(0)


def test_an_unstorable_mention_does_not_block_its_source(store: Store) -> None:
    poison = mention(1).__class__(
        **{
            **mention(1).to_dict(),
            "platform": "p" * 40,
            "author": mention(1).author,
            "created_at": mention(1).created_at,
        }
    )
    store.ingest("src", [poison, mention(2)], "c2")
    assert store.cursor("src") == "c2"
    with store.engine.connect() as conn:
        assert "m2" in set(conn.scalars(sa.select(MENTION.c.external_id)))


def test_history_names_open_and_lately_resolved_cases_only(store: Store) -> None:
    # A case resolved months ago, or closed as spam, says nothing about a new complaint: a
    # reply naming it ("a person is on it") would not ask for the order number.
    store.ingest("src", [mention(n) for n in range(1, 6)], None)
    now = datetime.now(UTC)
    cases = [
        ("resolved", now - timedelta(days=200)),
        ("closed", now - timedelta(days=1)),
        ("resolved", now - timedelta(days=3)),
        ("open", None),
    ]
    with store.engine.begin() as conn:
        author = conn.scalar(sa.select(AUTHOR.c.id))
        ids = conn.execute(sa.select(MENTION.c.id).order_by(MENTION.c.id)).scalars().all()
        for mention_id, (status, closed_at) in zip(ids, cases, strict=False):
            row = {"mention_id": mention_id, "author_id": author, "rule": "complaint"}
            conn.execute(CASE.insert().values(**row, status=status, closed_at=closed_at))
    history = store.histories([author])[author]
    assert history.past_cases == ("MD-000003", "MD-000004")
    assert history.open_cases == ("MD-000004",) and history.mentions_before == 0


def test_claims_go_by_when_posted_not_by_when_stored(store: Store) -> None:
    # A catch-up of a newest-first listing stores its newest page first, and a second source
    # after the first: the complaint (m1) stored last is still read before its follow-up.
    store.ingest("mentions", [mention(4), mention(3)], "p1")
    store.ingest("mentions", [mention(2)], "p2")
    store.ingest("search", [mention(1), mention(5)], "s1")
    first = store.claim_unprocessed(2, timedelta(minutes=5))
    rest = store.claim_unprocessed(10, timedelta(minutes=5))
    assert [p.mention.external_id for p in first] == ["m1", "m2"]
    assert [p.mention.external_id for p in rest] == ["m3", "m4", "m5"]
