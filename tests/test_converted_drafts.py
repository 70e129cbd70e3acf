"""A follow-up's public reply drafted as a private message (its post is followers-only or
direct) leaves the case's waiting private message alone: one waits per case, and a rule's own
is the case's answer; where none waits, it waits itself."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import sqlalchemy as sa

from mentiondesk import queue
from mentiondesk.store import Store
from mentiondesk.tables import DRAFT
from tests.desk.seed import add


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    store = Store(db_url)
    store.create_all()
    yield store
    store.dispose()


def _drafts(store: Store, case: int | None) -> list[tuple[str, str, str]]:
    query = sa.select(DRAFT.c.kind, DRAFT.c.text, DRAFT.c.status).where(DRAFT.c.case_id == case)
    with store.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(query.order_by(DRAFT.c.id))]


def _follow_up(store: Store, handle: str) -> tuple[int, int | None, int | None]:
    """A neutral follow-up on a followers-only post, whose rule drafts a public reply."""
    return add(
        store,
        "any news?",
        label="neutral",
        platform="mastodon",
        handle=handle,
        draft="Thanks for asking!",
        draft_kind="private",
        visibility="private",
        instead_of_public=True,
    )


def test_a_converted_reply_leaves_the_cases_waiting_private_message(store: Store) -> None:
    _, case, apology = add(
        store, "lamp broke", platform="mastodon", handle="ana", draft="Sorry! Your order number?"
    )
    _, same, _ = _follow_up(store, "ana")
    assert same == case
    assert _drafts(store, case) == [("private", "Sorry! Your order number?", "pending")]
    assert apology is not None
    queue.approve_draft(store, apology, by="agent", post_route={"default": "console"})


def test_a_converted_reply_waits_where_the_case_has_no_private_message(store: Store) -> None:
    _, case, _ = add(
        store,
        "lamp broke",
        platform="mastodon",
        handle="bia",
        draft="We are on it",
        draft_kind="public",
    )
    _follow_up(store, "bia")
    assert _drafts(store, case) == [
        ("public", "We are on it", "pending"),
        ("private", "Thanks for asking!", "pending"),
    ]
    _, _, own = add(
        store, "still broken", platform="mastodon", handle="bia", draft="Sorry! Your order number?"
    )
    # A rule's own private message replaces it, as it replaces any waiting one.
    assert [d[2] for d in _drafts(store, case)] == ["pending", "withdrawn", "pending"]
    assert own is not None
