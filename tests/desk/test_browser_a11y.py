"""The queue with a keyboard only and a screen reader in Chromium: a way past the header, focus
that follows the row chosen with j/k, buttons that say whose row they act on."""

from __future__ import annotations

import re
from datetime import timedelta

import sqlalchemy as sa
from playwright.sync_api import Page, expect

from mentiondesk.store import Store
from mentiondesk.tables import CASE
from tests.desk.browser import login
from tests.desk.seed import add


def test_the_first_tab_offers_a_way_past_the_header(page: Page, world: tuple[str, Store]) -> None:
    url, _ = world
    login(page, url, "agent")
    skip = page.get_by_role("link", name="Skip to the content")
    assert skip.bounding_box()["y"] < 0  # type: ignore[index]  # hidden until reached
    page.keyboard.press("Tab")
    expect(skip).to_be_focused()
    assert skip.bounding_box()["y"] >= 0  # type: ignore[index]
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()  # Tab's start moves with it
    page.keyboard.press("Tab")  # from the content on: the filters, not the menu
    expect(page.locator("main select[name=view]")).to_be_focused()


def test_the_row_chosen_with_j_takes_focus_so_tab_goes_on_from_it(
    page: Page, world: tuple[str, Store]
) -> None:
    url, _ = world
    login(page, url, "agent")
    rows = page.locator("#queue > .item")
    page.keyboard.press("j")
    page.keyboard.press("j")
    expect(rows.nth(1)).to_be_focused()
    page.keyboard.press("k")  # the keys still work from the focused row
    expect(rows.nth(0)).to_be_focused()
    expect(rows.nth(0)).to_have_attribute("aria-current", "true")
    page.keyboard.press("Tab")
    expect(rows.nth(0).locator(".case-link")).to_be_focused()


def test_the_one_key_shortcuts_can_be_turned_off_and_stay_off(
    page: Page, world: tuple[str, Store]
) -> None:
    url, _ = world
    login(page, url, "agent")
    rows = page.locator("#queue > .item")
    switch = page.get_by_label("One-key shortcuts")
    expect(switch).to_be_checked()
    switch.uncheck()
    page.evaluate("document.activeElement.blur()")  # off the switch: keys go to the page
    page.keyboard.press("j")
    expect(page.locator("#queue > .item.selected")).to_have_count(0)
    expect(page.locator(".filters .keys")).to_be_hidden()
    page.reload()  # this browser remembers
    expect(page.get_by_label("One-key shortcuts")).not_to_be_checked()
    page.keyboard.press("j")
    expect(page.locator("#queue > .item.selected")).to_have_count(0)
    page.get_by_label("One-key shortcuts").check()
    page.evaluate("document.activeElement.blur()")
    page.keyboard.press("j")
    expect(rows.nth(0)).to_be_focused()


def test_the_shortcut_switch_stays_where_keys_may_still_be_used(
    page: Page, world: tuple[str, Store]
) -> None:
    # A desktop zoomed to 200 % is 640 CSS pixels wide: the hint goes, not the switch.
    url, _ = world
    page.set_viewport_size({"width": 640, "height": 900})
    login(page, url, "agent")
    page.locator(".filter-box > summary").click()  # narrow: the filters fold, the switch too
    expect(page.get_by_label("One-key shortcuts")).to_be_visible()
    expect(page.locator(".filters .keys")).to_be_hidden()
    page.set_viewport_size({"width": 1280, "height": 900})
    switch, hint = (page.locator(s).bounding_box() for s in (".keys-switch", ".filters .keys"))
    assert switch and hint and abs(switch["y"] - hint["y"]) < 8  # one line, side by side


def test_each_rows_buttons_say_whose_row_they_act_on(page: Page, world: tuple[str, Store]) -> None:
    url, _ = world
    login(page, url, "agent")
    row = page.locator("#queue > .item").nth(2)
    number = row.locator(".case-link").inner_text()
    handle = row.locator(".handle").inner_text()
    for button in ("Approve", "Reject"):
        described = row.get_by_role("button", name=button)
        expect(described).to_have_accessible_description(f"{number} {handle}")
    expect(row.get_by_role("link", name="Open")).to_have_accessible_description(
        re.compile(re.escape(handle))
    )


def test_going_over_the_limit_is_said_once_not_the_count_at_every_key(
    page: Page, world: tuple[str, Store]
) -> None:
    url, store = world
    _, case, _ = add(store, "Count-me: broken lamp", platform="bluesky", draft_kind="public")
    login(page, url, "agent")
    page.goto(f"{url}/cases/{case}")
    panel = page.locator(".draft-panel")
    expect(panel.locator("[aria-live], [role=status]")).to_have_count(1)  # not the count
    said = panel.get_by_role("status")
    box = page.get_by_label("Reply text")
    box.fill("Thanks!")
    expect(said).to_have_text("")
    box.fill("x" * 301)
    expect(said).to_have_text("Longer than the platform allows: shorten it first")
    box.fill("x" * 300)
    expect(said).to_have_text("")


def test_a_waits_urgency_is_in_words_not_only_in_colour(
    page: Page, world: tuple[str, Store]
) -> None:
    url, store = world
    _, late, _ = add(store, "Urgent-me: days late", ago=timedelta(days=2))
    _, fresh, _ = add(store, "Urgent-me: just now", ago=timedelta(seconds=5))
    login(page, url, "agent")
    for case, words in [(late, "past the target"), (fresh, "")]:
        page.goto(f"{url}/cases/{case}")
        expect(page.locator("h1 .timer-urgency")).to_have_text(words)
        mark = "e => getComputedStyle(e, '::before').content"
        assert (page.locator("h1 .timer").evaluate(mark) != "none") is (case == late)
    page.goto(f"{url}/lang/pt-BR?next=/cases/{late}")
    expect(page.locator("h1 .timer-urgency")).to_have_text("fora do prazo")


def test_links_in_running_text_are_underlined_not_only_blue(
    page: Page, world: tuple[str, Store]
) -> None:
    url, store = world
    _, first, _ = add(store, "Underline-me: where is it", handle="ulla", ago=timedelta(days=1))
    with store.engine.begin() as conn:  # resolved: the next complaint opens a case of its own
        conn.execute(sa.update(CASE).where(CASE.c.id == first).values(status="resolved"))
    _, case, _ = add(store, "Underline-me again: still waiting", handle="ulla")
    login(page, url, "agent")
    page.goto(f"{url}/cases/{case}")
    line = "e => getComputedStyle(e).textDecorationLine"
    past = page.locator("ul.plain a", has_text="MD-")  # the author's earlier case, in a list
    expect(past).to_have_count(1)
    assert past.evaluate(line) == "underline"
    # Links in grey text (a case page's "view on X", a draft's "another mention") too.
    page.evaluate(
        """() => document.querySelector('main').insertAdjacentHTML('beforeend',
        '<div class="author-line"><a id="t1" href="#">v</a></div>'
        + '<small class="muted"><a id="t2" href="#">m</a></small>')"""
    )
    assert page.locator("#t1").evaluate(line) == page.locator("#t2").evaluate(line) == "underline"
    assert page.locator(".crumbs a").evaluate(line) == "none"  # a menu's link, on its own
    assert page.locator(".top nav a").first.evaluate(line) == "none"
