"""Approve and Reject by their buttons, with a keyboard and a screen reader in Chromium: the queue
comes back with focus on the row now in the acted-on row's place (not the top of the page,
twenty Tabs away), and what was done is said: the notice, in the page as loaded, is filled
into its live region again once loaded (a screen reader announces changes, not a page's
first text). A box that a refusal focuses says its notice itself: said once, not twice."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from mentiondesk.store import Store
from tests.desk.browser import login
from tests.desk.seed import add

# What live regions are told after the page has loaded: a screen reader says those.
_LISTEN = """
window.__said = [];
document.addEventListener("DOMContentLoaded", function () {
  new MutationObserver(function (records) {
    records.forEach(function (record) {
      var node = record.target.nodeType === 1 ? record.target : record.target.parentElement;
      var region = node && node.closest("[role=status], [role=alert], [aria-live]");
      if (region && region.textContent.trim()) window.__said.push(region.textContent.trim());
    });
  }).observe(document.body, { childList: true, subtree: true, characterData: true });
});
"""


def _said(page: Page) -> list[str]:
    return list(page.evaluate("window.__said"))


def _rows(page: Page, store: Store, tag: str, top: int) -> list[int | None]:
    """Three drafts on top of the queue (priority `top` and below), `tag` in their texts;
    their case ids."""
    cases = [
        add(store, f"{tag} first complaint", priority=top, draft="First answer")[1],
        add(store, f"{tag} second complaint", priority=top - 1, draft="Second answer")[1],
        add(store, f"{tag} third complaint", priority=top - 2, draft="Third answer")[1],
    ]
    page.add_init_script(_LISTEN)
    return cases


def test_after_the_approve_button_focus_is_on_the_row_in_its_place_and_it_is_said(
    page: Page, world: tuple[str, Store]
) -> None:
    url, store = world
    cases = _rows(page, store, "Approve-button", 900)
    login(page, url, "agent")
    rows = page.locator("#queue > .item")
    expect(rows.nth(1)).to_contain_text("Approve-button second complaint")
    rows.nth(1).get_by_role("button", name="Approve").focus()
    page.keyboard.press("Enter")
    approved = f"MD-{cases[1]:06d}: reply approved: it is on its way."
    expect(page.locator("#notice")).to_have_text(approved)
    expect(rows.nth(1)).to_contain_text("Approve-button third complaint")
    expect(rows.nth(1)).to_be_focused()  # the row that moved up into its place
    expect(rows.nth(1)).to_have_attribute("aria-current", "true")
    page.wait_for_function("() => window.__said.length > 0", timeout=3000)
    assert _said(page) == [approved]  # announced, once
    page.keyboard.press("Tab")  # Tab goes on from the row, not from the top of the page
    expect(rows.nth(1).locator(".case-link")).to_be_focused()
    page.goto(f"{url}/queue")  # the place was for the page after the button only
    expect(page.locator("#queue > .item[aria-current]")).to_have_count(0)
    assert _said(page) == []  # a page without a notice says nothing


def test_after_the_reject_button_too_and_cancel_keeps_no_place(
    page: Page, world: tuple[str, Store]
) -> None:
    url, store = world
    cases = _rows(page, store, "Reject-button", 1900)
    login(page, url, "agent")
    rows = page.locator("#queue > .item")
    expect(rows.nth(0)).to_contain_text("Reject-button first complaint")
    page.once("dialog", lambda dialog: dialog.dismiss())  # Reject asks first: Cancel
    rows.nth(1).get_by_role("button", name="Reject").click()
    page.wait_for_timeout(300)
    expect(rows.nth(1).get_by_role("button", name="Reject")).to_be_enabled()  # nothing sent
    # No place kept (the queue's own address, for "← Queue", is kept under another key).
    assert page.evaluate("sessionStorage.getItem('mentiondesk.queuePlace')") is None
    page.once("dialog", lambda dialog: dialog.accept())
    rows.nth(0).get_by_role("button", name="Reject").click()  # a new page: a fresh form
    rejected = f"MD-{cases[0]:06d}: draft rejected: nothing will be sent."
    expect(page.locator("#notice")).to_have_text(rejected)
    # The case, still unanswered, stays in the queue without its draft: in its own place.
    expect(rows.nth(0)).to_contain_text("Reject-button first complaint")
    expect(rows.nth(0).get_by_role("button", name="Reject")).to_have_count(0)
    expect(rows.nth(0)).to_be_focused()
    page.wait_for_function("() => window.__said.length > 0", timeout=3000)
    assert _said(page) == [rejected]


def test_a_refusal_that_focuses_its_box_is_said_by_the_box_not_again(
    page: Page, world: tuple[str, Store]
) -> None:
    """A case number not found: the box keeps it, focused and described by the notice, which
    a screen reader reads with the box; the notice is not announced a second time."""
    url, _ = world
    page.add_init_script(_LISTEN)
    login(page, url, "agent")
    box = page.get_by_role("searchbox", name="case number")
    box.fill("MD-999999")
    box.press("Enter")
    expect(page.locator("#notice")).to_contain_text("999999")
    expect(box).to_be_focused()
    expect(box).to_have_attribute("aria-describedby", "notice")
    page.wait_for_timeout(400)  # longer than the notice's refill waits
    assert _said(page) == []
