"""The queue in Chromium: keyboard shortcuts next to focused controls, the selected row."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from mentiondesk.store import Store
from tests.desk.browser import login
from tests.desk.seed import add


def test_enter_on_a_focused_control_activates_the_control(
    page: Page, world: tuple[str, Store]
) -> None:
    url, _ = world
    login(page, url, "manager")
    page.get_by_role("button", name="Filter").focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/queue\?view=&"))
    page.get_by_role("link", name="Dashboard").focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{url}/dashboard")


def test_keys_pressed_on_a_link_or_with_a_modifier_are_not_shortcuts(
    page: Page, world: tuple[str, Store]
) -> None:
    url, store = world
    add(store, "Not-by-accident complaint", priority=98, draft="Not yet")
    login(page, url, "agent")
    page.locator(".item .case-link").first.focus()
    page.keyboard.press("a")
    page.locator("body").focus()
    page.keyboard.press("Shift+Enter")
    page.wait_for_timeout(300)  # give a wrongly handled key the time to submit or navigate
    expect(page).to_have_url(f"{url}/queue")
    expect(page.locator(".item", has_text="Not-by-accident complaint")).to_have_count(1)


def test_the_selected_row_is_marked_for_assistive_technology(
    page: Page, world: tuple[str, Store]
) -> None:
    url, _ = world
    login(page, url, "agent")
    rows = page.locator("#queue > .item")
    expect(rows.nth(0)).to_have_attribute("aria-current", "true")
    page.keyboard.press("j")
    expect(rows.nth(1)).to_have_attribute("aria-current", "true")
    expect(page.locator("#queue > .item[aria-current]")).to_have_count(1)
