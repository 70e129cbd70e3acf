"""The desk on a phone (390 CSS pixels wide, in Chromium): nothing wider than the screen."""

from __future__ import annotations

import itertools
from datetime import timedelta

from playwright.sync_api import Page, expect

from mentiondesk.store import Store
from tests.desk.browser import login, shot
from tests.desk.seed import add

WIDTH = 390  # the phone fixture's viewport
LONG_HANDLE = "won_back_by_an_author_whose_handle_goes_on_and_on_" * 2


def _right_edge(page: Page, selector: str) -> float:
    return float(page.locator(selector).first.evaluate("e => e.getBoundingClientRect().right"))


def test_every_page_fits_the_width_of_a_phone(phone: Page, world: tuple[str, Store]) -> None:
    url, _ = world
    login(phone, url, "admin")  # the admin's header is the fullest: four links and Log out
    for path in ("/queue", "/dashboard", "/playbooks", "/people"):
        phone.goto(url + path)
        assert phone.evaluate("document.documentElement.scrollWidth") <= WIDTH, path
        logout = phone.get_by_role("button", name="Log out").bounding_box()
        bar = phone.locator("header.top").bounding_box()
        assert logout and bar
        assert logout["x"] + logout["width"] <= bar["x"] + bar["width"], path
        assert logout["y"] + logout["height"] <= bar["y"] + bar["height"], path


def test_the_won_back_table_stays_in_its_panel(phone: Page, world: tuple[str, Store]) -> None:
    url, store = world
    add(store, "late again", handle=LONG_HANDLE, ago=timedelta(days=3))
    add(store, "love it now", handle=LONG_HANDLE, label="positive", case=False, draft=None)
    login(phone, url, "manager")
    phone.goto(f"{url}/dashboard")
    expect(phone.locator(".won-back")).to_contain_text(LONG_HANDLE)
    assert _right_edge(phone, ".won-back") <= _right_edge(phone, ".panel:has(.won-back)")
    shot(phone, "phone-dashboard")


def test_the_queue_opens_at_the_top(phone: Page, world: tuple[str, Store]) -> None:
    url, _ = world
    login(phone, url, "agent")
    expect(phone.locator("#queue > .item").first).to_have_attribute("aria-current", "true")
    assert phone.evaluate("window.scrollY") == 0
    shot(phone, "phone-queue")


# Each label's size on screen in CSS pixels: an SVG label's font size times the SVG's scale.
_LABEL_PX = """els => els.filter(e => getComputedStyle(e).display !== 'none').map(e =>
    parseFloat(getComputedStyle(e).fontSize) * (e.getScreenCTM ? e.getScreenCTM().a : 1))"""
_X_LABELS = """els => els.filter(e => getComputedStyle(e).display !== 'none')
    .map(e => [e.getBoundingClientRect().left, e.getBoundingClientRect().right])"""


def test_dashboard_labels_are_legible_on_a_phone(phone: Page, world: tuple[str, Store]) -> None:
    url, _ = world
    login(phone, url, "manager")
    phone.goto(f"{url}/dashboard")
    labels = phone.locator(".chart .tick, .hbars .hlabel, .hbars .hvalue")
    sizes = labels.evaluate_all(_LABEL_PX)
    assert len(sizes) > 10
    assert min(sizes) >= 10, sizes
    spans = sorted(phone.locator(".chart .tick[text-anchor=middle]").evaluate_all(_X_LABELS))
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans)), spans  # none overlap


def test_every_rule_shows_what_it_does_on_a_phone(phone: Page, world: tuple[str, Store]) -> None:
    """The Playbooks table stacks each rule's cells: "Then" and the week's count are on screen,
    each under its heading, not past the right edge of a table scrolled sideways."""
    url, _ = world
    login(phone, url, "manager")
    phone.goto(f"{url}/playbooks")
    complaint = phone.locator("table.rules tr", has_text="urgent-complaint")
    action = complaint.get_by_text("escalate to the help desk")
    expect(action).to_be_visible()
    fired = complaint.locator("td.fired")
    for cell in (action, fired):
        box = cell.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= WIDTH
    heading = fired.evaluate("e => getComputedStyle(e, '::before').content")
    assert heading == '"Fired in the last 7 days"'
    shot(phone, "phone-playbooks")
