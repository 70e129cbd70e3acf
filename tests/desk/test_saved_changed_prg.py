"""A save or delete over a colleague's change answers Post/Redirect/Get too: the page saying
so (their version beside the typed text) is reached by a GET, which shows it once; the typed
text goes with the session (flash.py), however long the reply, never in the URL."""

from __future__ import annotations

import html
import re
from collections.abc import Awaitable, Callable

import sqlalchemy as sa

from mentiondesk import saved_desk
from mentiondesk.store import Store
from mentiondesk.tables import FLASH
from tests.desk.conftest import Desk

Login = Callable[[str], Awaitable[Desk]]
ORDER = {"id": "order", "title": "Order number", "lang": "en", "kind": ""}
_SEEN = re.compile(r'name="seen" value="([0-9a-f]+)"')
_BOX = re.compile(r'<textarea name="text"[^>]*>([^<]*)</textarea>')
CHANGED = "Someone changed this saved reply after you opened this page: nothing was saved."
DELETED = "Someone deleted this saved reply after you opened this page: nothing was saved."
# As long as a reply may be (5,000 characters), lines, accents and markup in it.
LONG = ("Olá — <b>ação</b> & “aspas”\n" * 200)[:4999] + "!"


def _flash(store: Store) -> list[str]:
    with store.engine.connect() as conn:
        return list(conn.scalars(sa.select(FLASH.c.said)))


async def _get(desk: Desk, path: str) -> str:
    response = await desk.client.get(path, allow_redirects=False)
    assert response.status == 200, response.status
    return await response.text()


async def _stale(as_role: Login, path: str = "/saved-replies/order") -> tuple[Desk, Desk, str]:
    """Ana's page of the reply, opened before Bea's change; Bea; the version Ana saw."""
    ana, bea = await as_role("manager"), await as_role("admin")
    assert (await ana.post("/saved-replies", **ORDER, text="First")).status == 303
    seen = _SEEN.search(await _get(ana, path))
    assert seen
    return ana, bea, seen[1]


def _typed(page: str) -> str:
    box = _BOX.search(page)
    assert box
    return html.unescape(box.group(1))


async def test_a_save_over_their_change_redirects_keeping_a_long_text(
    as_role: Login, store: Store
) -> None:
    ana, bea, stale = await _stale(as_role)
    fresh = _SEEN.search(await _get(bea, "/saved-replies/order"))
    assert fresh
    await bea.post("/saved-replies/order", **ORDER, text="Theirs", seen=fresh[1])
    refused = await ana.post("/saved-replies/order", **ORDER, text=LONG, seen=stale)
    assert refused.status == 303 and refused.headers["Location"] == "/saved-replies/order"
    page = await _get(ana, "/saved-replies/order")
    assert CHANGED in html.unescape(page) and "Theirs</pre>" in page
    assert _typed(page) == LONG  # every character of it
    reloaded = await _get(ana, "/saved-replies/order")
    assert CHANGED not in html.unescape(reloaded) and _typed(reloaded) == "Theirs"  # once
    assert not [said for said in _flash(store) if "saved-changed" in said]  # spent
    again = _SEEN.search(page)  # the page carried their version: saving replaces it
    assert again and again[1] != stale
    saved = await ana.post("/saved-replies/order", **ORDER, text=LONG, seen=again[1])
    assert saved.status == 303
    reply = saved_desk.stored_reply(store, "order")
    assert reply and reply.text == LONG


async def test_a_save_over_their_delete_offers_to_add_it_again(as_role: Login) -> None:
    ana, bea, stale = await _stale(as_role)
    assert (await bea.post("/saved-replies/order/delete", seen=stale)).status == 303
    refused = await ana.post("/saved-replies/order", **ORDER, text="Mine", seen=stale)
    assert refused.status == 303 and refused.headers["Location"] == "/saved-replies"
    page = await _get(ana, "/saved-replies")
    assert DELETED in html.unescape(page) and _typed(page) == "Mine"
    assert 'name="id" value="order"' in page  # the add form, as typed
    reloaded = await _get(ana, "/saved-replies")
    assert DELETED not in html.unescape(reloaded) and _typed(reloaded) == ""


async def test_deleted_after_the_redirect_the_typed_text_still_comes(as_role: Login) -> None:
    """Their delete between the redirect and its page: the text is not lost to it."""
    ana, bea, stale = await _stale(as_role)
    fresh = _SEEN.search(await _get(bea, "/saved-replies/order"))
    assert fresh
    await bea.post("/saved-replies/order", **ORDER, text="Theirs", seen=fresh[1])
    await ana.post("/saved-replies/order", **ORDER, text="Mine", seen=stale)
    now = _SEEN.search(await _get(bea, "/saved-replies/order"))
    assert now
    assert (await bea.post("/saved-replies/order/delete", seen=now[1])).status == 303
    page = await _get(ana, "/saved-replies/order")
    assert DELETED in html.unescape(page) and _typed(page) == "Mine"


async def test_a_delete_over_their_change_redirects_to_their_version(
    as_role: Login, store: Store
) -> None:
    ana, bea, stale = await _stale(as_role, "/saved-replies/order/delete")
    fresh = _SEEN.search(await _get(bea, "/saved-replies/order"))
    assert fresh
    await bea.post("/saved-replies/order", **ORDER, text="Improved", seen=fresh[1])
    refused = await ana.post("/saved-replies/order/delete", seen=stale)
    assert refused.status == 303
    assert refused.headers["Location"] == "/saved-replies/order/delete"
    page = await _get(ana, "/saved-replies/order/delete")
    assert "nothing was deleted" in page and "Improved</pre>" in page
    assert "nothing was deleted" not in await _get(ana, "/saved-replies/order/delete")
    assert saved_desk.stored_reply(store, "order") is not None
