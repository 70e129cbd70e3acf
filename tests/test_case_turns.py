"""People acting on one case at once take turns: an approval waits for a hand-written reply.

A hand-written reply locks its case, checks nobody has answered, sends, and withdraws the
waiting draft of its kind. An approval of that draft in the same moment must wait for it and
then find the draft withdrawn; before, it took no case lock, went through in between, and the
author got two replies. Only PostgreSQL shows this (SQLite locks the whole file anyway).
"""

from __future__ import annotations

import threading
import time

import pytest
import sqlalchemy as sa

from mentiondesk import queue
from mentiondesk.cases import lock_case
from mentiondesk.store import Store
from mentiondesk.tables import DRAFT, OUTBOX
from tests.desk.seed import add

ROUTE = {"x": "x"}


def _waiting_on_a_lock(store: Store) -> bool:
    query = sa.text(
        "SELECT count(*) FROM pg_stat_activity"
        " WHERE datname = current_database() AND wait_event_type = 'Lock'"
    )
    with store.engine.connect() as conn:
        return bool(conn.scalar(query))


def _approve_in_thread(store: Store, draft: int) -> tuple[threading.Thread, list[object]]:
    outcome: list[object] = []

    def approve() -> None:
        try:
            outcome.append(queue.approve_draft(store, draft, by="bea", post_route=ROUTE))
        except queue.StaleAction as stale:
            outcome.append(stale)

    thread = threading.Thread(target=approve)
    thread.start()
    return thread, outcome


@pytest.mark.postgres
def test_an_approval_waits_for_a_reply_being_written_and_then_finds_it_answered(
    pg_url: str,
) -> None:
    store = Store(pg_url)
    store.create_all()
    try:
        _, case, draft = add(store, "Broken on arrival", draft_kind="public")
        assert case is not None and draft is not None
        with store.engine.begin() as conn:  # a hand-written public reply, half way through
            assert lock_case(conn, case, while_open=True)
            thread, outcome = _approve_in_thread(store, draft)
            deadline = time.monotonic() + 300  # a hang guard, not a speed check
            while thread.is_alive() and not _waiting_on_a_lock(store):
                assert time.monotonic() < deadline, "the approval neither waited nor finished"
                time.sleep(0.02)
            assert thread.is_alive(), f"the approval did not wait for the case: {outcome}"
            conn.execute(  # the reply withdraws the waiting draft of its kind, then commits
                sa.update(DRAFT)
                .where(DRAFT.c.id == draft, DRAFT.c.status == "pending")
                .values(status="withdrawn", decided_by="ana")
            )
        thread.join(300)
        (result,) = outcome
        assert isinstance(result, queue.StaleAction), result
        assert "already withdrawn" in str(result)
        with store.engine.connect() as conn:
            assert conn.scalar(sa.select(sa.func.count()).select_from(OUTBOX)) == 0
            assert conn.scalar(sa.select(DRAFT.c.status).where(DRAFT.c.id == draft)) == "withdrawn"
    finally:
        store.dispose()
