"""The Privacy log in Chromium: the admin's navigation links to it, and the page reads (an
erasure's row with who and the counts); an agent's navigation has no such link."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from mentiondesk import erasure
from mentiondesk.store import Store
from tests.desk.browser import login, shot


def test_the_admin_opens_the_privacy_log_from_the_navigation(
    page: Page, world: tuple[str, Store]
) -> None:
    url, store = world
    erasure.erase(store, "x", "user0", by="cli:dpo")
    login(page, url, "admin")
    link = page.locator("header nav").get_by_role("link", name="Privacy log")
    expect(link).to_be_visible()
    link.click()
    expect(page).to_have_url(f"{url}/privacy")
    expect(page.get_by_role("heading", level=1)).to_have_text("Privacy log")
    expect(link).to_have_attribute("aria-current", "page")
    row = page.locator("table.privacy-log tbody tr").first
    expect(row).to_contain_text("Erasure on request")
    expect(row).to_contain_text("dpo (terminal)")
    expect(row).to_contain_text("deleted: ")
    expect(page.get_by_role("link", name="Export CSV")).to_have_attribute("href", "/privacy.csv")
    shot(page, "privacy-log")


def test_an_agent_has_no_link_to_it(page: Page, world: tuple[str, Store]) -> None:
    url, _ = world
    login(page, url, "agent")
    expect(page.locator("header nav").get_by_role("link", name="People")).to_have_count(0)
    expect(page.locator("header nav").get_by_role("link", name="Privacy log")).to_have_count(0)
