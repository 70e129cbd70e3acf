"""The desk on a wide screen (1,600 CSS pixels, in Chromium): the dashboard chart's labels
stay the page's small text, and a Hacker News draft's Copy button copies it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from mentiondesk.store import Store
from tests.desk.browser import login
from tests.desk.seed import add

# Each label's size on screen in CSS pixels: an SVG label's font size times the SVG's scale.
_LABEL_PX = """els => els.map(e =>
    parseFloat(getComputedStyle(e).fontSize) * (e.getScreenCTM ? e.getScreenCTM().a : 1))"""


@pytest.fixture
def wide(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(
        viewport={"width": 1600, "height": 900}, permissions=["clipboard-read", "clipboard-write"]
    )
    yield context.new_page()
    context.close()


def test_chart_labels_are_the_pages_small_text(wide: Page, world: tuple[str, Store]) -> None:
    url, _ = world
    login(wide, url, "manager")
    wide.goto(f"{url}/dashboard")
    sizes = wide.locator(".chart .tick").evaluate_all(_LABEL_PX)
    assert sizes and max(sizes) <= 12.5, sizes  # 20 px across a 1,300 px panel before


def test_the_chart_fills_its_panel_at_1440_px(browser: Browser, world: tuple[str, Store]) -> None:
    """It stopped at 792 px of a 1,300 px panel; now the plot reaches the panel's padding, its
    labels still the page's small text, its y axis saying what it counts."""
    url, _ = world
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    login(page, url, "manager")
    page.goto(f"{url}/dashboard")
    # The daily chart's panel, then the last 24 hours': each plot reaches its panel's padding.
    for panel in page.locator(".panel", has=page.locator(".chart")).all():
        inner = panel.evaluate(
            "e => e.getBoundingClientRect().right - parseFloat(getComputedStyle(e).paddingRight)"
        )
        plot = panel.locator(".chart-plot").bounding_box()
        assert plot and plot["x"] + plot["width"] >= inner - 20, (plot, inner)
    sizes = page.locator(".chart .tick").evaluate_all(_LABEL_PX)
    assert sizes and max(sizes) <= 12.5, sizes
    expect(page.locator(".chart .axis-title")).to_have_text(
        ["mentions per day", "mentions per hour"]
    )
    expect(page.get_by_role("heading", name="Volume per platform")).to_contain_text(
        "mentions per platform"
    )
    context.close()


def test_copy_puts_a_hacker_news_draft_on_the_clipboard(
    wide: Page, world: tuple[str, Store]
) -> None:
    url, store = world
    text = "Sorry about the double charge: refunds go out this week."
    _, case, _ = add(store, "Charged twice", platform="hackernews", draft=text, draft_kind="public")
    login(wide, url, "agent")
    wide.goto(f"{url}/cases/{case}")
    button = wide.locator(".draft-form button.copy").first
    button.click()
    expect(button).to_have_text("Copied")
    assert wide.evaluate("navigator.clipboard.readText()") == text
