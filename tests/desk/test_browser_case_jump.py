"""The queue's case-number box in Chromium: on a phone (390 px) it shows without opening the
folded Filters, on the first screen; a missed number comes back in the box, focused."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from mentiondesk.store import Store
from tests.desk.browser import SHOTS, TYPED_EXAMPLE_OVERFLOW, login, shot

WIDTH, HEIGHT = 390, 844  # the phone fixture's viewport


def test_a_phone_shows_the_box_with_the_filters_folded(
    phone: Page, world: tuple[str, Store]
) -> None:
    url, _ = world
    login(phone, url, "manager")
    expect(phone.locator("details.filter-box")).not_to_have_attribute("open", "")
    box = phone.get_by_role("searchbox", name="case number")
    expect(box).to_be_visible()
    expect(phone.get_by_role("button", name="Go to case")).to_be_visible()
    where = box.bounding_box()
    assert where and where["y"] + where["height"] <= HEIGHT  # on the first screen
    assert where["x"] + where["width"] <= WIDTH
    expect(phone.locator("#queue > .item").first).to_be_in_viewport()  # still the first case
    assert phone.evaluate("document.documentElement.scrollWidth") <= WIDTH
    phone.screenshot(path=SHOTS / "phone-queue-case-box.png")  # the first screen only
    phone.goto(f"{url}/lang/pt-PT?next=/queue")
    phone.screenshot(path=SHOTS / "phone-queue-case-box-pt.png")


def test_a_miss_comes_back_in_the_box_focused(phone: Page, world: tuple[str, Store]) -> None:
    url, _ = world
    login(phone, url, "agent")
    phone.goto(f"{url}/queue?platform=mastodon")
    box = phone.get_by_role("searchbox", name="case number")
    box.fill("MD-0019O")
    box.press("Enter")
    # The number and the notice are kept server-side (flash.py), not in the address.
    expect(phone).to_have_url(f"{url}/queue?platform=mastodon")
    expect(box).to_be_focused()
    expect(box).to_have_value("MD-0019O")
    expect(box).to_have_accessible_description(
        "No case “MD-0019O”: case numbers look like MD-000019 or 19."
    )


def test_a_desktop_shows_the_box_under_the_open_filters(
    page: Page, world: tuple[str, Store]
) -> None:
    url, _ = world
    login(page, url, "agent")
    filters = page.locator("form.filters:not(.case-jump)").bounding_box()
    box = page.locator("form.case-jump").bounding_box()
    assert filters and box
    assert box["y"] >= filters["y"] + filters["height"]  # its own row, not over the filters
    assert abs(box["x"] - filters["x"]) < 1  # lined up with them
    shot(page, "desktop-queue-case-box")


def test_the_whole_example_number_shows_in_the_box(
    page: Page, phone: Page, world: tuple[str, Store]
) -> None:
    url, _ = world
    for tab in (page, phone):
        login(tab, url, "agent")
        width = tab.viewport_size["width"] if tab.viewport_size else 0
        for lang in ("en", "pt-BR", "pt-PT"):
            tab.goto(f"{url}/lang/{lang}?next=/queue")
            box = tab.locator("form.case-jump input[name=number]")
            assert "MD-000019" in (box.get_attribute("placeholder") or "")
            assert box.evaluate(TYPED_EXAMPLE_OVERFLOW) <= 0, (lang, width)
            assert tab.evaluate("document.documentElement.scrollWidth") <= width
        box.screenshot(path=SHOTS / f"case-box-{width}.png")
