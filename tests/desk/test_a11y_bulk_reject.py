"""Reject in bulk for a community manager in Recife who is blind (NVDA, keyboard only), and
her colleague at 400% zoom (320 CSS pixels wide), in Brazilian Portuguese: the preview's answer
takes focus so it is said, a refused age takes it instead, each draft's text is read in its own
language's voice, languages and a missing case are said in words, and no list pushes the page
sideways."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from playwright.sync_api import Browser, Page, expect

from mentiondesk.store import Store
from mentiondesk.tables import DRAFT
from tests.desk.browser import login
from tests.desk.seed import add

# The language Chromium resolves for an element: its nearest `lang`, as a screen reader's voice.
_LANG_OF = "e => e.closest('[lang]').getAttribute('lang')"
_SIDEWAYS = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


@pytest.fixture
def zoomed_br(browser: Browser) -> Iterator[Page]:
    """A 1280-pixel screen at 400% zoom (WCAG's reflow width), asking for pt-BR."""
    context = browser.new_context(viewport={"width": 320, "height": 640}, locale="pt-BR")
    yield context.new_page()
    context.close()


def test_a_bulk_preview_is_said_read_in_each_drafts_language_and_fits(
    zoomed_br: Page, world: tuple[str, Store]
) -> None:
    url, store = world
    rule = "reclamacao-entrega-atrasada-com-pedido-de-reembolso"  # a long rule name, as real ones
    add(store, "My lamp never came", rule=rule, draft="Sorry, could you DM us your order?")
    _, _, pt_draft = add(
        store, "Cadê meu pedido?", rule=rule, case=False, draft="Oi, pode mandar o número?"
    )
    with store.engine.begin() as conn:
        conn.execute(sa.update(DRAFT).where(DRAFT.c.id == pt_draft).values(lang="pt"))
    page = zoomed_br
    login(page, url, "manager", "pt-BR", keyboard=True)
    page.goto(f"{url}/drafts/bulk-reject")
    assert page.evaluate(_SIDEWAYS) <= 0  # the rule's long option does not widen the page
    page.get_by_label("regra").select_option(rule)
    age = page.get_by_label("mais antigos que")
    age.fill("ontem")
    age.press("Enter")
    # A refused age: the box takes focus, so its error (its description) is what is said.
    age = page.get_by_label("mais antigos que")
    expect(age).to_be_focused()
    expect(age).to_have_attribute("aria-invalid", "true")
    expect(age).to_have_accessible_description("Tempo inválido: escreva como 30m, 2h, 1d ou 1h30m.")
    age.fill("")
    age.press("Enter")
    answer = page.get_by_role("heading", name="2 rascunhos pendentes correspondem")
    expect(answer).to_be_focused()  # said at once, and Tab goes on to the drafts
    assert page.evaluate(_SIDEWAYS) <= 0
    rows = page.locator("table.bulk-drafts tbody tr")
    expect(rows).to_have_count(2)
    english, portuguese = rows.nth(0), rows.nth(1)
    if "Oi" in english.inner_text():
        english, portuguese = portuguese, english
    texts = {"en": english.locator("td").last, "pt": portuguese.locator("td").last}
    for lang, cell in texts.items():
        assert cell.evaluate(_LANG_OF) == lang  # not the page's pt-BR voice for English
    expect(english.get_by_role("cell", name="idioma inglês")).to_have_count(1)  # not "en"
    expect(portuguese.get_by_role("cell", name="idioma português")).to_have_count(1)
    expect(portuguese.locator("td").first).to_have_accessible_name("Caso sem caso")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Rejeitar 2 rascunhos")).to_be_focused()
