"""The queue on a 375-pixel phone in Portuguese, in Chromium: the case-number box keeps beside
the folded filters (as in English), and a row's badges are badges, not full-width bars."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from playwright.sync_api import Browser, Page, expect

from mentiondesk.store import Store
from tests.desk.browser import shot
from tests.desk.seed import PASSWORD, add
from tests.desk.test_phone_wide_face import CASE_JUMP_ROW

# How far a typed "MD-000019" overflows the case-number box (the typed value put back after).
_NUMBER_OVERFLOW = """box => {
    const typed = box.value;
    box.value = "MD-000019";
    const over = box.scrollWidth - box.clientWidth;
    box.value = typed;
    return over;
}"""


@pytest.fixture(params=["pt-BR", "pt-PT"])
def phone_pt(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    context = browser.new_context(
        viewport={"width": 375, "height": 812}, locale=request.param, has_touch=True
    )
    yield context.new_page()
    context.close()


def _login(page: Page, url: str) -> None:
    page.goto(f"{url}/queue")
    page.locator("input[name=name]").fill("agent")
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form button[type=submit]").click()
    expect(page).to_have_url(f"{url}/queue")


def _box(page: Page, selector: str) -> dict[str, float]:
    box = page.locator(selector).first.bounding_box()
    assert box, selector
    return {"x": box["x"], "y": box["y"], "width": box["width"], "height": box["height"]}


def test_the_case_number_box_keeps_beside_the_filters(
    phone_pt: Page, world: tuple[str, Store]
) -> None:
    """ "Ir para o caso" is longer than "Go to case": the box went under "Filtros", a row
    lower, and the first case with it. Where the face is too wide for the whole example and
    the button beside them (test_phone_wide_face), under them is right."""
    url, _ = world
    _login(phone_pt, url)
    summary, jump = _box(phone_pt, ".filter-box > summary"), _box(phone_pt, ".case-jump")
    row = phone_pt.locator(".case-jump").evaluate(CASE_JUMP_ROW)
    if row["needs"] <= row["room"] - 1:  # a pixel's rounding either way is the browser's
        assert jump["x"] >= summary["x"] + summary["width"], (summary, jump, row)
        assert jump["y"] < summary["y"] + summary["height"], (summary, jump)  # the same row
    elif row["needs"] > row["room"] + 1:
        assert jump["y"] >= summary["y"] + summary["height"], (summary, jump, row)
    assert jump["x"] + jump["width"] <= 375 - 12 + 0.5  # within main's padding
    # "MD-000019" still fits in the narrowed box: measured in the page's own font, not as a
    # width in pixels that holds for one face only.
    over = phone_pt.locator(".case-jump input").evaluate(_NUMBER_OVERFLOW)
    assert over <= 0, over
    assert phone_pt.evaluate("document.documentElement.scrollWidth") <= 375
    shot(phone_pt, "ux-review-phone-queue-top")


def test_a_follow_up_badge_is_as_wide_as_its_words(
    phone_pt: Page, world: tuple[str, Store]
) -> None:
    url, store = world
    add(store, "Meu pedido não chegou", handle="lia", priority=500, ago=timedelta(hours=5))
    add(store, "Continuo esperando!", handle="lia", priority=500, draft=None)
    _login(phone_pt, url)
    row = phone_pt.locator("#queue > .item").first
    badge = row.locator(".who .badge.follow-ups")
    expect(badge).to_be_visible()
    width = float(badge.evaluate("e => e.getBoundingClientRect().width"))
    column = float(badge.evaluate("e => e.parentElement.getBoundingClientRect().width"))
    words = float(badge.evaluate("e => e.scrollWidth"))
    assert width < column / 2, (width, column)  # "+1 nova menção", not a bar across the row
    assert words <= width + 0.5
