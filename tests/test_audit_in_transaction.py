"""Restoring a draft, a reply written by hand and a held reply sent again write their audit
line in the change's own transaction (as approving and rejecting do): one line when the change
commits, none when it is refused, whoever called them (the desk's handlers no longer add it
after the commit, where a failure in between left the change unrecorded)."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from mentiondesk import hand_reply, held_replies, outbox_admin, queue
from mentiondesk.store import Store
from mentiondesk.tables import AUDIT, DRAFT, OUTBOX
from tests.desk.seed import add

# The interleaving helpers of the do-not-contact races: pause a transaction, run one aside.
from tests.sql_pause import JOIN_S, in_thread, paused_after, wait_for

ROUTE = {"default": "console"}


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
    # Pending: nothing to restore, nothing written; the refusal names all three withdrawals.
    with pytest.raises(queue.StaleAction, match="praise, a complaint or a corrected reading"):
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
    assert detail == "sent again after being held: refused"  # the kind, not the words


def test_retry_only_held_leaves_a_pending_row_alone(store: Store) -> None:
    _, _, draft = add(store, "Parcel lost", draft_kind="public")
    assert draft
    key = queue.approve_draft(store, draft, by="ana", post_route=ROUTE)
    with store.engine.connect() as conn:
        row = conn.execute(sa.select(OUTBOX.c.id).where(OUTBOX.c.key == key)).scalar_one()
    assert not outbox_admin.retry(store, row, statuses=("held",))
    assert outbox_admin.retry(store, row)  # `outbox retry` still hurries a pending one


@pytest.mark.postgres
def test_two_simultaneous_retries_send_once(pg_url: str) -> None:
    first, second = Store(pg_url), Store(pg_url)  # two desk workers
    first.create_all()
    try:
        # A thank-you on no case: one on a case is serialised by the case's lock (lock_open,
        # taken first), so this is the race left to the held row's own check.
        mention, case, draft = add(
            first, "Love the lamp", label="positive", case=False, draft_kind="public"
        )
        assert case is None and draft
        key = queue.approve_draft(first, draft, by="ana", post_route=ROUTE)
        with first.engine.begin() as conn:
            held = sa.update(OUTBOX).where(OUTBOX.c.key == key).values(status="held")
            conn.execute(held)
        # The first retry has read the row as held; the second goes through meanwhile.
        with paused_after(first.engine, "SELECT draft.id AS draft_id") as read:
            retrier, retried = in_thread(lambda: held_replies.retry_reply(first, draft, by="ana"))
            wait_for(lambda: read.is_set() or not retrier.is_alive(), "never read the row")
            assert read.is_set(), retried
            held_replies.retry_reply(second, draft, by="bo")
        retrier.join(JOIN_S)
        assert len(retried) == 1 and isinstance(retried[0], queue.StaleAction), retried
        assert _trail(second)[-1:] == [("bo", "retry", mention, case, draft)]
        assert [a for _, a, *_ in _trail(second)].count("retry") == 1
    finally:
        first.dispose()
        second.dispose()
