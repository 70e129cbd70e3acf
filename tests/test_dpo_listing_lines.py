"""Hacker News tells "bob" and "Bob" apart (two people). The audit line listing one of them
for do-not-contact is that person's: erasing, exporting or the retention blanking the other
must leave it whole, and an access request must not hand it over."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import sqlalchemy as sa

from mentiondesk import audit, author_export, contacts, erasure, retention
from mentiondesk.models import Author
from mentiondesk.store import Store
from mentiondesk.tables import AUDIT, MENTION
from tests.helpers import BASE_TIME, mention

LISTING = ("do-not-contact",)


def _two_bobs(store: Store) -> None:
    """bob (account 1) and Bob (account 2) each posted once and were each listed."""
    low = replace(mention(1, platform="hackernews"), author=Author(id="1", handle="bob"))
    high = replace(mention(2, platform="hackernews"), author=Author(id="2", handle="Bob"))
    store.ingest("s", [low, high], "c")
    for handle, mention_id in (("bob", 1), ("Bob", 2)):
        listing = contacts.set_do_not_contact(store, "hackernews", handle, by="cli:dpo")
        audit.record_listing(store, "cli:dpo", listing, listed=True, mention_id=mention_id)


def _lines(store: Store) -> list[tuple[int | None, str]]:
    query = sa.select(AUDIT.c.mention_id, AUDIT.c.detail).where(AUDIT.c.action.in_(LISTING))
    with store.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(query.order_by(AUDIT.c.id))]


def test_erasing_bob_keeps_the_line_listing_big_bob(store: Store) -> None:
    _two_bobs(store)
    erasure.erase(store, "hackernews", "bob", by="cli:dpo")
    assert (2, "hackernews Bob") in _lines(store)


def test_exporting_bob_leaves_out_the_line_listing_big_bob(store: Store) -> None:
    _two_bobs(store)
    lines = author_export.export(store, "hackernews", "bob")["audit"]
    assert [line["detail"] for line in lines] == ["hackernews bob"]


def test_the_retention_blanking_bob_keeps_the_line_listing_big_bob(store: Store) -> None:
    _two_bobs(store)
    late = BASE_TIME + timedelta(days=400)
    with store.engine.begin() as conn:  # both read; Bob posted lately: he is kept
        conn.execute(sa.update(MENTION).values(processed=True))
        conn.execute(sa.update(MENTION).where(MENTION.c.id == 2).values(created_at=late))
    assert retention.purge(store, 30, by="cli:dpo", now=late).authors == 1
    assert (2, "hackernews Bob") in _lines(store)
