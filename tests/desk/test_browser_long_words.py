"""One long word (a URL, a code, a keyboard mash) in what people type stays within the screen,
in Chromium: it breaks across lines instead of widening the page past the viewport and
pushing the links and buttons beside it off screen."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page

from mentiondesk import saved_desk
from mentiondesk.saved_replies import SavedReply
from mentiondesk.store import Store
from mentiondesk.web.users import Role
from tests.desk.browser import login, saved_replies_desk
from tests.desk.seed import add

WORD = "x" * 150
SAVED = """
[[replies]]
id = "file-one"
title = "From the file"
lang = "en"
text = "Thanks for writing."
"""
SIZES = [(1366, 800), (390, 844)]


@pytest.fixture(scope="module")
def saved_world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Store]]:
    """A desk with a saved reply made in the desk whose title and text hold one long word."""
    folder = tmp_path_factory.mktemp("long")
    with saved_replies_desk(folder, SAVED, Role.AGENT, Role.MANAGER) as (url, store):
        reply = SavedReply(id="long", title=f"T{WORD[:110]}", lang="en", text=f"Hi {WORD} there")
        saved_desk.add_reply(store, reply, by="manager", reserved=["file-one"])
        yield url, store


def sized(browser: Browser, width: int, height: int) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": width, "height": height})
    yield context.new_page()
    context.close()


def assert_within(page: Page, width: int) -> None:
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= width, f"the page is {scroll} px wide at {width}"


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_a_long_word_in_a_saved_reply_keeps_the_page_within_the_screen(
    browser: Browser, saved_world: tuple[str, Store], width: int, height: int
) -> None:
    url, _ = saved_world
    for page in sized(browser, width, height):
        login(page, url, "manager")
        for path in ("/saved-replies", "/saved-replies/long", "/saved-replies/long/delete"):
            page.goto(url + path)
            assert_within(page, width)
        page.goto(f"{url}/saved-replies")
        for link in ("Edit", "Delete"):
            box = page.locator("#saved-reply-long").get_by_role("link", name=link).bounding_box()
            assert box and box["x"] + box["width"] <= width, (link, box)
        form = page.locator(".saved-form").bounding_box()
        assert form and form["x"] + form["width"] <= width, form


# Each element's right edge and the right edge of the panel it sits in.
_EDGES = """els => els.map(e => [e.getBoundingClientRect().right,
    e.closest('.panel').getBoundingClientRect().right])"""


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_a_long_author_name_and_handle_stay_within_the_case_page(
    browser: Browser, saved_world: tuple[str, Store], width: int, height: int
) -> None:
    url, store = saved_world
    _, case, _ = add(store, "Help", handle="h" * 120, name="N" * 120)
    # Another, on the do-not-contact list: its words and Allow contact again button instead.
    _, listed, _ = add(store, "Stop messaging me", handle="d" * 120, name="M" * 120, opt_out=True)
    for page in sized(browser, width, height):
        login(page, url, "manager")
        for number in (case, listed):
            page.goto(f"{url}/cases/{number}")
            assert_within(page, width)
            assert page.locator(".dnc-identity").count() == (number == listed)
            edges = page.locator(
                ".author-name, .col-side button, .case-panel button, .author-dnc button,"
                " .dnc-identity"
            ).evaluate_all(_EDGES)
            assert all(mine <= panel for mine, panel in edges), edges
