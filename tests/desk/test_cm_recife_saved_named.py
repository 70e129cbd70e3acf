"""Controls repeated once per reply or per box say whose they are to a screen reader (NVDA,
tabbing in pt-BR): each "Mostrar o modelo" on the Saved replies page is described by its
reply's title, and a draft's "Resposta pronta" picker and its "Colocar na caixa" button by the
draft's kind, as the draft's box is; Reply now's picker is the other one."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from mentiondesk import saved_desk
from mentiondesk.saved_replies import SavedReply
from mentiondesk.store import Store
from mentiondesk.web.users import Role
from tests.desk.browser import login, saved_replies_desk
from tests.desk.saved_picker_helpers import BOM_DIA
from tests.desk.seed import add


@pytest.fixture
def recife(browser: Browser, tmp_path: Path) -> Iterator[tuple[Page, str, Store]]:
    """The manager signed in, in Brazilian Portuguese, with a reply made in the desk."""
    with saved_replies_desk(tmp_path, BOM_DIA, Role.MANAGER) as (url, store):
        reply = SavedReply(id="atraso", title="Atraso", lang="pt-BR", text="Desculpe o atraso!")
        saved_desk.add_reply(store, reply, by="test", reserved=())
        context = browser.new_context(locale="pt-BR")
        page = context.new_page()
        login(page, url, "manager", "pt-BR", keyboard=True)
        yield page, url, store
        context.close()


def test_each_show_the_template_names_its_reply(recife: tuple[Page, str, Store]) -> None:
    page, url, _ = recife
    page.goto(f"{url}/saved-replies")
    shows = page.get_by_role("group").get_by_text("Mostrar o modelo")
    expect(shows).to_have_count(2)
    expect(shows.nth(0)).to_have_accessible_description("Atraso")  # the desk's
    expect(shows.nth(1)).to_have_accessible_description("Bom dia")  # the file's


def test_a_drafts_picker_says_which_box_it_fills(recife: tuple[Page, str, Store]) -> None:
    page, url, store = recife
    _, case, draft = add(store, "Cadê meu pedido?", draft="Oi!")
    page.goto(f"{url}/cases/{case}")
    kind = page.locator(f"#draft-{draft}-name").inner_text()
    panel = page.locator(f"#draft-{draft}")
    expect(panel.get_by_role("combobox", name="Resposta pronta")).to_have_accessible_description(
        kind
    )
    put = panel.get_by_role("button", name="Colocar na caixa")
    expect(put).to_have_accessible_description(kind)
    reply_now = page.locator("#write-reply").get_by_role("combobox", name="Resposta pronta")
    expect(reply_now).to_have_accessible_description("")
