"""An edit of a post is stored only over an older version of it (edited_posts): a page read
before another but stored after it (a second worker, another source reading the same post)
never puts outdated text back, nor has the mention read again at it."""

from __future__ import annotations

from dataclasses import replace

import pytest
import sqlalchemy as sa

from mentiondesk.ingested import Ingested
from mentiondesk.store import Store
from mentiondesk.tables import MENTION
from tests.helpers import mention

ORIGINAL = mention(1, "@lumora parcel late")
V2 = replace(ORIGINAL, text="@lumora parcel late, day 3", edit_id="1002", url="https://e/1002")
V3 = replace(
    ORIGINAL, text="@lumora parcel arrived, all good!", edit_id="1003", url="https://e/1003"
)


def _read_already(store: Store) -> None:
    with store.engine.begin() as conn:
        conn.execute(sa.update(MENTION).values(processed=True))


def _stored(store: Store) -> tuple[str, str, bool, str | None]:
    columns = (MENTION.c.text, MENTION.c.url, MENTION.c.processed, MENTION.c.edit_id)
    with store.engine.connect() as conn:
        text, url, processed, edit_id = conn.execute(sa.select(*columns)).one()
    return text, url, processed, edit_id


@pytest.mark.postgres
def test_an_older_edit_does_not_overwrite_a_newer_one(pg_stores: tuple[Store, Store]) -> None:
    """The reviewer's case: two workers, B read the latest edit, A's earlier read lands after."""
    a, b = pg_stores
    a.ingest("x-search", [ORIGINAL], "100")
    _read_already(a)
    assert b.ingest("x-search", [V3], "1003") == Ingested(edited=1)
    _read_already(b)  # read again at the latest text
    assert not a.ingest("x-search", [V2], "1002")
    assert _stored(a) == (V3.text, V3.url, True, "1003")  # not read again at outdated text


def test_edits_in_order_are_each_taken(store: Store) -> None:
    store.ingest("x", [ORIGINAL], None)
    assert store.ingest("x", [V2], None) == Ingested(edited=1)
    assert store.ingest("x", [V3], None) == Ingested(edited=1)
    assert not store.ingest("x", [V2], None)  # on one backend as on the other
    with store.engine.connect() as conn:
        first = conn.scalar(sa.select(MENTION.c.first_text))
    assert _stored(store) == (V3.text, V3.url, False, "1003") and first == ORIGINAL.text


def test_a_post_first_read_edited_keeps_its_version(store: Store) -> None:
    assert store.ingest("x", [V3], None) == Ingested(new=1)
    assert not store.ingest("x", [V2], None)
    assert _stored(store)[::3] == (V3.text, "1003")


def test_a_store_from_before_edit_versions_gets_them_and_takes_edits(db_url: str) -> None:
    """mention.edit_id and source_lease came later: an older store gets them at start-up, and
    a post edited before (its version unknown: NULL) still takes the next edit."""
    store = Store(db_url)
    store.create_all()
    store.ingest("x", [ORIGINAL], None)
    store.ingest("x", [V2], None)
    with store.engine.begin() as conn:
        conn.execute(sa.text('ALTER TABLE "mention" DROP COLUMN edit_id'))
        conn.execute(sa.text('DROP TABLE "source_lease"'))
    store.create_all()
    assert _stored(store)[::3] == (V2.text, None)
    assert store.ingest("x", [V3], None) == Ingested(edited=1)
    assert _stored(store)[::3] == (V3.text, "1003")
    with store.engine.connect() as conn:
        assert sa.inspect(conn).has_table("source_lease")
    store.dispose()
