"""A second Resolve or Close, or an action on a case that has ended, says how the case stands
rather than that someone else acted: often it was the same person, from the same page."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import sqlalchemy as sa

from mentiondesk.store import Store
from mentiondesk.tables import AUDIT, CASE
from tests.desk.conftest import Desk, notice_of
from tests.desk.seed import add

Login = Callable[[str], Awaitable[Desk]]


async def test_resolving_twice_says_it_is_resolved_and_audits_once(
    as_role: Login, store: Store
) -> None:
    _, case, _ = add(store, "Where is my lamp?")
    desk = await as_role("agent")
    await desk.post(f"/cases/{case}/close", resolution="resolved")
    again = await desk.post(f"/cases/{case}/close", resolution="resolved")
    assert again.headers["Location"] == f"/cases/{case}"
    page = notice_of(await desk.landed(again), "already-resolved")
    assert "This case is already resolved: nothing changed." in page
    assert "Someone else" not in page
    pt = {"Accept-Language": "pt-BR"}
    page = await desk.told(store, again.headers["Location"], pt, notice="already-resolved")
    assert "Este caso já está resolvido: nada mudou." in page
    with store.engine.connect() as conn:
        lines = conn.scalars(sa.select(AUDIT.c.action).where(AUDIT.c.case_id == case)).all()
        assert list(lines) == ["resolved"]
        assert conn.scalar(sa.select(CASE.c.status).where(CASE.c.id == case)) == "resolved"


async def test_close_assign_and_escalate_on_a_closed_case_say_it_is_closed(
    as_role: Login, store: Store
) -> None:
    _, case, _ = add(store, "Spam-ish complaint")
    desk = await as_role("manager")
    await desk.post(f"/cases/{case}/close", resolution="closed")
    tries = [
        ("close", {"resolution": "resolved"}),
        ("assign", {"assignee": "agent"}),
        ("escalate", {}),
    ]
    for action, form in tries:
        late = await desk.post(f"/cases/{case}/{action}", **form)
        assert (
            late.headers["Location"] == f"/cases/{case}"
            and await desk.said(late) == "already-closed"
        ), action
    with store.engine.connect() as conn:
        row = conn.execute(sa.select(CASE.c.status, CASE.c.assignee).where(CASE.c.id == case))
        assert row.one() == ("closed", None)
