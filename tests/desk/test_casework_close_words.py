"""Resolve and Close say what they withdrew: nothing when no draft waited, "1 pending draft
withdrawn" when one did; the confirm names drafts only when some wait."""

from __future__ import annotations

import html
from collections.abc import Awaitable, Callable

from mentiondesk.store import Store
from tests.desk.conftest import Desk
from tests.desk.seed import add

Login = Callable[[str], Awaitable[Desk]]
PT_BR, PT_PT = {"Accept-Language": "pt-BR"}, {"Accept-Language": "pt-PT"}


async def _close(desk: Desk, case: int | None, how: str = "closed", **headers: str) -> str:
    done = await desk.post(f"/cases/{case}/close", resolution=how)
    page = await desk.client.get(done.headers["Location"], headers=headers)
    return html.unescape(await page.text())


async def test_a_case_without_drafts_is_just_closed(as_role: Login, store: Store) -> None:
    _, case, _ = add(store, "Parcel lost", draft=None)
    desk = await as_role("agent")
    page = html.unescape(await (await desk.client.get(f"/cases/{case}")).text())
    assert 'data-confirm="Close this case?"' in page and "pending draft" not in page
    closed = await _close(desk, case)
    assert "Case closed.<" in closed and "draft withdrawn" not in closed


async def test_a_withdrawn_draft_is_counted(as_role: Login, store: Store) -> None:
    _, case, _ = add(store, "Parcel lost")
    desk = await as_role("agent")
    page = html.unescape(await (await desk.client.get(f"/cases/{case}")).text())
    assert 'data-confirm="Resolve this case? Its pending draft is withdrawn."' in page
    resolved = await _close(desk, case, "resolved")
    assert "Case resolved; 1 pending draft withdrawn." in resolved


async def test_the_count_in_portuguese(as_role: Login, store: Store) -> None:
    _, case, _ = add(store, "Parcel lost", handle="rui")
    add(store, "Still lost", handle="rui", draft_kind="public")  # joins, with its own draft
    desk = await as_role("agent")
    page = html.unescape(await (await desk.client.get(f"/cases/{case}", headers=PT_BR)).text())
    assert "Encerrar este caso? Os 2 rascunhos pendentes serão retirados." in page
    closed = await _close(desk, case, **PT_PT)
    assert "Caso encerrado; 2 rascunhos pendentes retirados." in closed
