"""The Saved replies page (managers): replies made in the desk are checked as the file's are,
kept in the store, offered by every worker's case pages at once, audited, and shown in the
page's language. What it refuses (and a colleague's change met) is test_saved_editor_refused."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
import sqlalchemy as sa
from aiohttp.test_utils import TestClient, TestServer

from mentiondesk import saved_desk
from mentiondesk.config import Config
from mentiondesk.saved_replies import SavedReply, check_reply
from mentiondesk.store import Store
from mentiondesk.web import create_app
from tests.desk.conftest import Desk
from tests.desk.saved_editor_helpers import (
    ORDER,
    ORDER_TEXT,
    PT_BR,
    PT_PT,
    SEEN,
    case_page,
    seen_version,
)
from tests.desk.saved_picker_helpers import Login, saved_config
from tests.desk.seed import add
from tests.desk.test_i18n_pt_pt import _BRAZIL_ONLY
from tests.desk.test_saved_replies import SAVED


@pytest.fixture
def config(request: pytest.FixtureRequest, tmp_path: Path, db_url: str) -> Config:
    """The desk with the saved-reply file of test_saved_replies ("wait", "espera"), named
    relative to the config (or, parametrized "absolute", by its absolute path)."""
    absolute = getattr(request, "param", "") == "absolute"
    return saved_config(tmp_path, db_url, SAVED, absolute=absolute)


async def test_add_edit_delete_round_trip_reaches_the_picker(as_role: Login, store: Store) -> None:
    _, case, _ = add(store, "Where is my order?", name="<b>Bia</b> Lima")
    manager, agent = await as_role("manager"), await as_role("agent")
    added = await manager.post("/saved-replies", **ORDER, text=ORDER_TEXT)
    assert added.headers["Location"] == "/saved-replies"
    assert await manager.said(added) == "saved-reply-added"
    page = await case_page(agent, case, "order")
    assert page.index('value="wait"') < page.index('value="order"')  # the file's first
    assert f"Hi &lt;b&gt;Bia&lt;/b&gt; Lima, MD-{case:06d}: your order number?</textarea>" in page
    seen = await seen_version(manager, "/saved-replies/order")
    edited = await manager.post(
        "/saved-replies/order", **ORDER, text="New{% if case %} {{ case }}{% endif %}", seen=seen
    )
    assert edited.status == 303
    assert f"New MD-{case:06d}</textarea>" in await case_page(agent, case, "order")
    confirm = await (await manager.client.get("/saved-replies/order/delete")).text()
    assert "Delete the saved reply Order number?" in confirm
    seen = SEEN.findall(confirm)[0]
    assert (await manager.post("/saved-replies/order/delete", seen=seen)).status == 303
    assert 'value="order"' not in await case_page(agent, case)


async def test_back_to_a_deleted_replys_pages_says_it_was_deleted(as_role: Login) -> None:
    manager = await as_role("manager")
    await manager.post("/saved-replies", **ORDER, text=ORDER_TEXT)
    listed = await (await manager.client.get("/saved-replies")).text()
    # Each row's links name their reply to a screen reader, not just "Edit" and "Delete", and
    # so does its "Show the template".
    # (the page just after Add lands there too: it may carry autofocus, saved_landing)
    assert re.search(r'<b id="saved-name-1"[^>]*>Order number</b>', listed)
    assert listed.count('aria-describedby="saved-name-1"') == 3
    seen = await seen_version(manager, "/saved-replies/order/delete")
    await manager.post("/saved-replies/order/delete", seen=seen)
    for path in ("/saved-replies/order/delete", "/saved-replies/order"):  # the back button
        back = await manager.client.get(path, allow_redirects=False)
        assert back.headers["Location"] == "/saved-replies"
        assert await manager.said(back) == "saved-reply-missing"


async def test_every_change_is_on_the_audit_trail(as_role: Login) -> None:
    manager = await as_role("manager")
    await manager.post("/saved-replies", **ORDER, text=ORDER_TEXT)
    seen = await seen_version(manager, "/saved-replies/order")
    await manager.post("/saved-replies/order", **ORDER, text="Hi", seen=seen)
    seen = await seen_version(manager, "/saved-replies/order/delete")
    await manager.post("/saved-replies/order/delete", seen=seen)
    page = html.unescape(await (await manager.client.get("/saved-replies")).text())
    for done in ("added", "changed", "deleted"):
        assert f"manager {done} the saved reply “Order number” (order)" in page
    portuguese = await (await manager.client.get("/saved-replies", headers=PT_BR)).text()
    assert "manager excluiu a resposta pronta" in html.unescape(portuguese)


async def test_a_reply_for_private_messages_only_is_saved_and_shown_so(
    as_role: Login, store: Store
) -> None:
    manager = await as_role("manager")
    await manager.post("/saved-replies", **ORDER, text=ORDER_TEXT, kind="private")
    assert [r.kind for r in saved_desk.stored_replies(store)] == ["private"]
    listed = await (await manager.client.get("/saved-replies")).text()
    assert "private messages only</small>" in listed
    form = await (await manager.client.get("/saved-replies/order")).text()
    assert '<option value="private" selected>' in form


def test_an_older_database_s_replies_are_offered_to_both_kinds(store: Store) -> None:
    reply = SavedReply(id="old", title="Old", lang="en", text="Hi")
    saved_desk.add_reply(store, reply, by="earlier", reserved=())
    with store.engine.begin() as conn:
        conn.execute(sa.text("ALTER TABLE saved_reply DROP COLUMN kind"))
    store.create_all()  # the column is added, "" for the rows there
    (old,) = saved_desk.stored_replies(store)
    assert old.kind == "" and check_reply(old.values())[0].kind is None


async def test_agents_keep_the_picker_but_not_the_page(as_role: Login, store: Store) -> None:
    _, case, _ = add(store, "Any news?")
    manager, agent = await as_role("manager"), await as_role("agent")
    await manager.post("/saved-replies", **ORDER, text=ORDER_TEXT)
    assert 'href="/saved-replies"' in await (await manager.client.get("/queue")).text()
    assert 'href="/saved-replies"' not in await (await agent.client.get("/queue")).text()
    assert (await agent.client.get("/saved-replies")).status == 403
    assert (await agent.post("/saved-replies", **ORDER, text="x")).status == 403
    assert 'value="order"' in await case_page(agent, case)


async def test_another_worker_offers_a_new_reply_without_a_restart(
    config: Config, store: Store, as_role: Login
) -> None:
    _, case, _ = add(store, "Where is it?")
    async with TestClient(TestServer(create_app(config, store))) as client:
        other = Desk(client)
        assert await other.login("agent") == 303
        assert 'value="order"' not in await case_page(other, case)
        manager = await as_role("manager")  # on the first worker
        await manager.post("/saved-replies", **ORDER, text=ORDER_TEXT)
        assert 'value="order"' in await case_page(other, case)


async def test_the_page_in_portugals_portuguese(as_role: Login) -> None:
    manager = await as_role("manager")
    await manager.post("/saved-replies", **ORDER, text=ORDER_TEXT)
    response = await manager.client.get("/saved-replies/order", headers=PT_PT)
    page = await response.text()
    assert "Guardar" in page and "Eliminar…" in page and "Do ficheiro saved.toml" in page
    assert "nem todas as pessoas têm um nome legível" in page
    assert not _BRAZIL_ONLY.search(re.sub(r"<[^>]*>", " ", page))


@pytest.mark.parametrize("config", ["absolute"], indirect=True)
async def test_an_absolute_path_shows_only_the_file_s_name(as_role: Login, tmp_path: Path) -> None:
    page = await (await (await as_role("manager")).client.get("/saved-replies")).text()
    assert "From saved.toml" in page and str(tmp_path) not in page


async def test_an_id_the_file_took_later_is_the_file_s(as_role: Login, store: Store) -> None:
    """A desk reply made before the file had its id: the picker offers the file's, once."""
    _, case, _ = add(store, "Hello?")
    reply = SavedReply(id="wait", title="Old wait", lang="en", text="Desk text")
    saved_desk.add_reply(store, reply, by="earlier", reserved=())
    manager = await as_role("manager")
    listed = await (await manager.client.get("/saved-replies")).text()
    assert "not offered: saved.toml has a reply with this id" in listed
    page = await case_page(manager, case)
    assert page.count('<option value="wait"') == 2 and "Desk text" not in page  # 2 boxes
