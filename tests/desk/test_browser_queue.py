"""The queue in Chromium: keyboard shortcuts next to focused controls, the selected row."""

from __future__ import annotations

import re

import sqlalchemy as sa
from playwright.sync_api import Dialog, Page, expect

from mentiondesk.store import Store
from mentiondesk.tables import DRAFT
from tests.desk.browser import login, shot
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
    expect(page.locator("#queue > .item[aria-current]")).to_have_count(0)
    page.keyboard.press("j")
    expect(rows.nth(0)).to_have_attribute("aria-current", "true")
    page.keyboard.press("j")
    expect(rows.nth(1)).to_have_attribute("aria-current", "true")
    expect(page.locator("#queue > .item[aria-current]")).to_have_count(1)


LONG_DRAFT = "A reply that goes on for a while, line after line. " * 14 + "Last words."


def test_a_clipped_draft_says_so_and_a_click_shows_it_before_approving(
    page: Page, world: tuple[str, Store]
) -> None:
    url, store = world
    add(store, "Short-draft complaint", priority=81, draft="Short")  # first in line
    add(store, "Long-draft complaint", priority=80, draft=LONG_DRAFT)
    login(page, url, "agent")
    row = page.locator("#queue > .item", has_text="Long-draft complaint")
    draft = row.locator(".draft")
    expect(draft).to_have_class(re.compile(r"\bclipped\b"))
    assert "more" in draft.evaluate("e => getComputedStyle(e, '::after').content")
    shot(page, "queue-clipped")
    row.get_by_role("button", name="Approve").click()  # shows the whole draft, sends nothing
    expect(row).to_have_attribute("aria-current", "true")
    expect(draft).not_to_have_class(re.compile(r"\bclipped\b"))
    assert draft.evaluate("e => e.scrollHeight <= e.clientHeight + 1") is True
    expect(page.locator(".notice")).to_have_count(0)
    # Said, or the first click seemed to have sent it.
    expect(page.locator("#keys-say")).to_have_text(
        "Nothing sent yet: read the whole draft, then Approve again"
    )
    row.get_by_role("button", name="Approve").click()
    expect(page.locator(".notice")).to_contain_text(": reply approved: it is on its way.")


def test_the_selected_row_shows_its_whole_draft_for_the_approve_key(
    page: Page, world: tuple[str, Store]
) -> None:
    url, store = world
    add(store, "Long-draft first in line", priority=100, draft=LONG_DRAFT)
    login(page, url, "agent")
    page.keyboard.press("j")
    selected = page.locator("#queue > .item.selected")
    expect(selected).to_contain_text("Long-draft first in line")
    assert selected.locator(".draft").evaluate("e => e.scrollHeight <= e.clientHeight + 1")
    expect(selected.locator(".draft")).to_contain_text("Last words.")
    page.once("dialog", lambda dialog: dialog.accept())  # the key asks first
    page.keyboard.press("a")
    expect(page.locator(".notice")).to_contain_text(": reply approved: it is on its way.")


def test_a_key_right_after_the_page_loads_approves_or_rejects_nothing(
    page: Page, world: tuple[str, Store]
) -> None:
    """A stray `a` or `r` before anyone chose a row sends no reply: nothing is selected yet."""
    url, store = world
    add(store, "Stray-key complaint", priority=120, draft="Not by accident")
    login(page, url, "agent")
    expect(page.locator("#queue > .item.selected")).to_have_count(0)
    page.keyboard.press("a")
    page.keyboard.press("r")
    page.keyboard.press("Enter")
    page.wait_for_timeout(300)  # give a wrongly handled key the time to submit or navigate
    expect(page).to_have_url(f"{url}/queue")
    expect(page.locator(".notice")).to_have_count(0)
    row = page.locator("#queue > .item", has_text="Stray-key complaint")
    expect(row.get_by_role("button", name="Approve")).to_have_count(1)
    page.keyboard.press("k")  # a deliberate choice: the first row, then `a` approves it
    expect(row).to_have_attribute("aria-current", "true")
    page.once("dialog", lambda dialog: dialog.accept())  # the key asks first
    page.keyboard.press("a")
    expect(page.locator(".notice")).to_contain_text(": reply approved: it is on its way.")


def test_after_a_key_the_row_now_in_its_place_is_chosen(
    page: Page, world: tuple[str, Store]
) -> None:
    """`a` reloads the queue without the row: the notice names its case, and the row that
    moved up into its place is chosen, so `j` goes on from there."""
    url, store = world
    _, first, _ = add(store, "Keyed-away complaint", priority=200, draft="One")
    add(store, "Moved-up complaint", priority=199, draft="Two")
    add(store, "Next-after complaint", priority=198, draft="Three")
    login(page, url, "agent")
    page.keyboard.press("j")
    page.once("dialog", lambda dialog: dialog.accept())  # the key asks first
    page.keyboard.press("a")
    approved = f"MD-{first:06d}: reply approved: it is on its way."
    expect(page.locator(".notice")).to_have_text(approved)
    chosen = page.locator("#queue > .item[aria-current]")
    expect(chosen).to_contain_text("Moved-up complaint")
    page.keyboard.press("j")
    expect(chosen).to_contain_text("Next-after complaint")
    page.reload()  # the place was for the page after the key, not every later one
    expect(chosen).to_have_count(0)


def _draft_status(store: Store, draft: int | None) -> str:
    with store.engine.connect() as conn:
        return str(conn.scalar(sa.select(DRAFT.c.status).where(DRAFT.c.id == draft)))


def test_the_approve_key_asks_first_naming_what_goes_where(
    page: Page, world: tuple[str, Store]
) -> None:
    """`a` is one key, easily pressed by mistake: like Reject it asks first, saying what it
    sends to whom; Cancel sends nothing, OK sends it. The Approve button does not ask."""
    url, store = world
    add(
        store,
        "Public-key complaint",
        priority=300,
        handle="pubkey",
        platform="bluesky",
        draft="A public answer",
        draft_kind="public",
    )
    _, _, private = add(
        store,
        "Private-key complaint",
        priority=299,
        handle="dmkey",
        draft="A private answer",
        draft_kind="private",
    )
    login(page, url, "agent")
    asked: list[str] = []
    answer = {"now": "dismiss"}

    def reply(dialog: Dialog) -> None:
        asked.append(dialog.message)
        dialog.accept() if answer["now"] == "accept" else dialog.dismiss()

    page.on("dialog", reply)
    page.keyboard.press("j")
    page.keyboard.press("a")
    expect(page.locator("#queue > .item", has_text="Public-key complaint")).to_have_count(1)
    assert asked == ["Approve and send this public reply to pubkey on Bluesky now?"]
    page.keyboard.press("j")
    row = page.locator("#queue > .item", has_text="Private-key complaint")
    expect(row).to_have_attribute("aria-current", "true")
    page.keyboard.press("a")
    expect(row).to_have_count(1)
    assert asked[1:] == ["Approve and send this private message to dmkey on X now?"]
    assert _draft_status(store, private) == "pending"  # Cancel: nothing sent
    expect(page).to_have_url(f"{url}/queue")
    answer["now"] = "accept"
    page.keyboard.press("a")
    expect(page.locator(".notice")).to_contain_text(": reply approved: it is on its way.")
    assert len(asked) == 3 and _draft_status(store, private) == "approved"
