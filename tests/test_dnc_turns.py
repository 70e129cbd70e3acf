"""Listing an author and writing drafts for them take turns: no DM waits for someone listed.

The pipeline reads the do-not-contact list when it claims a mention, but writes its drafts
later; a listing in between, or one that commits while the drafts are being written, used to
leave a pending DM that the queue then had to withdraw on every view. Now the draft-writing
transaction checks the list under the author's lock, which listing takes too: either the
listing comes first and no DM is written, or it waits for the drafts and withdraws the DM.
The interleavings need PostgreSQL (SQLite lets one writer in at a time); the plain order,
listed after the claim and before the drafts are written, is checked on both.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from mentiondesk import contacts, queue
from mentiondesk.decisions import Decision, DraftPlan, record
from mentiondesk.models import Author, Label, Mention, Reading
from mentiondesk.opt_outs import OptOut, listed_by, withdrawn_for_opt_out
from mentiondesk.store import Store
from mentiondesk.tables import CASE, DRAFT, MENTION
from tests.desk.seed import add
from tests.sql_pause import JOIN_S, in_thread, paused_after, wait_for, waits

ROUTE = {"default": "console"}


def decided(store: Store, handle: str, external_id: str) -> Decision:
    """A complaint by `handle`, stored, read and decided (an apology by DM and a public reply)
    but not yet recorded: as the pipeline holds it between the claim and writing its drafts."""
    author = Author(id=f"u-{handle}", handle=handle, name=handle.title(), followers=10)
    mention = Mention(
        platform="x",
        external_id=external_id,
        author=author,
        text="Where is my parcel?",
        created_at=datetime.now(UTC),
    )
    store.ingest("seed", [mention], None)
    with store.engine.connect() as conn:
        row = conn.execute(
            sa.select(MENTION.c.id, MENTION.c.author_id).where(MENTION.c.external_id == external_id)
        ).one()
    drafts = (
        DraftPlan(kind="private", text="Sorry! DM us your order", lang="en", rule="complaint"),
        DraftPlan(kind="public", text="On it!", lang="en", rule="complaint"),
    )
    return Decision(
        mention_id=row.id,
        author_id=row.author_id,
        mention=mention,
        reading=Reading(label=Label.NEGATIVE, score=0.9, lang="en"),
        case_rule="complaint",
        drafts=drafts,
    )


def _drafts(store: Store, mention_id: int) -> list[tuple[str, str, str | None]]:
    """(kind, status, decided_by) of the mention's drafts, oldest first."""
    query = (
        sa.select(DRAFT.c.kind, DRAFT.c.status, DRAFT.c.decided_by)
        .where(DRAFT.c.mention_id == mention_id)
        .order_by(DRAFT.c.id)
    )
    with store.engine.connect() as conn:
        return [(k, s, b) for k, s, b in conn.execute(query)]


def _case_open(store: Store, mention_id: int) -> bool:
    with store.engine.connect() as conn:
        status = conn.scalar(sa.select(CASE.c.status).where(CASE.c.mention_id == mention_id))
    return status == "open"


def test_a_dm_decided_before_its_author_was_listed_is_not_written(db_url: str) -> None:
    store = Store(db_url)
    store.create_all()
    try:
        decision = decided(store, "lia", "m1")  # claimed while they were not listed
        listing = contacts.set_do_not_contact(store, "x", "lia", by="cli:ops")
        assert listing.withdrawn == 0  # nothing written yet
        assert record(store, [decision], post_route=ROUTE) == 1
        assert _drafts(store, decision.mention_id) == [("public", "pending", None)]
        assert _case_open(store, decision.mention_id)  # the rest of the decision stands
    finally:
        store.dispose()


# --- the interleavings: PostgreSQL -------------------------------------------------------


@pytest.mark.postgres
def test_a_listing_waits_for_a_dm_being_written_and_then_withdraws_it(
    pg_stores: tuple[Store, Store],
) -> None:
    pipeline, desk = pg_stores
    decision = decided(pipeline, "rui", "m2")
    with paused_after(pipeline.engine, "INSERT INTO draft") as written:
        writer, wrote = in_thread(lambda: record(pipeline, [decision], post_route=ROUTE))
        wait_for(lambda: written.is_set() or not writer.is_alive(), "no draft written")
        assert written.is_set(), wrote
        lister, listed = in_thread(
            lambda: contacts.set_do_not_contact(desk, "x", "rui", by="cli:ops")
        )
        waits(desk, lister, listed, "the listing")
    writer.join(JOIN_S)
    lister.join(JOIN_S)
    assert wrote == [1]
    (listing,) = listed
    assert isinstance(listing, contacts.Listing) and listing.withdrawn == 1
    dm, public = _drafts(desk, decision.mention_id)
    assert dm[:2] == ("private", "withdrawn") and dm[2] == listed_by("cli:ops")
    assert public == ("public", "pending", None)


@pytest.mark.postgres
def test_a_dm_being_written_as_its_author_is_listed_is_not_written(
    pg_stores: tuple[Store, Store],
) -> None:
    pipeline, desk = pg_stores
    decision = decided(pipeline, "eva", "m3")  # claimed before the listing
    with paused_after(desk.engine, "UPDATE author") as listing_half_done:
        lister, listed = in_thread(
            lambda: contacts.set_do_not_contact(desk, "x", "eva", by="cli:ops")
        )
        wait_for(lambda: listing_half_done.is_set() or not lister.is_alive(), "not listed")
        assert listing_half_done.is_set(), listed
        writer, wrote = in_thread(lambda: record(pipeline, [decision], post_route=ROUTE))
        waits(pipeline, writer, wrote, "the drafts' writing")
    lister.join(JOIN_S)
    writer.join(JOIN_S)
    assert wrote == [1]
    (listing,) = listed
    assert isinstance(listing, contacts.Listing) and listing.withdrawn == 0
    assert _drafts(desk, decision.mention_id) == [("public", "pending", None)]
    assert _case_open(desk, decision.mention_id)


@pytest.mark.postgres
def test_a_dm_restored_as_its_author_is_listed_is_withdrawn_again(
    pg_stores: tuple[Store, Store],
) -> None:
    first, second = pg_stores
    _, _, apology = add(first, "Where is my parcel?", handle="ivo")
    add(first, "it arrived, thank you!", handle="ivo", label="positive", case=False, draft=None)
    assert apology is not None
    with paused_after(first.engine, "SELECT author.do_not_contact") as checked:
        restorer, restored = in_thread(lambda: queue.restore_draft(first, apology, by="ana"))
        wait_for(lambda: checked.is_set() or not restorer.is_alive(), "never checked")
        assert checked.is_set(), restored
        lister, listed = in_thread(
            lambda: contacts.set_do_not_contact(second, "x", "ivo", by="cli:ops")
        )
        waits(second, lister, listed, "the listing")
    restorer.join(JOIN_S)
    lister.join(JOIN_S)
    assert restored == [None]  # praise did not settle it: the apology waited again...
    with second.engine.connect() as conn:
        row = conn.execute(sa.select(DRAFT).where(DRAFT.c.id == apology)).one()
    assert row.status == "withdrawn"  # ...until the listing, which came after, withdrew it
    assert withdrawn_for_opt_out(row.decided_by) == OptOut(by="cli:ops")
