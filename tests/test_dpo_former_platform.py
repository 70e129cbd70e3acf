"""A store an older release filled keeps X posts under the platform's former name "twitter";
the same account posting since is stored under "x" (a row per platform, one account id).
An access request, an erasure or a do-not-contact listing on x is about that person: their
rows stored under "twitter" are theirs too, exported, erased and listed with the rest."""

from __future__ import annotations

from dataclasses import replace

import pytest
import sqlalchemy as sa

from mentiondesk import author_export, contacts, erasure, forgotten
from mentiondesk.author_lookup import Ambiguous
from mentiondesk.models import Author
from mentiondesk.store import Store
from mentiondesk.tables import AUTHOR, DRAFT, MENTION
from tests.helpers import COMPLAINT, PRAISE, mention

OLD = "@lumora from before the rename, my order never came"


def _upgraded(store: Store, *, other: str = "a1") -> None:
    """Ana's old post stored as "twitter", her new one as "x", Bia's on x."""
    old = replace(mention(1, OLD, platform="twitter"), author=Author(id=other, handle="h_a1"))
    bia = mention(3, PRAISE, author="b", name="Bia Lima")
    store.ingest("s", [old, mention(2, COMPLAINT), bia], "c")


def _texts(store: Store) -> list[str]:
    with store.engine.connect() as conn:
        return list(conn.scalars(sa.select(MENTION.c.text).order_by(MENTION.c.id)))


def test_the_export_holds_their_posts_stored_under_twitter(store: Store) -> None:
    _upgraded(store)
    data = author_export.export(store, "x", "h_a1")
    assert [m["text"] for m in data["mentions"]] == [OLD, COMPLAINT]


@pytest.mark.parametrize(("handle", "account_id"), [("h_a1", ""), ("", "a1")])
def test_forget_erases_their_posts_stored_under_twitter(
    store: Store, handle: str, account_id: str
) -> None:
    _upgraded(store)
    done = erasure.erase(store, "x", handle, by="cli:dpo", account_id=account_id)
    assert done.mentions == 2 and _texts(store) == [PRAISE]
    with store.engine.connect() as conn:
        assert list(conn.scalars(sa.select(AUTHOR.c.handle))) == ["h_b"]


def test_another_account_under_the_old_handle_is_still_asked_about(store: Store) -> None:
    _upgraded(store, other="z9")  # someone else posted as h_a1 on twitter back then
    with pytest.raises(Ambiguous):
        erasure.erase(store, "x", "h_a1", by="cli:dpo")
    assert len(_texts(store)) == 3


def test_listing_on_x_withdraws_a_dm_drafted_to_their_twitter_row(store: Store) -> None:
    _upgraded(store)
    with store.engine.begin() as conn:  # left pending by the older release
        values = {"mention_id": 1, "kind": "private", "text": "Hi Ana", "lang": "en", "rule": "r"}
        conn.execute(sa.insert(DRAFT).values(values))
    listing = contacts.set_do_not_contact(store, "x", "h_a1", by="cli:dpo")
    assert listing.authors == 2 and listing.withdrawn == 1
    assert listing.author_ids == (2, 1)  # its x row first: the audit line names it
    with store.engine.connect() as conn:
        assert conn.scalars(sa.select(DRAFT.c.status)).all() == ["withdrawn"]


def _listed_on_x(store: Store) -> list[bool]:
    query = sa.select(AUTHOR.c.do_not_contact).where(AUTHOR.c.platform == "x")
    with store.engine.connect() as conn:
        return list(conn.scalars(query.where(AUTHOR.c.external_id == "a1")))


def test_listed_under_twitter_they_are_listed_when_they_post_on_x(store: Store) -> None:
    old = replace(mention(1, OLD, platform="twitter"), author=Author(id="a1", handle="h_a1"))
    store.ingest("s", [old], "c")
    assert contacts.set_do_not_contact(store, "twitter", "h_a1", by="cli:dpo").authors == 1
    store.ingest("s", [mention(2, COMPLAINT)], "c")  # their first post since the rename
    assert _listed_on_x(store) == [True]


def test_erased_while_listed_under_twitter_they_stay_listed_on_x(store: Store) -> None:
    old = replace(mention(1, OLD, platform="twitter"), author=Author(id="a1", handle="h_a1"))
    store.ingest("s", [old], "c")
    contacts.set_do_not_contact(store, "twitter", "h_a1", by="cli:dpo")
    assert erasure.erase(store, "twitter", "h_a1", by="cli:dpo").listed
    store.ingest("s", [mention(2, COMPLAINT)], "c")
    assert _listed_on_x(store) == [True]


def test_allow_contact_on_x_drops_what_was_kept_under_twitter(store: Store) -> None:
    with store.engine.begin() as conn:  # an older release erased them while listed
        forgotten.keep_forgotten(conn, [("twitter", "a1")])
        assert forgotten.drop_forgotten(conn, "x", "a1")
        forgotten.keep_forgotten(conn, [("twitter", "a1")])
    store.ingest("s", [mention(2, COMPLAINT)], "c")
    assert _listed_on_x(store) == [True]
    contacts.set_do_not_contact(store, "x", "h_a1", by="cli:dpo", value=False)
    store.ingest("s", [mention(3, COMPLAINT)], "c")
    assert _listed_on_x(store) == [False]
