"""A source's cursor keeps the ids of the posts it read lately (the seen-list that drops an
overlap's repeats): on Bluesky a post's id holds its author's account id (DID). Once that
author is erased, no query on the store should find their DID: the seen-list keeps a digest
of each version (it only compares them), not the post's id."""

from __future__ import annotations

import json
from dataclasses import replace

import sqlalchemy as sa

from listener._endpoints import Endpoints, Page, State
from mentiondesk import erasure
from mentiondesk.models import Author
from mentiondesk.store import Store
from mentiondesk.tables import CURSOR
from tests.helpers import COMPLAINT, mention

DID = "did:plc:anaana7example"
POST = replace(
    mention(1, COMPLAINT, platform="bluesky"),
    external_id=f"at://{DID}/app.bsky.feed.post/3kabc",
    author=Author(id=DID, handle="ana.bsky.social"),
)


async def _page(state: State) -> Page:
    return Page([POST], {"since": "2026-11-10T09:00:00Z"})


async def test_an_erased_authors_did_is_left_in_no_cursor(store: Store) -> None:
    source = Endpoints("sky", {"search": _page})
    first = await source.poll(None)  # a first read marks what is there seen, stores nothing
    batch = await source.poll(first.cursor)
    store.ingest("sky", [POST], batch.cursor)
    erasure.erase(store, "bluesky", "ana.bsky.social", by="cli:dpo")
    holding = sa.select(CURSOR.c.value).where(CURSOR.c.value.contains(DID))
    with store.engine.connect() as conn:
        assert conn.scalars(holding).all() == []


async def test_a_cursor_of_ids_from_before_is_read_as_digests_and_still_drops_repeats() -> None:
    state = {"v": 1, "ep": {"search": {"since": "x"}}, "done": [], "seen": [POST.version]}
    batch = await Endpoints("sky", {"search": _page}).poll(json.dumps(state))
    assert batch.mentions == []  # the post read before the upgrade is still a repeat
    assert DID not in batch.cursor
