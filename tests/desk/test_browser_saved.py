"""A saved reply picked in Chromium fills the Reply now box at once: no page load, nothing sent."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Dialog, Page, expect

from mentiondesk.store import Store
from mentiondesk.web.users import Role
from tests.desk.browser import login, saved_replies_desk
from tests.desk.seed import add

SAVED = """
[[replies]]
id = "wait"
title = "Sorry for the wait"
lang = "en"
text = "Sorry for the wait, {{ full_name }}: can you DM us your order number?"
"""


@pytest.fixture(scope="module")
def saved_world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Store]]:
    """A desk with one saved reply, served for the module's browser; its URL and store."""
    folder = tmp_path_factory.mktemp("saved")
    with saved_replies_desk(folder, SAVED, Role.AGENT, Role.MANAGER) as world:
        yield world


def test_picking_fills_the_reply_box_without_a_page_load(
    page: Page, saved_world: tuple[str, Store]
) -> None:
    url, store = saved_world
    _, case, _ = add(store, "Still waiting", name="<b>Bia</b>", draft=None)
    login(page, url, "agent")
    page.goto(f"{url}/cases/{case}")
    page.evaluate("window.stillHere = true")  # gone if the page loads again
    form = page.locator("#write-reply")
    form.get_by_label("Saved reply").select_option("wait")
    text = "Sorry for the wait, <b>Bia</b>: can you DM us your order number?"
    expect(form.get_by_label("Your reply")).to_have_value(text)
    expect(form.locator(".count-n")).to_have_text(str(len(text)))
    assert page.evaluate("window.stillHere") is True
    assert page.url == f"{url}/cases/{case}"


def _typed_then_picked(page: Page, url: str, store: Store, answer: str) -> tuple[str, list[str]]:
    """Type into the Reply now box, pick the saved reply, answer the question; the box after
    it and the questions asked."""
    _, case, _ = add(store, "Any news?", name="Bia Lima", draft=None)
    login(page, url, "agent")
    page.goto(f"{url}/cases/{case}")
    asked: list[str] = []

    def reply(dialog: Dialog) -> None:
        asked.append(dialog.message)
        dialog.accept() if answer == "accept" else dialog.dismiss()

    page.on("dialog", reply)
    form = page.locator("#write-reply")
    form.get_by_label("Your reply").fill("My own words")
    form.get_by_label("Saved reply").select_option("wait")
    return form.get_by_label("Your reply").input_value(), asked


def test_picking_over_typed_text_asks_and_no_keeps_it(
    page: Page, saved_world: tuple[str, Store]
) -> None:
    url, store = saved_world
    box, asked = _typed_then_picked(page, url, store, "dismiss")
    assert asked == ["Replace the text you wrote with this saved reply?"]
    assert box == "My own words"


def test_picking_over_typed_text_asks_and_yes_replaces_it_undoably(
    page: Page, saved_world: tuple[str, Store]
) -> None:
    url, store = saved_world
    box, asked = _typed_then_picked(page, url, store, "accept")
    assert (
        len(asked) == 1 and box == "Sorry for the wait, Bia Lima: can you DM us your order number?"
    )
    area = page.locator("#write-reply").get_by_label("Your reply")
    area.press("Control+z")  # inserted as typing is: undo brings the agent's text back
    expect(area).to_have_value("My own words")


def test_arrowing_through_the_list_waits_for_enter(
    page: Page, saved_world: tuple[str, Store]
) -> None:
    url, store = saved_world
    _, case, _ = add(store, "Hello?", name="Bia Lima", draft=None)
    login(page, url, "agent")
    page.goto(f"{url}/cases/{case}")
    asked: list[str] = []
    page.on("dialog", lambda dialog: asked.append(dialog.message) or dialog.dismiss())
    form = page.locator("#write-reply")
    picker = form.get_by_label("Saved reply")
    picker.focus()
    picker.press("ArrowDown")
    expect(picker).to_have_value("wait")
    expect(form.get_by_label("Your reply")).to_have_value("")
    picker.press("Enter")
    expect(form.get_by_label("Your reply")).to_have_value(
        "Sorry for the wait, Bia Lima: can you DM us your order number?"
    )
    assert asked == [] and page.url == f"{url}/cases/{case}"


def test_a_draft_as_stored_is_replaced_without_asking(
    page: Page, saved_world: tuple[str, Store]
) -> None:
    url, store = saved_world
    _, case, draft = add(store, "Broken", name="Bia Lima", draft="Stored draft text")
    login(page, url, "agent")
    page.goto(f"{url}/cases/{case}")
    asked: list[str] = []
    page.on("dialog", lambda dialog: asked.append(dialog.message) or dialog.dismiss())
    section = page.locator(f"#draft-{draft}")
    section.get_by_label("Saved reply").select_option("wait")
    expect(section.get_by_label("Reply text")).to_have_value(
        "Sorry for the wait, Bia Lima: can you DM us your order number?"
    )
    assert asked == []  # the stored draft is not lost: nothing to ask


def _chosen_in_opened_list(page: Page, url: str, store: Store, opener: str, typed: str) -> Page:
    """On a new case, type into the Reply now box, open the picker's list with a key and
    choose the saved reply in it with ArrowDown and Enter (keys the popup takes)."""
    _, case, _ = add(store, "Hello?", name="Bia Lima", draft=None)
    login(page, url, "agent")
    page.goto(f"{url}/cases/{case}")
    form = page.locator("#write-reply")
    if typed:
        form.get_by_label("Your reply").fill(typed)
    picker = form.get_by_label("Saved reply")
    picker.focus()
    picker.press(opener)
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(picker).to_have_value("wait")
    return page


@pytest.mark.parametrize("opener", ["Alt+ArrowDown", "F4", "Space"])
def test_choosing_in_a_list_opened_by_key_fills_the_box(
    page: Page, saved_world: tuple[str, Store], opener: str
) -> None:
    url, store = saved_world
    asked: list[str] = []
    page.on("dialog", lambda dialog: asked.append(dialog.message) or dialog.dismiss())
    _chosen_in_opened_list(page, url, store, opener, typed="")
    expect(page.locator("#write-reply").get_by_label("Your reply")).to_have_value(
        "Sorry for the wait, Bia Lima: can you DM us your order number?"
    )
    assert asked == []


def test_choosing_in_an_opened_list_over_typed_text_still_asks(
    page: Page, saved_world: tuple[str, Store]
) -> None:
    url, store = saved_world
    asked: list[str] = []
    page.on("dialog", lambda dialog: asked.append(dialog.message) or dialog.dismiss())
    with page.expect_event("dialog"):
        _chosen_in_opened_list(page, url, store, "F4", typed="My own words")
    expect(page.locator("#write-reply").get_by_label("Your reply")).to_have_value("My own words")
    assert asked == ["Replace the text you wrote with this saved reply?"]


def test_a_reply_a_manager_adds_is_offered_at_once(
    page: Page, saved_world: tuple[str, Store]
) -> None:
    url, store = saved_world
    _, case, _ = add(store, "Hello?", name="Bia Lima", draft=None)
    login(page, url, "manager")
    page.get_by_role("link", name="Saved replies").click()
    page.get_by_label("Short name, for links").fill("thanks")
    page.get_by_label("Title (what agents choose from").fill("Thanks")
    page.get_by_label("Text", exact=True).fill("Thanks, {{ full_name }}!")
    page.get_by_role("button", name="Add", exact=True).click()
    expect(page.locator(".notice")).to_contain_text("Saved reply added")
    page.goto(f"{url}/cases/{case}")
    form = page.locator("#write-reply")
    form.get_by_label("Saved reply").select_option("thanks")
    expect(form.get_by_label("Your reply")).to_have_value("Thanks, Bia Lima!")
