"""The case page's "← Queue" goes back to the queue as the tab last showed it: its filters and
its page size ("Show more"), not the whole queue, so working through one reason's cases does
not start over after each."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from mentiondesk.store import Store
from tests.desk.browser import login


def test_back_to_the_queue_keeps_its_filters_and_page_size(
    page: Page, world: tuple[str, Store]
) -> None:
    url, _ = world
    login(page, url, "manager")
    page.goto(f"{url}/queue?reason=delivery&show=200")
    page.locator("#queue li").first.get_by_role("link", name="Open").click()
    expect(page).to_have_url(re.compile(r"/cases/\d+$"))
    crumb = page.locator(".crumbs a")
    expect(crumb).to_have_attribute("href", "/queue?reason=delivery&show=200")
    crumb.click()
    expect(page).to_have_url(f"{url}/queue?reason=delivery&show=200")
    expect(page.locator("select[name=reason]")).to_have_value("delivery")


def test_from_the_whole_queue_it_goes_back_to_the_whole_queue(
    page: Page, world: tuple[str, Store]
) -> None:
    url, _ = world
    login(page, url, "manager")
    page.goto(f"{url}/queue?reason=delivery")
    page.goto(f"{url}/queue")
    page.locator("#queue li").first.get_by_role("link", name="Open").click()
    expect(page.locator(".crumbs a")).to_have_attribute("href", "/queue")
