"""The desk on a phone (390 CSS pixels wide, in Chromium): nothing wider than the screen, no
name broken across lines, the first case on the first screen."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from datetime import timedelta

import pytest
from playwright.sync_api import Locator, Page, expect

from mentiondesk.store import Store
from mentiondesk.web.users import Role
from tests.desk.browser import TEXT_LINES, login, saved_replies_desk, shot
from tests.desk.seed import add

WIDTH, HEIGHT = 390, 844  # the phone fixture's viewport
LONG_HANDLE = "won_back_by_an_author_whose_handle_goes_on_and_on_" * 2


def _right_edge(page: Page, selector: str) -> float:
    return float(page.locator(selector).first.evaluate("e => e.getBoundingClientRect().right"))


def _lines(element: Locator) -> int:
    return int(element.evaluate(TEXT_LINES))


def test_every_page_fits_the_width_of_a_phone(phone: Page, world: tuple[str, Store]) -> None:
    url, _ = world
    login(phone, url, "admin")  # the admin's header is the fullest: four links and Log out
    for path in ("/queue", "/dashboard", "/playbooks", "/people"):
        phone.goto(url + path)
        assert phone.evaluate("document.documentElement.scrollWidth") <= WIDTH, path
        bar = phone.locator("header.top").bounding_box()
        for name in ("Log out", "Log out everywhere"):
            logout = phone.get_by_role("button", name=name, exact=True).bounding_box()
            assert logout and bar
            assert logout["x"] + logout["width"] <= bar["x"] + bar["width"], (path, name)
            assert logout["y"] + logout["height"] <= bar["y"] + bar["height"], (path, name)


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
    expect(phone.locator("#queue > .item[aria-current]")).to_have_count(0)  # none chosen yet
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
    for chart in phone.locator(".chart").all():  # the daily chart, the last 24 hours'
        spans = sorted(chart.locator(".tick[text-anchor=middle]").evaluate_all(_X_LABELS))
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


def test_every_person_and_their_buttons_show_on_a_phone(
    phone: Page, world: tuple[str, Store]
) -> None:
    """People stacks each person's cells as Playbooks does: the last login and the Disable and
    Reset password buttons are on screen, not past the edge of a table scrolled sideways."""
    url, _ = world
    login(phone, url, "admin")
    phone.goto(f"{url}/people")
    agent = phone.locator("table.people tbody tr", has_text="agent").first
    buttons = [agent.get_by_role("button", name=n) for n in ("Disable", "Reset password")]
    last = agent.locator("td[data-head]").last
    for cell in (*buttons, last):
        expect(cell).to_be_visible()
        box = cell.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= WIDTH
    assert last.evaluate("e => getComputedStyle(e, '::before').content") == '"Last login"'
    shot(phone, "phone-people")


def test_the_first_case_is_on_the_first_screen(phone: Page, world: tuple[str, Store]) -> None:
    """Four counters and seven filters used to push it below the fold: the counters are small,
    two to a row, and the filters fold behind "Filters", which a key opens."""
    url, _ = world
    login(phone, url, "agent")
    first = phone.locator("#queue > .item").first.bounding_box()
    assert first and first["y"] <= HEIGHT / 3, first
    tops = phone.locator(".kpis .kpi").evaluate_all("els => els.map(e => e.offsetTop)")
    assert len(tops) == 4 and len(set(tops)) == 2, tops  # two rows of two
    platform = phone.locator("select[name=platform]")
    expect(platform).to_be_hidden()
    phone.get_by_text("Filters", exact=True).focus()
    phone.keyboard.press("Enter")
    expect(platform).to_be_visible()
    expect(phone.locator("#queue > .item[aria-current]")).to_have_count(0)
    assert phone.url == f"{url}/queue"  # Enter opened the filters, not a case


def test_the_filters_are_open_on_a_desktop(page: Page, world: tuple[str, Store]) -> None:
    url, _ = world
    login(page, url, "agent")
    expect(page.locator("select[name=platform]")).to_be_visible()
    expect(page.locator(".filter-box > summary")).to_be_hidden()
    page.get_by_role("button", name="Filter").focus()
    expect(page.get_by_role("button", name="Filter")).to_be_focused()


def test_a_handle_is_never_broken_across_lines(phone: Page, world: tuple[str, Store]) -> None:
    """ "gadgetgeeku / k" in the Won back table: a handle keeps to one line (a long one ends in
    "…"), there, in the queue and on the case page."""
    url, store = world
    add(store, "late again", handle="gadgetgeekuk", ago=timedelta(days=2))
    add(store, "sorted, thanks", handle="gadgetgeekuk", label="positive", case=False, draft=None)
    long = "a_handle_long_enough_to_fill_the_screen_" * 2
    _, case, _ = add(store, "late again", handle=long, priority=99, ago=timedelta(days=2))
    add(store, "sorted now", handle=long, label="positive", case=False, draft=None)
    login(phone, url, "manager")
    phone.goto(f"{url}/dashboard")
    cells = phone.locator(".won-back tbody td:first-child")
    expect(cells.filter(has_text="gadgetgeekuk")).to_have_count(1)
    assert cells.count() >= 2
    assert all(_lines(cell) == 1 for cell in cells.all()), cells.all_inner_texts()
    # In Portuguese the date ("04/12/2026 21:53 UTC") breaks at no hyphen: the table still
    # fits its panel, the date not cut off behind a sideways scroll.
    phone.goto(f"{url}/lang/pt-PT?next=/dashboard")
    table = phone.locator(".won-back")
    fits = "e => e.scrollWidth <= e.parentElement.clientWidth + 1"
    assert table.evaluate(fits), table.evaluate("e => [e.scrollWidth, e.parentElement.clientWidth]")
    phone.goto(f"{url}/lang/en?next=/queue")
    handle = phone.locator("#queue .handle", has_text=long)
    assert _lines(handle) == 1
    item = phone.locator("#queue > .item", has=phone.locator(".handle", has_text=long))
    assert item.evaluate("e => e.getBoundingClientRect().right") <= WIDTH
    phone.goto(f"{url}/cases/{case}")
    assert _lines(phone.locator(".author-line .handle")) == 1


def test_a_drafts_rule_keeps_to_one_line(phone: Page, world: tuple[str, Store]) -> None:
    """ "rule / urgent-complaint · en" broke after "rule": the tag moves to a line of its own
    (the language now in words)."""
    url, store = world
    _, case, _ = add(store, "third time asking", rule="urgent-complaint-escalation")
    login(phone, url, "agent")
    phone.goto(f"{url}/cases/{case}")
    tag = phone.locator(".draft-panel h2 small")
    expect(tag).to_have_text("rule: urgent-complaint-escalation · English")
    assert _lines(tag) == 1


def test_first_response_cards_explain_themselves_on_a_phone(
    phone: Page, world: tuple[str, Store]
) -> None:
    """A tooltip never shows on a phone: what each first-response figure means is on screen."""
    url, _ = world
    login(phone, url, "manager")
    phone.goto(f"{url}/dashboard")
    for figure, note in (("p50", "half of the answered cases"), ("p90", "only 1 in 10")):
        card = phone.locator(f".kpi:has(#dash-frt-{figure})")
        explained = card.locator(".kpi-note", has_text=note)
        expect(explained).to_be_visible()
        box, inside = explained.bounding_box(), card.bounding_box()
        assert box and inside and box["y"] + box["height"] <= inside["y"] + inside["height"]
    # The cases both figures count, once, under the two cards (it sat in the p90's only).
    counts = phone.locator("#dash-frt-counts").bounding_box()
    cards = [phone.locator(f".kpi:has(#dash-frt-{f})").bounding_box() for f in ("p50", "p90")]
    assert counts and all(c and counts["y"] >= c["y"] + c["height"] for c in cards), cards
    assert all(c and counts["x"] <= c["x"] + c["width"] / 2 for c in cards[:1])
    shot(phone, "phone-dashboard-first-response")


# A title as long as a team writes them: the picker's select is as wide as its longest option.
SAVED = """
[[replies]]
id = "order"
title = "Ask for the order number and the delivery address"
lang = "en"
text = "Sorry for the wait: can you DM us your order number?"
"""


@pytest.fixture(scope="module")
def saved_world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Store]]:
    """A desk with a saved reply (the case page's pickers), served for the module's browser."""
    folder = tmp_path_factory.mktemp("phone-saved")
    with saved_replies_desk(folder, SAVED, Role.MANAGER) as world:
        yield world


def test_a_case_page_fits_the_width_of_a_phone(phone: Page, saved_world: tuple[str, Store]) -> None:
    """The case page's one column is as wide as the screen, not as its widest content (a grid
    track of 1fr grows to a long saved reply's title in the picker); its buttons wrap."""
    url, store = saved_world
    _, case, _ = add(store, "Where is my parcel, day twelve", ago=timedelta(days=3, hours=21))
    login(phone, url, "manager")
    phone.goto(f"{url}/cases/{case}")
    expect(phone.get_by_label("Saved reply").first).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert _right_edge(phone, ".case-actions") <= WIDTH
    assert _lines(phone.locator("h1 .timer")) == 1
    shot(phone, "phone-case")


def test_a_wait_keeps_to_one_line_in_the_phone_queue(phone: Page, world: tuple[str, Store]) -> None:
    url, store = world
    add(store, "Waiting for days now", priority=97, ago=timedelta(days=3, hours=21))
    login(phone, url, "agent")
    timer = phone.locator("#queue > .item", has_text="Waiting for days now").locator(".timer")
    expect(timer).to_have_text("3d 21h")
    assert _lines(timer) == 1
