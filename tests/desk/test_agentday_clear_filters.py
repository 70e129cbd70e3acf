"""Clearing the queue's filters is the filter form's answer too: how many wait in the whole
queue takes focus as the page loads, so a screen reader says it (filtering did; clearing
loaded the queue in silence, the agent left to guess what it now showed)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from mentiondesk.store import Store
from tests.desk.browser import login
from tests.desk.seed import add

_REASON = "troca_recusada_agentday"


@pytest.fixture
def page_br(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="pt-BR")
    yield context.new_page()
    context.close()


def test_clearing_the_filters_says_how_many_wait(page_br: Page, world: tuple[str, Store]) -> None:
    url, store = world
    add(store, "Não aceitaram a troca", reason=_REASON, platform="bluesky")
    page = page_br
    login(page, url, "agent", "pt-BR", keyboard=True)
    page.goto(f"{url}/queue")
    page.locator("select[name=reason]").select_option(_REASON)
    page.get_by_role("button", name="Filtrar").press("Enter")
    expect(page.get_by_role("heading", name="1 caso corresponde aos filtros")).to_be_focused()
    page.get_by_role("link", name="Limpar", exact=True).press("Enter")
    whole = page.get_by_role("heading", name=re.compile(r"^Sem filtros: \d+ casos.* na fila$"))
    expect(whole).to_be_focused()
    expect(page.locator("select[name=reason]")).to_have_value("")
    # Back from a case by its "← Fila": shown, not said again (no filter was applied).
    page.locator("#queue li").first.get_by_role("link", name="Abrir", exact=True).click()
    page.locator(".crumbs a").click()
    expect(page.locator("#queue-count")).to_have_count(0)


def test_clearing_keeps_the_page_size_and_says_it_in_english(
    page: Page, world: tuple[str, Store]
) -> None:
    url, _ = world
    login(page, url, "agent")
    page.goto(f"{url}/queue?platform=x&show=200")
    clear = page.get_by_role("link", name="Clear", exact=True)
    expect(clear).to_have_attribute("href", re.compile(r"^/queue\?(show=200&filtered=1)$"))
    clear.press("Enter")
    expect(page.get_by_role("heading", name=re.compile(r"^No filters: \d+ "))).to_be_focused()
