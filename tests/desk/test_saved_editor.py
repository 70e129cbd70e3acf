"""The Saved replies page (managers): replies made in the desk are checked as the file's are,
kept in the store, offered by every worker's case pages at once, audited; a refused save keeps
the typed text, and an edit or delete acts only on the version the page showed."""

from __future__ import annotations

import html
import re
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
import sqlalchemy as sa
from aiohttp.test_utils import TestClient, TestServer

from mentiondesk import saved_desk
from mentiondesk.config import Config, load_config
from mentiondesk.saved_replies import SavedReply, check_reply
from mentiondesk.store import Store
from mentiondesk.web import create_app
from tests.desk.conftest import Desk
from tests.desk.seed import add, write_config
from tests.desk.test_i18n_pt_pt import _BRAZIL_ONLY
from tests.desk.test_saved_replies import SAVED

Login = Callable[[str], Awaitable[Desk]]
PT_BR = {"Accept-Language": "pt-BR"}
PT_PT = {"Accept-Language": "pt-PT"}
_SEEN = re.compile(r'name="seen" value="([0-9a-f]+)"')
_BOX = re.compile(r'<textarea name="text"[^>]*>([^<]*)</textarea>')
ORDER = {"id": "order", "title": "Order number", "lang": "en"}
ORDER_TEXT = "Hi {{ full_name }}{% if case %}, {{ case }}{% endif %}: your order number?"


@pytest.fixture
def config(request: pytest.FixtureRequest, tmp_path: Path, db_url: str) -> Config:
    """The desk with the saved-reply file of test_saved_replies ("wait", "espera"), named
    relative to the config (or, parametrized "absolute", by its absolute path)."""
    path = write_config(tmp_path, db_url)
    (tmp_path / "saved.toml").write_text(SAVED, encoding="utf-8")
    where = tmp_path / "saved.toml" if getattr(request, "param", "") == "absolute" else "saved.toml"
    with path.open("a", encoding="utf-8") as handle:
        handle.write(f'\n[desk]\nsaved_replies = "{where}"\n')
    return load_config(path)


async def _seen(desk: Desk, path: str) -> str:
    found = _SEEN.search(await (await desk.client.get(path)).text())
    assert found
    return found.group(1)


async def _case_page(desk: Desk, case: int, saved: str = "") -> str:
    query = f"?saved={saved}&into=reply" if saved else ""
    return await (await desk.client.get(f"/cases/{case}{query}")).text()


async def test_add_edit_delete_round_trip_reaches_the_picker(as_role: Login, store: Store) -> None:
    _, case, _ = add(store, "Where is my order?", name="<b>Bia</b> Lima")
    manager, agent = await as_role("manager"), await as_role("agent")
    added = await manager.post("/saved-replies", **ORDER, text=ORDER_TEXT)
    assert added.headers["Location"] == "/saved-replies"
    assert await manager.said(added) == "saved-reply-added"
    page = await _case_page(agent, case, "order")
    assert page.index('value="wait"') < page.index('value="order"')  # the file's first
    assert f"Hi &lt;b&gt;Bia&lt;/b&gt; Lima, MD-{case:06d}: your order number?</textarea>" in page
    seen = await _seen(manager, "/saved-replies/order")
    edited = await manager.post(
        "/saved-replies/order", **ORDER, text="New{% if case %} {{ case }}{% endif %}", seen=seen
    )
    assert edited.status == 303
    assert f"New MD-{case:06d}</textarea>" in await _case_page(agent, case, "order")
    confirm = await (await manager.client.get("/saved-replies/order/delete")).text()
    assert "Delete the saved reply Order number?" in confirm
    seen = _SEEN.findall(confirm)[0]
    assert (await manager.post("/saved-replies/order/delete", seen=seen)).status == 303
    assert 'value="order"' not in await _case_page(agent, case)


async def test_back_to_a_deleted_replys_pages_says_it_was_deleted(as_role: Login) -> None:
    manager = await as_role("manager")
    await manager.post("/saved-replies", **ORDER, text=ORDER_TEXT)
    listed = await (await manager.client.get("/saved-replies")).text()
    # Each row's links name their reply to a screen reader, not just "Edit" and "Delete".
    assert '<b id="saved-name-1">Order number</b>' in listed
    assert listed.count('aria-describedby="saved-name-1"') == 2
    seen = await _seen(manager, "/saved-replies/order/delete")
    await manager.post("/saved-replies/order/delete", seen=seen)
    for path in ("/saved-replies/order/delete", "/saved-replies/order"):  # the back button
        back = await manager.client.get(path, allow_redirects=False)
        assert back.headers["Location"] == "/saved-replies"
        assert await manager.said(back) == "saved-reply-missing"


async def test_every_change_is_on_the_audit_trail(as_role: Login) -> None:
    manager = await as_role("manager")
    await manager.post("/saved-replies", **ORDER, text=ORDER_TEXT)
    seen = await _seen(manager, "/saved-replies/order")
    await manager.post("/saved-replies/order", **ORDER, text="Hi", seen=seen)
    seen = await _seen(manager, "/saved-replies/order/delete")
    await manager.post("/saved-replies/order/delete", seen=seen)
    page = html.unescape(await (await manager.client.get("/saved-replies")).text())
    for done in ("added", "changed", "deleted"):
        assert f"manager {done} the saved reply “Order number” (order)" in page
    portuguese = await (await manager.client.get("/saved-replies", headers=PT_BR)).text()
    assert "manager excluiu a resposta pronta" in html.unescape(portuguese)


@pytest.mark.parametrize(
    ("form", "says"),
    [
        ({"id": "Bad Id"}, "Write a short name of 1 to 64 lower-case letters"),
        (
            {"text": "Hi {{ nme }}"},
            "&#39;nme&#39;: not a placeholder. Did you mean {{ name }}? Otherwise use one of "
            "{{ agent }}",
        ),
        ({"text": "Hi {{ name|first }}"}, "This text cannot be filled in for an author with no"),
        (
            {"text": "Hi {{ name }}, thanks"},
            "(some have only symbols, such as “@@@”). Put {{ name }} inside {% if name %}…{% "
            "endif %}, or write {{ name or &#34;there&#34; }}; use {{ full_name }} as it is",
        ),
        ({"text": "Hi {% if %}"}, "The text is not a valid template"),
        ({"title": " "}, "Write a title of 1 to 120 characters."),
        ({"kind": "dm"}, "Choose which replies offer it: public ones, private messages"),
        ({"id": "wait"}, "The short name wait belongs to a saved reply in saved.toml"),
    ],
)
async def test_a_refused_save_keeps_the_typed_text_and_says_why(
    as_role: Login, form: dict[str, str], says: str
) -> None:
    manager = await as_role("manager")
    typed = {**ORDER, "text": "Typed <i>text</i> kept", **form}
    response = await manager.post("/saved-replies", **typed)
    response = await manager.follow(response)
    page = await response.text()
    assert response.status == 200 and says in page
    box = _BOX.search(page)
    assert box and html.unescape(box.group(1)) == typed["text"]
    assert f'name="id" value="{html.escape(typed["id"])}"' in page
    assert "saved-made" in page and "None yet" in page  # nothing stored


async def test_a_refusal_is_worded_in_the_page_s_language(as_role: Login) -> None:
    manager = await as_role("manager")
    typed = {**ORDER, "text": "Oi {{ name|first }}"}
    response = await manager.client.post(
        "/saved-replies", data={"csrf": manager.csrf, **typed}, headers=PT_BR
    )
    assert [r.status for r in response.history] == [303]  # Post/Redirect/Get
    page = await response.text()
    assert response.status == 200
    assert (
        "Este texto não pode ser preenchido para uma pessoa sem nome legível (há quem tenha só "
        "símbolos, como “@@@”). Coloque {{ name }} dentro de {% if name %}…{% endif %} ou "
        'escreva {{ name or "cliente" }}; use {{ full_name }} como está, sem dividi-lo.'
    ) in html.unescape(page)
    assert "Nada foi salvo: o seu texto continua no formulário." in page


@pytest.mark.parametrize(
    ("headers", "sentence", "detail"),
    [
        ({}, "The text is not a valid template: check the braces around", "Technical detail"),
        (PT_BR, "O texto não é um modelo válido: confira as chaves em volta", "Detalhe técnico"),
        (PT_PT, "O texto não é um modelo válido: verifique as chavetas", "Detalhe técnico"),
    ],
)
async def test_a_template_s_own_error_is_a_detail_apart_from_the_sentence(
    as_role: Login, headers: dict[str, str], sentence: str, detail: str
) -> None:
    manager = await as_role("manager")
    typed = {**ORDER, "text": "Oi {% if %}"}
    data = {"csrf": manager.csrf, **typed}
    response = await manager.client.post("/saved-replies", data=data, headers=headers)
    assert [r.status for r in response.history] == [303]  # Post/Redirect/Get
    notice = html.unescape((await response.text()).split("saved-refused")[1].split("</div>")[0])
    reason = re.search(r"<b>([^<]*)</b>", notice)
    assert response.status == 200 and reason and reason.group(1).startswith(sentence)
    assert "Expected an expression" not in reason.group(1)  # Jinja's English: not in it
    assert f'<p class="small">{detail}: Expected an expression, got' in notice


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


async def test_an_id_made_in_the_desk_cannot_be_added_twice(as_role: Login) -> None:
    manager = await as_role("manager")
    assert (await manager.post("/saved-replies", **ORDER, text="One")).status == 303
    again = await manager.post("/saved-replies", **ORDER, text="Two")
    again = await manager.follow(again)
    assert again.status == 200
    assert "There is already a saved reply with the short name order" in await again.text()


async def test_an_edit_from_a_stale_page_saves_nothing_and_shows_both(
    as_role: Login, store: Store
) -> None:
    ana, bea = await as_role("manager"), await as_role("admin")
    await ana.post("/saved-replies", **ORDER, text="First")
    stale = await _seen(ana, "/saved-replies/order")
    fresh = await _seen(bea, "/saved-replies/order")
    assert (
        await bea.post("/saved-replies/order", **ORDER, text="Theirs", seen=fresh)
    ).status == 303
    refused = await ana.follow(
        await ana.post("/saved-replies/order", **ORDER, text="Mine", seen=stale)
    )
    page = await refused.text()
    assert refused.status == 200 and "Someone changed this saved reply" in page
    box = _BOX.search(page)
    assert "Theirs</pre>" in page and box and box.group(1) == "Mine"
    # The page now carries their version: saving again replaces it, knowingly.
    again = await ana.post(
        "/saved-replies/order", **ORDER, text="Mine", seen=_SEEN.findall(page)[0]
    )
    assert again.status == 303


async def test_a_delete_from_a_stale_page_deletes_nothing(as_role: Login) -> None:
    ana, bea = await as_role("manager"), await as_role("admin")
    await ana.post("/saved-replies", **ORDER, text="First")
    stale = await _seen(ana, "/saved-replies/order/delete")
    fresh = await _seen(bea, "/saved-replies/order")
    await bea.post("/saved-replies/order", **ORDER, text="Improved", seen=fresh)
    refused = await ana.follow(await ana.post("/saved-replies/order/delete", seen=stale))
    page = await refused.text()
    assert refused.status == 200 and "Improved</pre>" in page and "nothing was deleted" in page
    assert (await ana.client.get("/saved-replies/order")).status == 200  # still there


async def test_agents_keep_the_picker_but_not_the_page(as_role: Login, store: Store) -> None:
    _, case, _ = add(store, "Any news?")
    manager, agent = await as_role("manager"), await as_role("agent")
    await manager.post("/saved-replies", **ORDER, text=ORDER_TEXT)
    assert 'href="/saved-replies"' in await (await manager.client.get("/queue")).text()
    assert 'href="/saved-replies"' not in await (await agent.client.get("/queue")).text()
    assert (await agent.client.get("/saved-replies")).status == 403
    assert (await agent.post("/saved-replies", **ORDER, text="x")).status == 403
    assert 'value="order"' in await _case_page(agent, case)


async def test_another_worker_offers_a_new_reply_without_a_restart(
    config: Config, store: Store, as_role: Login
) -> None:
    _, case, _ = add(store, "Where is it?")
    async with TestClient(TestServer(create_app(config, store))) as client:
        other = Desk(client)
        assert await other.login("agent") == 303
        assert 'value="order"' not in await _case_page(other, case)
        manager = await as_role("manager")  # on the first worker
        await manager.post("/saved-replies", **ORDER, text=ORDER_TEXT)
        assert 'value="order"' in await _case_page(other, case)


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
    page = await _case_page(manager, case)
    assert page.count('<option value="wait"') == 2 and "Desk text" not in page  # 2 boxes
