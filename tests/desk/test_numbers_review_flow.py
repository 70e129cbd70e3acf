"""The desk's numbers from cases worked through the desk itself: a reply posted by hand
answers its case, and a follow-up's later reply does not restart its first-response clock."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from mentiondesk.store import Store
from mentiondesk.tables import CASE, DRAFT
from mentiondesk.web.data_dash import load_dashboard
from tests.desk.conftest import Desk
from tests.desk.seed import add

Login = Callable[[str], Awaitable[Desk]]


def _opened_ago(store: Store, case: int, ago: timedelta) -> datetime:
    opened = datetime.now(UTC) - ago
    with store.engine.begin() as conn:
        conn.execute(sa.update(CASE).where(CASE.c.id == case).values(opened_at=opened))
    return opened


def _first_response(store: Store, case: int) -> datetime:
    with store.engine.connect() as conn:
        at = conn.scalar(sa.select(CASE.c.first_response_at).where(CASE.c.id == case))
    assert isinstance(at, datetime)
    return at if at.tzinfo else at.replace(tzinfo=UTC)


async def test_a_hand_posted_reply_answers_and_a_follow_up_does_not_restart_the_clock(
    as_role: Login, store: Store
) -> None:
    handle, reply = "rita", "Sorry, we are on it."
    _, case, draft = add(
        store, "API down", platform="hackernews", handle=handle, draft=reply, draft_kind="public"
    )
    assert case is not None and draft is not None
    opened = _opened_ago(store, case, timedelta(hours=2))
    desk = await as_role("agent")
    done = await desk.post(f"/drafts/{draft}/posted", text=reply, back=f"/cases/{case}")
    assert done.status == 303
    first = _first_response(store, case)
    # The author writes again: the follow-up joins the case, with a draft of its own.
    _, same, again = add(
        store, "still down", platform="hackernews", handle=handle, draft=reply, draft_kind="public"
    )
    assert same == case and again is not None and again != draft
    with store.engine.connect() as conn:
        assert conn.scalar(sa.select(DRAFT.c.status).where(DRAFT.c.id == again)) == "pending"
    await desk.post(f"/drafts/{again}/posted", text="Fixed now.", back=f"/cases/{case}")
    assert _first_response(store, case) == first  # the first reply's, not the follow-up's
    figures = load_dashboard(store, days=7, now=datetime.now(UTC))
    fr = figures.first_response
    assert fr.count == 1 and fr.waiting == 0 and fr.p50 is not None
    assert abs(fr.p50 - (first - opened).total_seconds()) < 1 and 7190 < fr.p50 < 7300
