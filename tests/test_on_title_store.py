"""What a comment is on (Mention.on_title) is stored with it and read back, on SQLite and
PostgreSQL; a store made before the column gets it at start-up (its rows: none said), and
`check-config` names it first."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import sqlalchemy as sa

from mentiondesk.models import Mention
from mentiondesk.schema import check_ready
from mentiondesk.store import Store
from mentiondesk.tables import MENTION
from tests.helpers import mention

TITLE = "Show HN: Lumora CI – «cache» <everything> \u202eevil"
COMMENT = replace(
    mention(1, "Congrats! what's the pricing?", platform="hackernews"), on_title=TITLE
)
STORY = mention(2, "Show HN: Lumora CI", platform="hackernews")


def _read(store: Store) -> dict[str, Mention]:
    pending = store.claim_unprocessed(10, timedelta(minutes=5))
    return {p.mention.external_id: p.mention for p in pending}


def test_the_title_a_comment_is_on_is_stored_and_read_back(store: Store) -> None:
    store.ingest("hn", [COMMENT, STORY], None)
    read = _read(store)
    assert (read["m1"].on_title, read["m2"].on_title) == (TITLE, None)


def test_it_survives_the_outbox_payload_form() -> None:
    again = Mention.from_dict(COMMENT.to_dict())
    assert again.on_title == TITLE and again == COMMENT
    older = {k: v for k, v in COMMENT.to_dict().items() if k != "on_title"}  # queued before
    assert Mention.from_dict(older).on_title is None


def test_a_store_from_before_the_column_gets_it(db_url: str) -> None:
    store = Store(db_url)
    store.create_all()
    store.ingest("hn", [replace(COMMENT, on_title=None)], None)
    with store.engine.begin() as conn:
        conn.execute(sa.text('ALTER TABLE "mention" DROP COLUMN on_title'))
    _, notes = check_ready(store.engine)
    assert any("mention.on_title" in note for note in notes)
    store.create_all()
    store.ingest("hn", [replace(COMMENT, external_id="m9")], None)
    with store.engine.connect() as conn:
        rows = conn.execute(sa.select(MENTION.c.external_id, MENTION.c.on_title)).all()
    assert sorted(rows) == [("m1", None), ("m9", TITLE)]
    store.dispose()
