"""Restoring a draft, a reply written by hand and a held reply sent again write their audit
line in the change's own transaction (as approving and rejecting do): one line when the change
commits, none when it is refused, whoever called them (the desk's handlers no longer add it
after the commit, where a failure in between left the change unrecorded)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import sqlalchemy as sa

from mentiondesk import hand_reply, held_replies, queue
from mentiondesk.store import Store
from mentiondesk.tables import AUDIT, DRAFT, OUTBOX
from tests.desk.seed import add

ROUTE = {"default": "console"}


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    store = Store(db_url)
    store.create_all()
    yield store
    store.dispose()


def _trail(store: Store) -> list[tuple[object, ...]]:
    query = sa.select(
        AUDIT.c.actor, AUDIT.c.action, AUDIT.c.mention_id, AUDIT.c.case_id, AUDIT.c.draft_id
    )
    with store.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(query.order_by(AUDIT.c.id))]


def _set(store: Store, draft: int, **values: object) -> None:
    with store.engine.begin() as conn:
        conn.execute(sa.update(DRAFT).where(DRAFT.c.id == draft).values(**values))


def test_restoring_a_draft_writes_its_line(store: Store) -> None:
    mention, case, draft = add(store, "Parcel lost", draft_kind="public")
    assert case and draft
    with pytest.raises(queue.StaleAction):  # pending: nothing to restore, nothing written
        queue.restore_draft(store, draft, by="ana")
    assert _trail(store) == []
    _set(store, draft, status="withdrawn", decided_by=f"praise {mention}")
    queue.restore_draft(store, draft, by="ana")
    assert _trail(store) == [("ana", "restore", mention, case, draft)]


def test_a_reply_written_by_hand_writes_its_line(store: Store) -> None:
    mention, case, _ = add(store, "Parcel lost", draft_kind="public")
    assert case
    sent = hand_reply.write_reply(
        store, mention, by="ana", kind="public", text="On it!", seen=0, post_route=ROUTE
    )
    assert _trail(store) == [("ana", "reply", mention, case, sent.draft_id)]
    with pytest.raises(queue.StaleAction):  # answered meanwhile: refused, no second line
        hand_reply.write_reply(
            store, mention, by="bo", kind="public", text="Again", seen=0, post_route=ROUTE
        )
    assert len(_trail(store)) == 1


def test_posted_by_hand_writes_its_line(store: Store) -> None:
    mention, case, _ = add(store, "Parcel lost", platform="hackernews", draft=None)
    assert case
    sent = hand_reply.write_reply(
        store, mention, by="ana", kind="public", text="Posted", seen=0, post_route=ROUTE
    )
    assert sent.key == ""
    assert _trail(store) == [("ana", "posted-reply", mention, case, sent.draft_id)]


def test_a_held_reply_sent_again_writes_its_line(store: Store) -> None:
    mention, case, draft = add(store, "Parcel lost", draft_kind="public")
    assert case and draft
    key = queue.approve_draft(store, draft, by="ana", post_route=ROUTE)
    with pytest.raises(queue.StaleAction):  # pending, not held: nothing sent again
        held_replies.retry_reply(store, draft, by="bo")
    with store.engine.begin() as conn:
        conn.execute(
            sa.update(OUTBOX).where(OUTBOX.c.key == key).values(status="held", last_error="403")
        )
    assert held_replies.retry_reply(store, draft, by="bo")[0] == key
    assert _trail(store) == [
        ("ana", "approve", mention, case, draft),
        ("bo", "retry", mention, case, draft),
    ]
    with store.engine.connect() as conn:
        detail = conn.scalar(sa.select(AUDIT.c.detail).where(AUDIT.c.action == "retry"))
    assert detail == "sent again after being held: 403"
