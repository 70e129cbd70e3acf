"""The Saved replies page shows each reply as a customer reads it (filled in for a sample
author by the picker's code, escaped), its template behind a disclosure, and a note for a text
that cannot be filled in; the case page's picker lists the box's language first: the case's
by Reply now (Brazil's before Portugal's for a Brazilian post), the draft's by a draft."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
import sqlalchemy as sa

from mentiondesk.config import Config
from mentiondesk.store import Store
from mentiondesk.tables import DRAFT, READING
from tests.desk.conftest import Desk
from tests.desk.saved_picker_helpers import Login, saved_config
from tests.desk.seed import add

# Portugal's before Brazil's in the file: the order on the page is the box's, not the file's.
SAVED = """
[[replies]]
id = "wait"
title = "Sorry for the wait"
lang = "en"
text = "Sorry for the wait{% if name %}, {{ name }}{% endif %} ({{ case }}), from {{ brand }}."

[[replies]]
id = "demora"
title = "Pedimos desculpa"
lang = "pt-PT"
text = "Pedimos desculpa pela demora{% if name %}, {{ name }}{% endif %}."

[[replies]]
id = "espera"
title = "Desculpe a demora"
lang = "pt-BR"
text = "Desculpe a demora{% if name %}, {{ name }}{% endif %}! Manda o número do pedido?"
"""
PT_BR = {"Accept-Language": "pt-BR"}
# Each text carries its language (lang="pt-BR"): read in its own voice.
_PREVIEW = re.compile(r'<p class="saved-preview saved-text"(?: lang="[^"]*")?>(.*?)</p>', re.S)
_TEMPLATE = re.compile(
    r'<summary[^>]*>[^<]*</summary><pre class="saved-text"(?: lang="[^"]*")?>(.*?)</pre>', re.S
)
_OPTIONS = re.compile(r'<option value="([a-z-]+)" data-text')
# Passes the save's checks (the sample "Sam" and a nameless author skip the comparison), yet
# fails for "Maria": a str compared with a number.
FAILS_FOR_MARIA = '{% if name == "Maria" and name > 1 %}x{% endif %}Olá'


@pytest.fixture
def config(tmp_path: Path, db_url: str) -> Config:
    return saved_config(tmp_path, db_url, SAVED)


async def _add(manager: Desk, reply_id: str, lang: str, text: str) -> None:
    form = {"id": reply_id, "title": reply_id, "lang": lang, "text": text, "kind": ""}
    response = await manager.follow(await manager.post("/saved-replies", **form))
    assert response.status == 200 and "saved-refused" not in await response.text()


async def test_the_page_shows_each_reply_filled_in_with_its_template_folded(
    as_role: Login,
) -> None:
    manager = await as_role("manager")
    await _add(manager, "ola", "pt-BR", "<b>Olá</b>{% if name %}, {{ name }}{% endif %}!")
    page = await (await manager.client.get("/saved-replies")).text()
    shown = _PREVIEW.findall(page)
    assert "&lt;b&gt;Olá&lt;/b&gt;, Maria!" in shown  # the desk's, escaped
    assert "Sorry for the wait, Alex (MD-000123), from Lumora." in shown
    assert "Desculpe a demora, Maria! Manda o número do pedido?" in shown
    assert "Pedimos desculpa pela demora, Maria." in shown
    assert not any("{%" in text or "{{" in text for text in shown)
    assert "<b>Olá</b>" not in page
    # The template, for whoever edits it: behind "Show the template", escaped.
    templates = _TEMPLATE.findall(page)
    assert "&lt;b&gt;Olá&lt;/b&gt;{% if name %}, {{ name }}{% endif %}!" in templates
    assert '<summary aria-describedby="saved-name-1">Show the template</summary>' in page


async def test_a_text_that_cannot_be_filled_in_for_the_sample_shows_a_note(
    as_role: Login,
) -> None:
    manager = await as_role("manager")
    await _add(manager, "quebrada", "pt-BR", FAILS_FOR_MARIA)
    response = await manager.client.get("/saved-replies")
    page = await response.text()
    assert response.status == 200
    assert "This text cannot be filled in for the sample author Maria" in page
    assert html.escape(FAILS_FOR_MARIA).replace("&quot;", "&#34;") in _TEMPLATE.findall(page)
    assert "Olá" not in _PREVIEW.findall(page)
    portuguese = await (await manager.client.get("/saved-replies", headers=PT_BR)).text()
    assert "não pode ser preenchido para a pessoa de exemplo Maria" in portuguese
    assert ">Mostrar o modelo</summary>" in portuguese


def _set(store: Store, table: sa.Table, key: sa.Column[int], row: int, lang: str) -> None:
    with store.engine.begin() as conn:
        conn.execute(table.update().where(key == row).values(lang=lang))


async def test_reply_now_lists_the_mention_s_language_first(as_role: Login, store: Store) -> None:
    mention, case, _ = add(store, "Cadê meu pedido?", draft=None)
    _set(store, READING, READING.c.mention_id, mention, "pt")  # Brazil's, as drafts are
    agent = await as_role("agent")
    page = await (await agent.client.get(f"/cases/{case}")).text()
    reply_now = page.split('id="write-reply"')[1]
    assert _OPTIONS.findall(reply_now) == ["espera", "demora", "wait"]  # all still offered
    assert "In the case’s language (Brazilian Portuguese)" in reply_now


async def test_a_draft_s_picker_lists_the_author_s_language_first(
    as_role: Login, store: Store
) -> None:
    """A draft in another language than its author's (Brazil's Portuguese to an English post:
    the rule's template had no English) is to be rewritten in theirs, as the page says: its
    picker offers the author's language first, as the case's Reply now does."""
    _, case, draft = add(store, "Where is my lamp?")
    assert draft is not None
    _set(store, DRAFT, DRAFT.c.id, draft, "pt")  # a rule's draft: Brazil's
    agent = await as_role("agent")
    page = await (await agent.client.get(f"/cases/{case}")).text()
    draft_box, reply_now = page.split(f'id="draft-{draft}"')[1].split('id="write-reply"')
    assert "not in the author’s language: they wrote in English" in draft_box
    assert _OPTIONS.findall(draft_box) == ["wait", "demora", "espera"]
    assert "In the case’s language (English)" in draft_box
    assert _OPTIONS.findall(reply_now) == ["wait", "demora", "espera"]  # the case's: English
