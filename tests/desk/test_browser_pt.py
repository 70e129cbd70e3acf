"""The desk in Portuguese, in Chromium: the longer words still fit a phone, its scripts speak it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from playwright.sync_api import Browser, Page, expect

from mentiondesk.store import Store
from tests.desk.browser import login, shot
from tests.desk.browser import page_pt as page_pt  # the fixture, re-exported
from tests.desk.seed import add

TOO_LONG = "Mais longa do que a plataforma permite: encurte antes de enviar"
LONG = "O pedido 5521 não chegou, o rastreio parou em Curitiba e ninguém responde no SAC. " * 4


def _width(page: Page) -> int:
    return page.viewport_size["width"] if page.viewport_size else 0


def _fits(page: Page) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth") <= _width(page))


def test_portuguese_queue_and_case_fit_the_screen(page_pt: Page, world: tuple[str, Store]) -> None:
    url, store = world
    add(store, LONG, priority=99, draft=LONG, ago=timedelta(minutes=1))  # first in the queue
    login(page_pt, url, "admin", "pt-BR")  # the fullest header
    expect(page_pt.get_by_role("link", name="Fila")).to_be_visible()
    assert _fits(page_pt)
    shot(page_pt, f"pt-queue-{_width(page_pt)}")
    page_pt.locator("#queue .item .case-link").first.click()
    expect(page_pt.get_by_role("button", name="Aprovar e enviar").first).to_be_visible()
    assert _fits(page_pt)
    shot(page_pt, f"pt-case-{_width(page_pt)}")


def test_desk_js_writes_portuguese(page_pt: Page, world: tuple[str, Store]) -> None:
    url, store = world
    mention, _, _ = add(store, LONG, platform="x", priority=0, draft_kind="public", draft="Oi!")
    login(page_pt, url, "agent", "pt-BR")
    clipped = page_pt.locator(".item .text.clipped").first
    expect(clipped).to_be_attached()
    after = clipped.evaluate("e => getComputedStyle(e, '::after').content")
    assert after == '"… mais"'
    page_pt.goto(f"{url}/mentions/{mention}")
    page_pt.get_by_label("Texto da resposta").fill("a" * 300)  # X allows 280
    approve = page_pt.get_by_role("button", name="Aprovar e enviar")
    expect(approve).to_be_disabled()
    expect(approve).to_have_attribute("title", TOO_LONG)


@pytest.mark.parametrize("width", [390, 1280], ids=["phone", "desktop"])
def test_european_portuguese_fits_the_screen(
    browser: Browser, world: tuple[str, Store], width: int
) -> None:
    """pt-PT's words run longer ("Gerar nova palavra-passe"), the switch has three languages."""
    url, store = world
    mention, _, _ = add(store, LONG, draft=LONG)
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="pt-PT")
    page = context.new_page()
    login(page, url, "admin", "pt-PT")
    for path in ("/queue", f"/mentions/{mention}", "/people"):
        page.goto(f"{url}{path}")
        expect(page.get_by_role("link", name="PT-PT")).to_have_attribute("aria-current", "true")
        assert _fits(page), path
    shot(page, f"pt-pt-people-{width}")
    context.close()
