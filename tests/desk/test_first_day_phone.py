"""The queue on a phone 375 px wide, in Brazilian Portuguese, on a day with no case answered
yet: the first case on the first screen, the page no wider than the phone, and the counter
with no figure still named to a screen reader."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from mentiondesk.store import Store
from tests.desk.seed import PASSWORD

WIDTH, HEIGHT = 375, 667  # an iPhone SE, the smaller phone of the two

# Each card's height of what shows in it: its laid-out children (not the visually hidden
# label, taken out of the flow) from the highest top to the lowest bottom.
_CONTENT_HEIGHTS = """els => els.map(card => {
  const shown = [...card.children].filter(c => getComputedStyle(c).position !== "absolute");
  const rects = shown.map(c => c.getBoundingClientRect());
  return Math.max(...rects.map(r => r.bottom)) - Math.min(...rects.map(r => r.top));
})"""

# How much lower the case-number form starts than the tools' row: 0 beside the Filters.
_BOX_ROW_BELOW = (
    "form => form.getBoundingClientRect().top - form.parentElement.getBoundingClientRect().top"
)


@pytest.fixture
def phone_pt(browser: Browser, world: tuple[str, Store]) -> Iterator[Page]:
    """The queue on a small phone whose browser asks for pt-BR, signed in as an agent."""
    url, _ = world
    context = browser.new_context(
        viewport={"width": WIDTH, "height": HEIGHT}, locale="pt-BR", has_touch=True
    )
    page = context.new_page()
    page.goto(f"{url}/queue")
    page.get_by_label("Nome").fill("agent")
    page.get_by_label("Senha").fill(PASSWORD)
    page.get_by_role("button", name="Entrar", exact=True).click()
    expect(page).to_have_url(f"{url}/queue")
    yield page
    context.close()


def test_the_first_case_starts_in_the_first_screen_s_top_half(phone_pt: Page) -> None:
    # Before: the "nenhum caso respondido ainda" card took four lines, its label two of
    # them, repeating the card beside it ("0 casos respondidos em 24 h").
    expect(phone_pt.locator("#kpi-frt")).to_have_text("nenhum caso respondido ainda")
    first = phone_pt.locator("#queue > .item").first.bounding_box()
    assert first
    # A face too wide for the case-number box beside "Filtros" puts the box a row lower
    # (test_phone_wide_face): that row is the face's doing, not the counters'.
    lower = float(phone_pt.locator(".case-jump").evaluate(_BOX_ROW_BELOW))
    assert first["y"] - lower <= HEIGHT * 0.45, (first, lower)
    # The wordy card's words need no more height than the others' do. Their content, not the
    # cards: a grid row stretches both cards to the taller one, and with a narrower font the
    # first row's labels fit on one line while "casos respondidos em 24 h" still takes two.
    needs = phone_pt.locator(".kpis .kpi").evaluate_all(_CONTENT_HEIGHTS)
    *others, wordy = needs
    assert wordy <= max(others) + 8, needs
    width = phone_pt.evaluate("document.documentElement.scrollWidth")
    assert width <= WIDTH, width


def test_the_counter_with_no_figure_is_still_named_to_a_screen_reader(phone_pt: Page) -> None:
    card = phone_pt.locator(".kpis .kpi").filter(has=phone_pt.locator("#kpi-frt"))
    label = card.get_by_text("mediana da 1ª resposta das últimas 24 h")
    expect(label).to_be_attached()
    aria = phone_pt.locator(".kpis").aria_snapshot()
    assert "nenhum caso respondido ainda" in aria and "mediana da 1ª resposta" in aria, aria
