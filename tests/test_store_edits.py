"""The store takes an edit of a mention it holds (edited_posts) as that mention, never a
second one; a repeat of what it holds changes nothing."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import sqlalchemy as sa

from mentiondesk.decisions import Decision, record
from mentiondesk.edited_reread import edited_meanwhile, read_before
from mentiondesk.ingested import Ingested
from mentiondesk.models import Label, Reading
from mentiondesk.store import Store
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
    edit = replace(first, text="my lamp is broken @lumora", edit_id="e2")
    store.ingest("x", [edit], None)  # …as the edit comes in
    decision = Decision(
        mention_id=claimed.id,
        author_id=claimed.author_id,
        mention=claimed.mention,
        reading=Reading(label=Label.NEGATIVE, score=0.9, lang="en"),
    )
    assert record(store, [decision], post_route={"default": "console"}) == 1
    assert edited_meanwhile(store, [claimed]) == 1
    (again,) = store.claim_unprocessed(1, timedelta(minutes=5))
    assert again.mention.text == "my lamp is broken @lumora"
    assert read_before(store, [again.id]) == {again.id}  # read again, not decided anew
