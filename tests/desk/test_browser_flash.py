"""In Chromium: what an action says is said once (web/flash.py). Reloading the page it landed on,
or going back to it, shows the page as it is."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from mentiondesk.store import Store
from tests.desk.browser import login
from tests.desk.seed import add


def test_approve_says_so_once(page: Page, world: tuple[str, Store]) -> None:
    url, store = world
    _, case, _ = add(store, "Flash-me: parcel lost", priority=50, draft="We are on it, Ana.")
    login(page, url, "agent")
    page.goto(f"{url}/cases/{case}")
    page.get_by_role("button", name="Approve and send").click()
    notice = page.get_by_role("status").filter(has_text="Reply approved: it is on its way.")
    expect(notice).to_be_visible()
    assert page.url == f"{url}/cases/{case}"  # nothing said in the address
    page.reload()
    expect(page.locator(".draft-panel .status").first).to_have_text("approved")
    expect(page.locator("#notice")).to_have_count(0)
    page.go_back()  # the page before the approval, loaded again: says nothing either
    expect(page.locator("#notice")).to_have_count(0)
