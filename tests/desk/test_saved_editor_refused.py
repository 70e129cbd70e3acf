"""The Saved replies editor refuses what it cannot offer: a refused save keeps the typed text
and says why (in the page's language, a template's own error apart as a technical detail), and
an edit or delete acts only on the version the page showed, never over a colleague's change."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from mentiondesk.config import Config
from mentiondesk.store import Store
from tests.desk.saved_editor_helpers import BOX, ORDER, PT_BR, PT_PT, SEEN, seen_version
from tests.desk.saved_picker_helpers import Login, saved_config
from tests.desk.test_saved_replies import SAVED


@pytest.fixture
def config(tmp_path: Path, db_url: str) -> Config:
    """The desk with the saved-reply file of test_saved_replies ("wait", "espera")."""
    return saved_config(tmp_path, db_url, SAVED)


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
        (  # the tag takes the break: "Hi Ana.Thanks", or "Hi.Thanks" for a nameless author
            {"text": "Hi{% if name %} {{ name }}{% endif %}.{% if name %}{% endif %}\nThanks"},
            "Line 1 ends in a tag, which takes the line break with it: “Thanks” on the next",
        ),
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
    response = await manager.follow(await manager.post("/saved-replies", **typed))
    page = await response.text()
    assert response.status == 200 and says in page
    box = BOX.search(page)
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


async def test_an_id_made_in_the_desk_cannot_be_added_twice(as_role: Login) -> None:
    manager = await as_role("manager")
    assert (await manager.post("/saved-replies", **ORDER, text="One")).status == 303
    again = await manager.follow(await manager.post("/saved-replies", **ORDER, text="Two"))
    assert again.status == 200
    assert "There is already a saved reply with the short name order" in await again.text()


async def test_an_edit_from_a_stale_page_saves_nothing_and_shows_both(
    as_role: Login, store: Store
) -> None:
    ana, bea = await as_role("manager"), await as_role("admin")
    await ana.post("/saved-replies", **ORDER, text="First")
    stale = await seen_version(ana, "/saved-replies/order")
    fresh = await seen_version(bea, "/saved-replies/order")
    assert (
        await bea.post("/saved-replies/order", **ORDER, text="Theirs", seen=fresh)
    ).status == 303
    refused = await ana.follow(
        await ana.post("/saved-replies/order", **ORDER, text="Mine", seen=stale)
    )
    page = await refused.text()
    assert refused.status == 200 and "Someone changed this saved reply" in page
    box = BOX.search(page)
    assert "Theirs</pre>" in page and box and box.group(1) == "Mine"
    # The page now carries their version: saving again replaces it, knowingly.
    again = await ana.post("/saved-replies/order", **ORDER, text="Mine", seen=SEEN.findall(page)[0])
    assert again.status == 303


async def test_a_delete_from_a_stale_page_deletes_nothing(as_role: Login) -> None:
    ana, bea = await as_role("manager"), await as_role("admin")
    await ana.post("/saved-replies", **ORDER, text="First")
    stale = await seen_version(ana, "/saved-replies/order/delete")
    fresh = await seen_version(bea, "/saved-replies/order")
    await bea.post("/saved-replies/order", **ORDER, text="Improved", seen=fresh)
    refused = await ana.follow(await ana.post("/saved-replies/order/delete", seen=stale))
    page = await refused.text()
    assert refused.status == 200 and "Improved</pre>" in page and "nothing was deleted" in page
    assert (await ana.client.get("/saved-replies/order")).status == 200  # still there
