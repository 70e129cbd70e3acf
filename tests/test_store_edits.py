"""The store takes an edit of a mention it holds (edited_posts) as that mention, never a
second one; a repeat of what it holds changes nothing."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest
import sqlalchemy as sa

from mentiondesk.store import Store
from mentiondesk.tables import AUDIT, MENTION
from tests.helpers import mention


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    store = Store(db_url)
    store.create_all()
    yield store
    store.dispose()


def _stored(store: Store) -> list[tuple[object, ...]]:
    columns = ("external_id", "text", "first_text", "url", "processed")
    with store.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(sa.select(*(MENTION.c[c] for c in columns)))]


def test_an_edit_of_a_mention_not_read_yet_is_read_at_its_latest(store: Store) -> None:
    first = mention(1, "my lamp is brken @lumora")
    edit = replace(first, text="my lamp is broken @lumora", edit_id="e2", url="https://e/2")
    assert store.ingest("x", [first], None) == 1
    assert store.ingest("x", [edit], None) == 0  # nothing read yet: nothing to read again
    assert store.ingest("x", [edit], None) == 0  # the same version again
    assert store.ingest("x", [replace(first, text="other")], None) == 0  # no edit: dropped
    assert _stored(store) == [
        ("m1", "my lamp is broken @lumora", "my lamp is brken @lumora", "https://e/2", False)
    ]
    with store.engine.connect() as conn:
        assert conn.scalar(sa.select(sa.func.count()).select_from(AUDIT)) == 0
