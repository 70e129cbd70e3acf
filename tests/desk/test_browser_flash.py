"""In Chromium: what an action says is said once (web/flash.py). Reloading the page it landed on
shows the page as it is, and a refused saved reply's form, a refused Add a person and the
page saying a colleague changed a saved reply meanwhile come back by a GET, so a reload
resends nothing."""

from __future__ import annotations

import re

from playwright.sync_api import Page, Request, expect

from mentiondesk import saved_desk
from mentiondesk.saved_replies import check_reply
from mentiondesk.store import Store
from tests.desk.browser import login
from tests.desk.seed import add


def test_approve_says_so_once(page: Page, world: tuple[str, Store]) -> None:
    url, store = world
    _, case, _ = add(store, "Flash-me: parcel lost", priority=50, draft="We are on it, Ana.")
    login(page, url, "agent")
    page.goto(f"{url}/cases/{case}")
    page.get_by_role("button", name="Approve and send").click()
    notice = page.get_by_role("status").filter(has_text="Reply approved: it is on its way.")
    expect(notice).to_be_visible()
    assert page.url == f"{url}/cases/{case}"  # nothing said in the address
    page.reload()
    # The world's outbox may have delivered it by now: "sent" then.
    expect(page.locator(".draft-panel .status").first).to_have_text(
        re.compile(r"^(approved|sent)$")
    )
    expect(page.locator("#notice")).to_have_count(0)
    page.go_back()  # the page before the approval, loaded again: says nothing either
    expect(page.locator("#notice")).to_have_count(0)


def test_a_refused_saved_reply_reloads_without_resending(
    page: Page, world: tuple[str, Store]
) -> None:
    """The form comes back as typed, the field marked and focused; a reload is a GET (no
    resend prompt, nothing posted) and shows the form afresh: the refusal was said once."""
    url, _ = world
    login(page, url, "manager")
    page.goto(f"{url}/saved-replies")
    form = page.locator("form", has=page.get_by_role("button", name="Add"))
    form.get_by_label("Short name, for links").fill("flash")
    form.get_by_label("Title (what agents choose from").fill("Flash")
    form.get_by_label("Text").fill("Hi {{ nme }}")
    form.get_by_role("button", name="Add").click()
    text = page.locator("#saved-text")
    expect(page.get_by_role("alert")).to_contain_text("Nothing was saved")
    expect(text).to_have_value("Hi {{ nme }}")
    expect(text).to_have_attribute("aria-invalid", "true")
    expect(text).to_be_focused()
    assert page.url == f"{url}/saved-replies"
    sent: list[Request] = []
    page.on("request", lambda request: sent.append(request))
    page.reload()
    assert [r.method for r in sent if r.resource_type == "document"] == ["GET"]
    expect(page.get_by_role("alert")).to_have_count(0)
    expect(text).to_have_value("")  # cleanly reset: the refusal was said once
    expect(text).not_to_have_attribute("aria-invalid", "true")


def _reload_gets(page: Page) -> None:
    """Reload the page, asserting the browser sent one GET (no form resent)."""
    sent: list[Request] = []
    page.on("request", lambda request: sent.append(request))
    page.reload()
    assert [r.method for r in sent if r.resource_type == "document"] == ["GET"]


def test_a_refused_person_reloads_without_resending(page: Page, world: tuple[str, Store]) -> None:
    """The refusal after the redirect names, marks and focuses the field, the name and role
    as typed, the password empty; a reload shows the form afresh."""
    url, _ = world
    login(page, url, "admin")
    page.goto(f"{url}/people")
    page.locator("#person-new-name").fill("AGENT")
    page.locator("#person-new-role").select_option("manager")
    page.locator("#person-new-password").fill("a-long-secret-here")
    page.get_by_role("button", name="Add", exact=True).click()
    name = page.locator("#person-new-name")
    expect(page.get_by_role("alert")).to_contain_text("That name is taken by agent")
    expect(name).to_have_attribute("aria-invalid", "true")
    expect(name).to_have_attribute("aria-describedby", "person-refusal")
    expect(name).to_be_focused()
    expect(name).to_have_value("AGENT")
    expect(page.locator("#person-new-role")).to_have_value("manager")
    expect(page.locator("#person-new-password")).to_have_value("")
    assert page.url == f"{url}/people"
    _reload_gets(page)
    expect(page.locator("#person-refusal")).to_have_count(0)
    expect(name).to_have_value("")
    expect(name).not_to_have_attribute("aria-invalid", "true")


def test_a_save_over_their_change_reloads_without_resending(
    page: Page, world: tuple[str, Store]
) -> None:
    """Their version beside the typed text, after the redirect; a reload shows the reply as
    it stands, the notice said once."""
    url, store = world
    values = {"id": "clash", "title": "Clash", "lang": "en", "kind": "", "text": "First"}
    saved_desk.add_reply(store, check_reply(values)[0], by="admin", reserved=frozenset())
    login(page, url, "manager")
    page.goto(f"{url}/saved-replies/clash")
    seen = page.locator('input[name="seen"]').get_attribute("value") or ""
    theirs = check_reply({**values, "text": "Theirs"})[0]
    saved_desk.edit_reply(store, theirs, seen=seen, by="admin")
    text = page.locator("#saved-text")
    text.fill("Mine, typed over the first")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("alert")).to_contain_text("Someone changed this saved reply")
    expect(page.locator("pre.theirs")).to_have_text("Theirs")
    expect(text).to_have_value("Mine, typed over the first")
    assert page.url == f"{url}/saved-replies/clash"
    _reload_gets(page)
    expect(page.locator(".saved-changed")).to_have_count(0)
    expect(text).to_have_value("Theirs")
