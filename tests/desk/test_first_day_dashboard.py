"""The dashboard's sentiment chart for a colleague with a screen reader, in English and in
Brazilian Portuguese: the chart says its figures (not only its title), and its day-by-day
table has a name to be found by among the page's tables."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from mentiondesk.store import Store
from tests.desk.seed import PASSWORD

# The world's month (browser.backdrop): 40 mentions, every fifth a complaint's three in five,
# a neutral one and praise: 24, 8 and 8, all within the last 30 days.
CASES = {
    "en": (
        ("Name", "Password", "Log in"),
        "Mentions per day by sentiment",
        "24 complaints · 8 neutral mentions · 8 mentions of praise",
    ),
    "pt-BR": (
        ("Nome", "Senha", "Entrar"),
        "Menções por dia e sentimento",
        "24 reclamações · 8 menções neutras · 8 elogios",
    ),
}


@pytest.fixture(params=sorted(CASES))
def manager_page(
    browser: Browser, world: tuple[str, Store], request: pytest.FixtureRequest
) -> Iterator[tuple[Page, str]]:
    """The dashboard, as a manager whose browser asks for the param's language; the language."""
    url, _ = world
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale=request.param)
    page = context.new_page()
    (name, password, log_in), _, _ = CASES[request.param]
    page.goto(f"{url}/queue")
    page.get_by_label(name).fill("manager")
    page.get_by_label(password).fill(PASSWORD)
    page.get_by_role("button", name=log_in, exact=True).click()
    expect(page).to_have_url(f"{url}/queue")
    page.goto(f"{url}/dashboard")
    yield page, request.param
    context.close()


def test_the_sentiment_chart_tells_a_screen_reader_its_figures(
    manager_page: tuple[Page, str],
) -> None:
    # Before: an image named "Mentions per day by sentiment" and nothing more; its figures
    # only in the bars' hover tooltips (hidden inside the image) and a folded table.
    page, lang = manager_page
    _, title, totals = CASES[lang]
    expect(page.locator("html")).to_have_attribute("lang", lang)
    chart = page.get_by_role("img", name=title, exact=True)
    expect(chart).to_have_accessible_description(totals)
    expect(page.locator("#sentiment-totals")).to_be_visible()  # to the eye too, under the bars


def test_the_day_by_day_table_is_named_like_its_chart(manager_page: tuple[Page, str]) -> None:
    page, lang = manager_page
    _, title, _ = CASES[lang]
    page.get_by_text("The figures, day by day" if lang == "en" else "Os números, dia a dia").click()
    table = page.get_by_role("table", name=title, exact=True)
    expect(table).to_be_visible()
    expect(table.get_by_role("row")).to_have_count(31)  # a header and 30 days
