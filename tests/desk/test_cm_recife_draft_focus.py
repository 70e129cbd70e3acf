"""A keyboard and screen-reader user acts on a draft on the case page (Save draft, Reject,
Approve): the page comes back with focus on that draft, not at the top, and the notice
saying how it went is announced (politely: role=status), so Tab goes on from where she was."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from mentiondesk.store import Store
from tests.desk.saved_keys_helpers import (
    IN_ID,
    open_case_as_agent,
    press_draft_button,
    wait_focus_in,
)


def test_save_draft_keeps_focus_on_the_draft(page: Page, world: tuple[str, Store]) -> None:
    draft = open_case_as_agent(page, *world)
    box = page.locator(f"#draft-{draft}").get_by_role("textbox", name="Reply text")
    box.fill("Sorry about this. Could you DM us your order number?")
    press_draft_button(page, draft, "Save draft")
    expect(page.locator("#notice")).to_have_attribute("role", "status")
    expect(page.locator("#notice")).to_contain_text("saved")
    wait_focus_in(page, f"draft-{draft}")
    # Tab goes on inside the draft, not from the page's top (its skip link, the menu).
    page.keyboard.press("Tab")
    assert page.evaluate(IN_ID, f"draft-{draft}")


def test_reject_lands_on_the_draft_it_rejected(page: Page, world: tuple[str, Store]) -> None:
    draft = open_case_as_agent(page, *world)
    press_draft_button(page, draft, "Reject")
    expect(page.locator("#notice")).to_contain_text("rejected")
    # On the rejected draft's heading, which now says so, even folded with earlier ones.
    wait_focus_in(page, f"draft-{draft}")
    expect(page.locator(f"#draft-{draft} h2")).to_be_focused()
    expect(page.locator(f"#draft-{draft} h2")).to_contain_text("rejected")


def test_approve_lands_on_the_draft_it_sent(page: Page, world: tuple[str, Store]) -> None:
    draft = open_case_as_agent(page, *world)
    press_draft_button(page, draft, "Approve and send")
    expect(page.locator("#notice")).to_be_visible()
    wait_focus_in(page, f"draft-{draft}")
