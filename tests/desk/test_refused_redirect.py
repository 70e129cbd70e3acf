"""A refused form of the case page answers Post/Redirect/Get: the typed text is kept in the
store for the person's session, never in the URL, and the page it redirects to shows it on
every reload without resending anything; nobody else sees it, and it goes with the session
and with the mention."""

from __future__ import annotations

import html
import re
from collections.abc import Awaitable, Callable

import sqlalchemy as sa

from mentiondesk import erasure
from mentiondesk.store import Store
from mentiondesk.tables import AUDIT, DRAFT, KEPT_TEXT, OUTBOX
from tests.desk.conftest import Desk
from tests.desk.seed import add

Login = Callable[[str], Awaitable[Desk]]
TYPED = "Sorry, Ana! Our courier lost it: " + "a refund is on its way. " * 12
TOO_LONG = "The reply is longer than the platform allows: shorten it first."
_DRAFT_BOX = re.compile(r'<textarea name="text" rows="5"[^>]*>([^<]*)</textarea>')


def _count(store: Store, table: sa.Table) -> int:
    with store.engine.connect() as conn:
        return int(conn.scalar(sa.select(sa.func.count()).select_from(table)) or 0)


def _boxes(page: str) -> list[str]:
    return [html.unescape(box) for box in _DRAFT_BOX.findall(page)]


async def _refuse(desk: Desk, store: Store) -> tuple[str, int, int]:
    """A too-long Approve from a case page: the address it redirects to, the case, the draft."""
    _, case, draft = add(store, "Parcel lost", platform="x", draft_kind="public", handle="ana")
    assert case and draft
    response = await desk.post(f"/drafts/{draft}/approve", text=TYPED, back=f"/cases/{case}")
    assert response.status == 303
    return response.headers["Location"], case, draft


async def test_every_reload_shows_the_refusal_and_resends_nothing(
    as_role: Login, store: Store
) -> None:
    desk = await as_role("agent")
    location, case, draft = await _refuse(desk, store)
    assert location.startswith(f"/cases/{case}?kept=") and "refund" not in location
    done = _count(store, OUTBOX), _count(store, AUDIT), _count(store, DRAFT)
    for _ in range(2):
        page = await (await desk.client.get(location)).text()
        assert TOO_LONG in page and _boxes(page) == [TYPED]
        assert f'aria-describedby="draft-{draft}-refused"' in page
    assert (_count(store, OUTBOX), _count(store, AUDIT), _count(store, DRAFT)) == done
    plain = await (await desk.client.get(f"/cases/{case}")).text()
    assert TOO_LONG not in plain and TYPED not in plain  # the case page itself is as it was


async def test_nobody_else_sees_the_kept_text(as_role: Login, store: Store) -> None:
    location, _, _ = await _refuse(await as_role("agent"), store)
    other = await as_role("manager")
    page = await (await other.client.get(location)).text()
    assert TOO_LONG not in page and TYPED not in page


async def test_the_language_switch_keeps_the_text(as_role: Login, store: Store) -> None:
    desk = await as_role("agent")
    location, _, _ = await _refuse(desk, store)
    page = await (await desk.client.get(location)).text()
    switch = re.search(r'href="(/lang/pt-BR\?next=[^"]+)"', page)
    assert switch
    page = await (await desk.client.get(html.unescape(switch[1]))).text()
    assert "mais longa do que a plataforma permite" in page and _boxes(page) == [TYPED]


async def test_logging_out_forgets_the_kept_text(as_role: Login, store: Store) -> None:
    desk = await as_role("agent")
    await _refuse(desk, store)
    assert _count(store, KEPT_TEXT) == 1
    assert (await desk.post("/logout")).status == 303
    assert _count(store, KEPT_TEXT) == 0


async def test_erasing_the_author_erases_the_kept_text(as_role: Login, store: Store) -> None:
    desk = await as_role("agent")
    await _refuse(desk, store)
    assert _count(store, KEPT_TEXT) == 1
    erasure.erase(store, "x", "ana", by="admin")  # the mention goes, and the text with it
    assert _count(store, KEPT_TEXT) == 0


async def test_once_the_page_s_action_succeeds_its_kept_text_is_gone(
    as_role: Login, store: Store
) -> None:
    desk = await as_role("agent")
    location, case, draft = await _refuse(desk, store)
    fixed = await desk.post(f"/drafts/{draft}/approve", text="Sorry!", back=f"/cases/{case}")
    assert fixed.headers["Location"] == f"/cases/{case}" and await desk.said(fixed) == "approved"
    assert _count(store, KEPT_TEXT) == 0
    back = await (await desk.client.get(location)).text()  # Back to the refusal's address
    assert TOO_LONG not in back and TYPED not in back and "approved this draft" not in back
