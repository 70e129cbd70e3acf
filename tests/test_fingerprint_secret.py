"""`[store] fingerprint_secret_env`: new fingerprints keyed by a secret kept outside the
database, on both backends. A copy of the database alone (its own key, no secret) matches
none of them, and what was kept before the secret was set still matches."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator

import pytest
import sqlalchemy as sa

from mentiondesk import erased_posts
from mentiondesk.erasure import erase
from mentiondesk.fingerprint_keys import key_for
from mentiondesk.forgotten import (
    drop_handle,
    fingerprint,
    fingerprint_key,
    handle_fingerprint,
    keep_forgotten,
    keep_handle,
)
from mentiondesk.store import Store
from mentiondesk.tables import AUTHOR, ERASED_POST, FINGERPRINT_KEY, FORGOTTEN, MENTION
from tests.helpers import mention

SECRET = b"0f3c9a7e52d14b8e9c6a1d2e3f4b5c6d"


@pytest.fixture
def stores(db_url: str) -> Iterator[tuple[Store, Store]]:
    """The same database opened without the secret (as before it was set, or as a copy of the
    database alone) and with it."""
    before = Store(db_url)
    before.create_all()
    after = Store(db_url, fingerprint_secret=SECRET)
    yield before, after
    after.dispose()
    before.dispose()


def _plain(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def _listed(store: Store) -> list[tuple[str, bool]]:
    query = sa.select(AUTHOR.c.external_id, AUTHOR.c.do_not_contact).order_by(AUTHOR.c.id)
    with store.engine.connect() as conn:
        return [(e, bool(d)) for e, d in conn.execute(query)]


def _digests(store: Store, table: sa.Table) -> set[str]:
    with store.engine.connect() as conn:
        return set(conn.scalars(sa.select(table.c.digest)))


def _posts(store: Store) -> list[str]:
    with store.engine.connect() as conn:
        return list(conn.scalars(sa.select(MENTION.c.external_id).order_by(MENTION.c.id)))


def test_a_fingerprint_under_the_secret_is_not_the_database_keys(
    stores: tuple[Store, Store],
) -> None:
    before, after = stores
    with before.engine.begin() as conn:
        keep_forgotten(conn, [("x", "z9")])  # the database has its own key from before
        db_key = fingerprint_key(conn)
    assert db_key is not None
    with after.engine.begin() as conn:
        keep_forgotten(conn, [("x", "a1")])
        keep_handle(conn, "x", "h_c")
    new = _digests(before, FORGOTTEN) - {fingerprint("x", "z9", db_key)}
    under_db_key = {fingerprint("x", "a1", db_key), handle_fingerprint("x", "h_c", db_key)}
    assert len(new) == 2 and new.isdisjoint(under_db_key | {_plain("x\na1")})
    # The database alone (a full copy: its key, not the secret) matches neither.
    before.ingest("s", [mention(1), mention(2, author="b"), mention(3, author="c")], "c1")
    assert _listed(before) == [("a1", False), ("b", False), ("c", False)]
    after.ingest("s", [mention(4), mention(5, author="b"), mention(6, author="c")], "c2")
    assert _listed(after) == [("a1", True), ("b", False), ("c", True)]


def test_the_secret_keeps_no_key_in_the_database(stores: tuple[Store, Store]) -> None:
    _, after = stores
    with after.engine.begin() as conn:
        keep_forgotten(conn, [("x", "a1")])
        keep_handle(conn, "x", "h_c")
    with after.engine.connect() as conn:
        assert conn.execute(sa.select(FINGERPRINT_KEY)).all() == []


def test_an_entry_kept_before_the_secret_still_lists_them(stores: tuple[Store, Store]) -> None:
    before, after = stores
    with before.engine.begin() as conn:
        keep_forgotten(conn, [("x", "a1")])
        keep_handle(conn, "x", "h_c")
        conn.execute(sa.insert(FORGOTTEN).values(digest=_plain("x\nd")))  # an older release's
    kept = _digests(before, FORGOTTEN)
    posts = [mention(1), mention(2, author="b"), mention(3, author="c"), mention(4, author="d")]
    after.ingest("s", posts, "c1")
    assert _listed(after) == [("a1", True), ("b", False), ("c", True), ("d", True)]
    with after.engine.begin() as conn:
        keep_handle(conn, "x", "h_c")  # listed again: already kept, under the store's key
        keep_forgotten(conn, [("x", "a1")])
    assert _digests(after, FORGOTTEN) == kept
    with after.engine.begin() as conn:  # and taken off the list with the secret set
        assert drop_handle(conn, "x", "h_c")
    assert len(_digests(after, FORGOTTEN)) == 2


def test_erased_posts_stay_erased_across_the_secret(stores: tuple[Store, Store]) -> None:
    before, after = stores
    before.ingest("s", [mention(1), mention(2, author="b")], "c1")
    erase(before, "x", "h_a1", by="test")  # m1, under the store's key
    erase(after, "x", "h_b", by="test")  # m2, under the secret
    with before.engine.connect() as conn:
        db_key = key_for(conn, "erased_post", create=False)
    assert db_key is not None
    assert erased_posts.fingerprint(db_key, "x", "m2") not in _digests(before, ERASED_POST)
    after.ingest("s", [mention(1), mention(2, author="b")], "c2")
    assert _posts(after) == []  # both read again: neither is stored
    before.ingest("s", [mention(1), mention(2, author="b")], "c3")
    assert _posts(before) == ["m2"]  # the database alone cannot tell m2 was erased
