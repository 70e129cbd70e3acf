"""A community manager on the Saved replies page with NVDA and the keyboard only (pt-BR): after
adding, changing or deleting a reply the page loads again with focus where she was (the reply
just saved; after a delete, the reply now in its place, or the list's heading when none is),
not at the page's top with the whole menu to Tab through again; the notice is still said."""

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
from tests.desk.saved_keys_helpers import press, wait_focus_in
from tests.desk.saved_picker_helpers import BOM_DIA

_FOCUSED_ID = "() => document.activeElement && document.activeElement.id"


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[tuple[str, Store]]:
    with saved_replies_desk(tmp_path, BOM_DIA, Role.MANAGER) as served:
        yield served


@pytest.fixture
def recife(browser: Browser, desk: tuple[str, Store]) -> Iterator[Page]:
    """The manager signed in, on the Saved replies page, in Brazilian Portuguese."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="pt-BR")
    page = context.new_page()
    login(page, desk[0], "manager", "pt-BR", keyboard=True)
    page.goto(f"{desk[0]}/saved-replies")
    yield page
    context.close()


def _stored(store: Store, *titles: str) -> None:
    for title in titles:
        reply = SavedReply(id=title.lower(), title=title, lang="pt-BR", text=f"{title}!")
        saved_desk.add_reply(store, reply, by="test", reserved=())


def _type_in(page: Page, label: str, text: str) -> None:
    box = page.get_by_label(label, exact=False)
    box.focus()
    page.keyboard.press("Control+End")  # after what the box holds, as she would
    page.keyboard.type(text)


def test_adding_lands_on_the_reply_just_added(recife: Page) -> None:
    _type_in(recife, "Nome curto", "pedido")
    _type_in(recife, "Título", "Número do pedido")
    _type_in(recife, "Texto", "Oi! Manda o número do pedido?")
    press(recife, recife.get_by_role("button", name="Adicionar", exact=True))
    expect(recife.locator("#notice")).to_contain_text("Resposta pronta adicionada")
    wait_focus_in(recife, "saved-reply-pedido")
    assert recife.evaluate(_FOCUSED_ID) == "saved-name-1"  # its title: NVDA reads it
    # Nothing focused is described by another text: the notice is still said (sayNotice).
    expect(recife.locator("[autofocus][aria-describedby]")).to_have_count(0)
    # Tab goes on inside that reply (its template, then Editar), not from the menu.
    recife.keyboard.press("Tab")
    assert recife.evaluate("() => !!document.activeElement.closest('#saved-reply-pedido')")


def test_changing_lands_on_the_reply_changed(recife: Page, desk: tuple[str, Store]) -> None:
    url, store = desk
    _stored(store, "Atraso", "Boas-vindas", "Cancelamento")
    recife.goto(f"{url}/saved-replies")
    row = recife.locator("#saved-reply-boas-vindas")
    press(recife, row.get_by_role("link", name="Editar"))
    # The form comes after the whole list: the page opens on its heading, Tab reaches the box.
    expect(recife.locator("#saved-form-head")).to_be_focused()
    recife.keyboard.press("Tab")
    expect(recife.get_by_label("Título", exact=False)).to_be_focused()
    _type_in(recife, "Texto", " Até logo.")
    press(recife, recife.get_by_role("button", name="Salvar", exact=True))
    expect(recife.locator("#notice")).to_contain_text("Resposta pronta alterada")
    wait_focus_in(recife, "saved-reply-boas-vindas")
    expect(row).to_contain_text("Boas-vindas! Até logo.")


def _delete(page: Page, reply_id: str) -> None:
    """Delete a listed reply by keyboard: its Excluir link, then the confirmation's button."""
    press(page, page.locator(f"#saved-reply-{reply_id}").get_by_role("link", name="Excluir"))
    expect(page.locator("#saved-delete-head")).to_be_focused()  # "Excluir a resposta…?"
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Excluir", exact=True)).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#notice")).to_contain_text("Resposta pronta excluída")


def test_deleting_lands_on_the_next_reply_then_the_heading(
    recife: Page, desk: tuple[str, Store]
) -> None:
    url, store = desk
    _stored(store, "Atraso", "Boas-vindas", "Cancelamento")
    recife.goto(f"{url}/saved-replies")
    _delete(recife, "atraso")
    wait_focus_in(recife, "saved-reply-boas-vindas")  # the one now in its place
    _delete(recife, "cancelamento")  # the last one: none after it
    expect(recife.locator("#saved-made-head")).to_be_focused()
    _delete(recife, "boas-vindas")  # none left: the heading, then "Nenhuma ainda"
    expect(recife.locator("#saved-made-head")).to_be_focused()
    expect(recife.locator(".saved-made")).to_contain_text("Nenhuma ainda")
    # A reload is a fresh look at the page: focus lands nowhere special.
    recife.reload()
    assert recife.evaluate(_FOCUSED_ID) != "saved-made-head"


def test_cancel_goes_back_to_the_reply(recife: Page, desk: tuple[str, Store]) -> None:
    """Cancelar on the edit form or the delete confirmation: back at that reply in the list
    (Tab goes on from it), not at the page's top."""
    url, store = desk
    _stored(store, "Atraso", "Boas-vindas", "Cancelamento")
    recife.goto(f"{url}/saved-replies")
    for action in ("Editar", "Excluir"):
        row = recife.locator("#saved-reply-cancelamento")
        press(recife, row.get_by_role("link", name=action, exact=True))
        press(recife, recife.get_by_role("link", name="Cancelar", exact=True))
        expect(recife).to_have_url(f"{url}/saved-replies#saved-reply-cancelamento")
        recife.keyboard.press("Tab")
        wait_focus_in(recife, "saved-reply-cancelamento")
