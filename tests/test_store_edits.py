"""The store takes an edit of a mention it holds (edited_posts) as that mention, never a
second one; a repeat of what it holds changes nothing."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import sqlalchemy as sa

from mentiondesk.decisions import Decision, record
from mentiondesk.edited_posts import _take
from mentiondesk.edited_reread import read_before
from mentiondesk.ingested import Ingested
from mentiondesk.models import Label, Reading
from mentiondesk.store import PendingMention, Store
from mentiondesk.tables import AUDIT, MENTION
from tests.helpers import mention


def _stored(store: Store) -> list[tuple[object, ...]]:
    columns = ("external_id", "text", "first_text", "url", "processed")
    with store.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(sa.select(*(MENTION.c[c] for c in columns)))]


def test_an_edit_of_a_mention_not_read_yet_is_read_at_its_latest(store: Store) -> None:
    first = mention(1, "my lamp is brken @lumora")
    edit = replace(first, text="my lamp is broken @lumora", edit_id="e2", url="https://e/2")
    assert store.ingest("x", [first], None) == Ingested(new=1)
    assert store.ingest("x", [edit], None) == Ingested(edited=1)  # no new mention
    assert not store.ingest("x", [edit], None)  # the same version again
    assert not store.ingest("x", [replace(first, text="other")], None)  # no edit: dropped
    assert _stored(store) == [
        ("m1", "my lamp is broken @lumora", "my lamp is brken @lumora", "https://e/2", False)
    ]
    with store.engine.connect() as conn:
        assert conn.scalar(sa.select(sa.func.count()).select_from(AUDIT)) == 0


def test_an_edit_while_the_mention_is_being_read_is_read_after(store: Store) -> None:
    first = mention(1, "my lamp is brken @lumora")
    store.ingest("x", [first], None)
    (claimed,) = store.claim_unprocessed(1, timedelta(minutes=5))  # a worker reads it…
    edit = replace(first, text="stop messaging me @lumora", edit_id="e2")
    store.ingest("x", [edit], None)  # …as the edit comes in
    # Nothing is decided on the old text, in the same transaction as the check: a worker
    # killed just after it loses no edit (the check came after the commit, apart from it).
    assert record(store, [_decided(claimed)], post_route={"default": "console"}) == 0
    (again,) = store.claim_unprocessed(1, timedelta(minutes=5))  # let go: no lease to wait out
    assert again.mention.text == "stop messaging me @lumora"
    assert read_before(store, [again.id]) == set()  # read once, at its latest


def test_an_edit_that_waited_for_the_decision_is_read_again(store: Store) -> None:
    # The edit read the row unread, then waited for the deciding transaction's lock: it must
    # take the mention again from the row as it is then, decided.
    first = mention(1, "my lamp is brken @lumora")
    store.ingest("x", [first], None)
    (claimed,) = store.claim_unprocessed(1, timedelta(minutes=5))
    with store.engine.begin() as conn:
        row = conn.execute(sa.select(MENTION).where(MENTION.c.id == claimed.id)).one()
    assert record(store, [_decided(claimed)], post_route={"default": "console"}) == 1
    edit = replace(first, text="stop messaging me @lumora", edit_id="e2")
    with store.engine.begin() as conn:
        assert _take(conn, row, edit)  # `row` read before the decision: processed False
    (again,) = store.claim_unprocessed(1, timedelta(minutes=5))
    assert again.mention.text == "stop messaging me @lumora"
    assert read_before(store, [again.id]) == {again.id}  # read again, as edits are


def _decided(claimed: PendingMention) -> Decision:
    reading = Reading(label=Label.NEGATIVE, score=0.9, lang="en")
    return Decision(claimed.id, claimed.author_id, claimed.mention, reading)
