"""Keyboard steps the desk's focus tests share (a screen-reader user, no mouse): pressing a
control by focusing it and pressing Enter, and where focus is once the next page has loaded."""

from __future__ import annotations

from playwright.sync_api import Locator, Page

from mentiondesk.store import Store
from tests.desk.browser import login
from tests.desk.seed import add

# Whether focus is inside the element of the given id.
IN_ID = "(id) => !!document.activeElement && !!document.activeElement.closest('#' + id)"


def press(page: Page, control: Locator) -> None:
    """Move to `control` and press Enter, as the keyboard does, accepting any confirm."""
    page.once("dialog", lambda dialog: dialog.accept())
    control.focus()
    page.keyboard.press("Enter")


def wait_focus_in(page: Page, element_id: str) -> None:
    """Wait until the page that loaded has put focus inside #`element_id`."""
    page.wait_for_function(IN_ID, arg=element_id, timeout=5000)


def case_with_draft(store: Store) -> tuple[int, int]:
    """A case with one pending draft: the case's and the draft's ids."""
    _, case, draft = add(store, "Where is my order?", draft="Sorry, {name}: DM us?")
    assert case is not None and draft is not None
    return case, draft


def open_case_as_agent(page: Page, url: str, store: Store) -> int:
    """Sign in as the agent and open a new case with a pending draft; the draft's id."""
    case, draft = case_with_draft(store)
    login(page, url, "agent")
    page.goto(f"{url}/cases/{case}")
    return draft


def press_draft_button(page: Page, draft: int, button: str) -> None:
    """Tab to the draft's `button` from its box and press it with the keyboard."""
    panel = page.locator(f"#draft-{draft}")
    panel.get_by_role("textbox", name="Reply text").focus()
    press(page, panel.get_by_role("button", name=button))
