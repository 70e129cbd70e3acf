"""The dashboard's Won back table, found by name among the page's tables by a colleague with
a screen reader (its heading is outside the table), in English and Brazilian Portuguese."""

from __future__ import annotations

from datetime import timedelta

import pytest
from playwright.sync_api import Browser, expect

from mentiondesk.store import Store
from tests.desk.seed import PASSWORD, add

LOGIN = {
    "en": ("Name", "Password", "Log in", "Won back", "Author"),
    "pt-BR": ("Nome", "Senha", "Entrar", "Reconquista de clientes", "Perfil"),
}


@pytest.fixture(scope="module")
def won_back(world: tuple[str, Store]) -> str:
    """The world with an author won back: a complaint 20 days ago, praise an hour ago."""
    url, store = world
    add(store, "late again", handle="fan-first-day", ago=timedelta(days=20))
    add(store, "arrived, thanks!", handle="fan-first-day", label="positive", case=False,
        draft=None, ago=timedelta(hours=1))  # fmt: skip
    return url


@pytest.mark.parametrize("lang", sorted(LOGIN))
def test_the_won_back_table_has_a_name(browser: Browser, won_back: str, lang: str) -> None:
    url = won_back
    name, password, log_in, title, author = LOGIN[lang]
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale=lang)
    page = context.new_page()
    page.goto(f"{url}/queue")
    page.get_by_label(name).fill("manager")
    page.get_by_label(password).fill(PASSWORD)
    page.get_by_role("button", name=log_in, exact=True).click()
    expect(page).to_have_url(f"{url}/queue")
    page.goto(f"{url}/dashboard")
    table = page.get_by_role("table", name=title, exact=True)
    expect(table.get_by_role("columnheader", name=author)).to_be_visible()
    expect(table.get_by_role("cell", name="fan-first-day")).to_be_visible()
    context.close()
