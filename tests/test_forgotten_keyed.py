"""Do-not-contact fingerprints are keyed by a secret of this install, on both backends: the
database alone cannot test a guessed account id or handle, and older plain ones still match."""

from __future__ import annotations

import hashlib

import sqlalchemy as sa

from mentiondesk.forgotten import keep_forgotten, keep_handle
from mentiondesk.store import Store
from mentiondesk.tables import AUTHOR, FINGERPRINT_KEY, FORGOTTEN
from tests.helpers import mention


def _plain(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def _listed(store: Store) -> list[tuple[str, bool]]:
    query = sa.select(AUTHOR.c.external_id, AUTHOR.c.do_not_contact).order_by(AUTHOR.c.id)
    with store.engine.connect() as conn:
        return [(e, bool(d)) for e, d in conn.execute(query)]


def _digests(store: Store) -> set[str]:
    with store.engine.connect() as conn:
        return set(conn.scalars(sa.select(FORGOTTEN.c.digest)))


def test_a_kept_fingerprint_is_keyed_and_still_matches(store: Store) -> None:
    with store.engine.begin() as conn:
        keep_forgotten(conn, [("x", "a1")])
        keep_handle(conn, "x", "h_c")
    kept = _digests(store)
    assert len(kept) == 2 and kept.isdisjoint({_plain("x\na1"), _plain("handle\nx\nh_c")})
    with store.engine.connect() as conn:  # made at first use, one per install
        assert len(conn.execute(sa.select(FINGERPRINT_KEY)).all()) == 1
    store.ingest("s", [mention(1), mention(2, author="b"), mention(3, author="c")], "c1")
    assert _listed(store) == [("a1", True), ("b", False), ("c", True)]


def test_an_older_plain_fingerprint_still_matches(store: Store) -> None:
    with store.engine.begin() as conn:
        keep_forgotten(conn, [("x", "z9")])  # the key exists: the plain rows must still count
        old = [_plain("x\na1"), _plain("handle\nx\nh_c")]
        conn.execute(sa.insert(FORGOTTEN), [{"digest": d} for d in old])
    store.ingest("s", [mention(1), mention(2, author="b"), mention(3, author="c")], "c1")
    assert _listed(store) == [("a1", True), ("b", False), ("c", True)]
