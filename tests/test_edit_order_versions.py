"""How edit versions are ordered (edited_posts.newer), and an edit written only over the
version its ingest read (edited_posts._take), not over one another ingest stored meanwhile."""

from __future__ import annotations

import sqlalchemy as sa

from mentiondesk.edited_posts import _take, newer
from mentiondesk.store import Store
from mentiondesk.tables import MENTION
from tests.test_edit_order import ORIGINAL, V2, V3, _stored


def test_an_edit_stored_meanwhile_by_another_ingest_is_not_overwritten(store: Store) -> None:
    """Two ingests read the row together (two sources with the same post); the one that
    writes second finds the version it read gone, and writes nothing."""
    store.ingest("x", [ORIGINAL], None)
    with store.engine.connect() as conn:
        as_read = conn.execute(sa.select(MENTION)).one()
    store.ingest("x", [V3], None)  # the other ingest commits first
    with store.engine.begin() as conn:
        assert not _take(conn, as_read, V2)
    assert _stored(store)[0] == V3.text


def test_versions_are_ordered_as_numbers_where_they_are_numbers() -> None:
    assert newer("1003", "1002") and not newer("1002", "1003") and not newer("1003", "1003")
    assert newer("10000", "9999")  # not as text
    assert newer("e2", "m1") and not newer("e2", "e2")  # no order to tell: another is newer
    assert newer("1002", "m1")  # the first version's id is no number here
