"""A draft left pending on a case that is resolved or closed (by a race before restoring
locked the case, or an older store) is never sent: Approve is refused, saying how the case
stands, and nothing reaches the outbox."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
import sqlalchemy as sa

from mentiondesk import queue
from mentiondesk.store import Store
from mentiondesk.tables import CASE, DRAFT, OUTBOX
from tests.desk.conftest import Desk, notice_of
from tests.desk.seed import add

Login = Callable[[str], Awaitable[Desk]]


def _closed_with_a_pending_draft(store: Store, status: str) -> tuple[int, int]:
    _, case, draft = add(store, "Parcel lost", draft_kind="public")
    assert case and draft
    with store.engine.begin() as conn:  # closed, its draft left pending
        conn.execute(sa.update(CASE).where(CASE.c.id == case).values(status=status))
    return case, draft


def _posts(store: Store) -> int:
    with store.engine.connect() as conn:
        return int(conn.scalar(sa.select(sa.func.count()).select_from(OUTBOX)) or 0)


def test_approving_a_draft_of_a_closed_case_is_refused(store: Store) -> None:
    _, draft = _closed_with_a_pending_draft(store, "closed")
    with pytest.raises(queue.CaseEnded, match="already closed"):
        queue.approve_draft(store, draft, by="ana", post_route={})
    with store.engine.connect() as conn:
        assert conn.scalar(sa.select(DRAFT.c.status).where(DRAFT.c.id == draft)) == "pending"
    assert _posts(store) == 0


async def test_the_desk_says_the_case_is_resolved(as_role: Login, store: Store) -> None:
    case, draft = _closed_with_a_pending_draft(store, "resolved")
    desk = await as_role("agent")
    one_click = await desk.post(f"/drafts/{draft}/approve", back="/queue")
    page = notice_of(await desk.landed(one_click), "already-resolved")
    assert "This case is already resolved: nothing changed." in page
    kept = await desk.refused(f"/drafts/{draft}/approve", text="Sorry!", back=f"/cases/{case}")
    page = await kept.text()
    assert "This case is already resolved: nothing changed." in page
    assert "Sorry!</textarea>" in page
    assert _posts(store) == 0
