"""A keyboard and screen-reader user acts on a draft on the case page (Save draft, Reject,
Approve): the page comes back with focus on that draft, not at the top, and the notice
saying how it went is announced (politely: role=status), so Tab goes on from where she was."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from mentiondesk.store import Store
from tests.desk.browser import login
from tests.desk.seed import add

_IN_DRAFT = "(id) => !!document.activeElement.closest('#' + id)"


def _case_with_draft(store: Store) -> tuple[int, int]:
    _, case, draft = add(store, "Where is my order?", draft="Sorry, {name}: DM us?")
    assert case is not None and draft is not None
    return case, draft


def _press(page: Page, draft: int, button: str) -> None:
    """Tab to the draft's `button` and press it with the keyboard, accepting any confirm."""
    page.once("dialog", lambda dialog: dialog.accept())
    panel = page.locator(f"#draft-{draft}")
    panel.get_by_role("textbox", name="Reply text").focus()
    panel.get_by_role("button", name=button).focus()
    page.keyboard.press("Enter")


def test_save_draft_keeps_focus_on_the_draft(page: Page, world: tuple[str, Store]) -> None:
    url, store = world
    case, draft = _case_with_draft(store)
    login(page, url, "agent")
    page.goto(f"{url}/cases/{case}")
    box = page.locator(f"#draft-{draft}").get_by_role("textbox", name="Reply text")
    box.fill("Sorry about this. Could you DM us your order number?")
    _press(page, draft, "Save draft")
    expect(page.locator("#notice")).to_have_attribute("role", "status")
    expect(page.locator("#notice")).to_contain_text("saved")
    page.wait_for_function(_IN_DRAFT, arg=f"draft-{draft}", timeout=5000)
    # Tab goes on inside the draft, not from the page's top (its skip link, the menu).
    page.keyboard.press("Tab")
    assert page.evaluate(_IN_DRAFT, f"draft-{draft}")


def test_reject_lands_on_the_draft_it_rejected(page: Page, world: tuple[str, Store]) -> None:
    url, store = world
    case, draft = _case_with_draft(store)
    login(page, url, "agent")
    page.goto(f"{url}/cases/{case}")
    _press(page, draft, "Reject")
    expect(page.locator("#notice")).to_contain_text("rejected")
    # On the rejected draft's heading, which now says so, even folded with earlier ones.
    page.wait_for_function(_IN_DRAFT, arg=f"draft-{draft}", timeout=5000)
    expect(page.locator(f"#draft-{draft} h2")).to_be_focused()
    expect(page.locator(f"#draft-{draft} h2")).to_contain_text("rejected")


def test_approve_lands_on_the_draft_it_sent(page: Page, world: tuple[str, Store]) -> None:
    url, store = world
    case, draft = _case_with_draft(store)
    login(page, url, "agent")
    page.goto(f"{url}/cases/{case}")
    _press(page, draft, "Approve and send")
    expect(page.locator("#notice")).to_be_visible()
    page.wait_for_function(_IN_DRAFT, arg=f"draft-{draft}", timeout=5000)
