"""The Saved replies editor answers Post/Redirect/Get: a refused save redirects to the form,
which shows once what was typed, the field at fault marked; a reload shows it afresh and
resends nothing (web/flash.py keeps the typed values with the session, never in the URL)."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable

import sqlalchemy as sa

from mentiondesk.store import Store
from mentiondesk.tables import FLASH
from tests.desk.conftest import Desk

Login = Callable[[str], Awaitable[Desk]]
_TEXT_BOX = re.compile(r'<textarea name="text"[^>]*id="saved-text"[^>]*>([^<]*)</textarea>')


def _flashes(store: Store) -> int:
    with store.engine.connect() as conn:
        return int(conn.scalar(sa.select(sa.func.count()).select_from(FLASH)) or 0)


async def _page(desk: Desk, path: str) -> str:
    return await (await desk.client.get(path)).text()


async def test_a_refused_saved_reply_comes_back_once(as_role: Login, store: Store) -> None:
    """Post/Redirect/Get: the form as typed, its field marked, on the page the refusal
    redirects to; a reload shows the form afresh, resending nothing."""
    manager = await as_role("manager")
    typed = {"id": "order", "title": "Order", "lang": "en", "kind": "", "text": "Hi {{ nme }}"}
    refused = await manager.post("/saved-replies", **typed)
    assert refused.status == 303 and refused.headers["Location"] == "/saved-replies"
    page = await _page(manager, "/saved-replies")
    box = _TEXT_BOX.search(page)
    assert box and box.group(1) == "Hi {{ nme }}" and 'aria-invalid="true"' in box.group(0)
    assert 'value="order"' in page and 'id="saved-refusal"' in page
    again = await _page(manager, "/saved-replies")
    box = _TEXT_BOX.search(again)
    assert box and box.group(1) == "" and "aria-invalid" not in again
    assert 'id="saved-refusal"' not in again
    assert _flashes(store) == 0


async def test_a_refused_edit_keeps_the_version_it_was_typed_over(as_role: Login) -> None:
    """The kept form carries the version the edit was typed over: a colleague's save since
    is still caught when the fixed text is saved."""
    manager, other = await as_role("manager"), await as_role("manager")
    typed = {"id": "order", "title": "Order", "lang": "en", "kind": "", "text": "Hi"}
    assert (await manager.post("/saved-replies", **typed)).status == 303
    seen = re.search(r'name="seen" value="(\w+)"', await _page(manager, "/saved-replies/order"))
    assert seen
    refused = await manager.post(
        "/saved-replies/order", **{**typed, "text": "Hi {% if %}"}, seen=seen[1]
    )
    assert refused.headers["Location"] == "/saved-replies/order"
    page = await _page(manager, "/saved-replies/order")
    assert f'name="seen" value="{seen[1]}"' in page and "Hi {% if %}</textarea>" in page
    assert (
        await other.post("/saved-replies/order", **{**typed, "text": "Theirs"}, seen=seen[1])
    ).status == 303
    late = await manager.post("/saved-replies/order", **{**typed, "text": "Mine"}, seen=seen[1])
    assert late.status == 303  # to the page saying so: theirs is not overwritten unread
    assert "Someone changed this saved reply" in await (await manager.follow(late)).text()
