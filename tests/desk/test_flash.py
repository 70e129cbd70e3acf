"""What an action says ("Reply approved", "stale", a refused saved reply) is kept with the login
session for the page its redirect lands on and said there once (web/flash.py): never in the
URL, so a reload, a bookmark, a shared link or the back button does not say it again; another
session (another person, or the same person's other browser) never sees it."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import sqlalchemy as sa

from mentiondesk.store import Store
from mentiondesk.tables import FLASH
from tests.desk.conftest import Desk, notice_key
from tests.desk.seed import add

Login = Callable[[str], Awaitable[Desk]]
APPROVED = "Reply approved: it is on its way."


def _flashes(store: Store) -> int:
    with store.engine.connect() as conn:
        return int(conn.scalar(sa.select(sa.func.count()).select_from(FLASH)) or 0)


async def _page(desk: Desk, path: str) -> str:
    return await (await desk.client.get(path)).text()


async def test_a_reload_does_not_say_it_again(as_role: Login, store: Store) -> None:
    _, case, draft = add(store, "Where is my parcel?")
    desk = await as_role("agent")
    back = f"/cases/{case}"
    approved = await desk.post(f"/drafts/{draft}/approve", text="Sorry! DM us.", back=back)
    assert approved.status == 303 and approved.headers["Location"] == back  # no query at all
    page = await _page(desk, back)
    assert f'role="status" id="notice">{APPROVED}</div>' in page
    assert notice_key(await _page(desk, back)) == ""  # the reload
    assert _flashes(store) == 0


async def test_an_old_link_s_notice_says_nothing(as_role: Login, store: Store) -> None:
    _, case, _ = add(store, "Where is my parcel?")
    desk = await as_role("agent")
    for query in ("notice=approved", "notice=stale", "notice=closed&withdrawn=2"):
        assert notice_key(await _page(desk, f"/cases/{case}?{query}")) == ""


async def test_other_sessions_never_see_it(as_role: Login, store: Store) -> None:
    """Another person, and the same person logged in elsewhere (a second browser)."""
    _, case, draft = add(store, "Where is my parcel?")
    laptop, phone, manager = (
        await as_role("agent"),
        await as_role("agent"),
        await as_role("manager"),
    )
    back = f"/cases/{case}"
    await laptop.post(f"/drafts/{draft}/approve", text="Sorry! DM us.", back=back)
    assert notice_key(await _page(manager, back)) == ""
    assert notice_key(await _page(phone, back)) == ""
    assert notice_key(await _page(laptop, back)) == "approved"  # still there for its own


async def test_it_waits_for_the_page_it_was_said_for(as_role: Login, store: Store) -> None:
    """Another tab's page loaded meanwhile (the queue) does not take the case page's notice."""
    mention, case, _ = add(store, "Where is my parcel?")
    desk = await as_role("agent")
    noted = await desk.post(
        f"/mentions/{mention}/notes", text="Called the courier", back=f"/cases/{case}"
    )
    assert noted.headers["Location"] == f"/cases/{case}"
    assert notice_key(await _page(desk, "/queue")) == ""
    assert notice_key(await _page(desk, f"/cases/{case}")) == "noted"


async def test_a_closes_count_is_not_in_the_url(as_role: Login, store: Store) -> None:
    _, case, _ = add(store, "Parcel lost")
    desk = await as_role("agent")
    closed = await desk.post(f"/cases/{case}/close", resolution="closed")
    assert closed.headers["Location"] == f"/cases/{case}"
    page = await _page(desk, f"/cases/{case}")
    assert "Case closed; 1 pending draft withdrawn." in page
    assert "draft withdrawn." not in await _page(desk, f"/cases/{case}")


async def test_it_goes_with_the_session(as_role: Login, store: Store) -> None:
    _, case, _ = add(store, "Where is my parcel?")
    desk = await as_role("agent")
    await desk.post(f"/cases/{case}/assign", assignee="agent")
    assert _flashes(store) == 1
    assert (await desk.post("/logout")).status == 303
    assert _flashes(store) == 0
