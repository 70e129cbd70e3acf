"""A blind admin's review in Chromium, with the accessibility tree as the oracle: the new
password after Reset password is said (not left silent in the page), a saved reply's text is
read in its own language, a reply named like a form field does not take that field's id, and
a case's two drafts (a public reply, a private message) have boxes and buttons that say which,
and an empty note is stopped at its box, focus kept there."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from mentiondesk.store import Store
from mentiondesk.web.users import Role, add_user
from tests.desk.browser import login
from tests.desk.seed import PASSWORD, add

# What live regions are given after the page has loaded (a screen reader says only that).
SAID = """document.addEventListener("DOMContentLoaded", () => {
  window.said = [];
  new MutationObserver((changes) => changes.forEach((change) => {
    const region = change.target.closest && change.target.closest("[role=status], [role=alert]");
    if (region && region.textContent.trim()) window.said.push(region.textContent);
  })).observe(document.body, { subtree: true, childList: true, characterData: true });
});"""

DUPLICATE_IDS = """() => {
  const seen = {};
  document.querySelectorAll("[id]").forEach((el) => { seen[el.id] = (seen[el.id] || 0) + 1; });
  return Object.keys(seen).filter((id) => seen[id] > 1);
}"""


def test_a_new_password_is_said_once_the_page_has_loaded(
    page: Page, world: tuple[str, Store]
) -> None:
    url, store = world
    add_user(store, "bia", role=Role.AGENT, password=PASSWORD, by="test")
    login(page, url, "admin")
    page.goto(f"{url}/people")
    page.add_init_script(SAID)
    page.on("dialog", lambda dialog: dialog.accept())  # "Give bia a new password?"
    row = page.get_by_role("row").filter(has_text="bia")
    row.get_by_role("button", name="Reset password").click()
    panel = page.get_by_role("status").filter(has_text="New password for bia")
    expect(panel).to_be_visible()
    password = panel.locator("code.new-password").inner_text()
    page.wait_for_function("() => window.said && window.said.some((t) => t.includes('bia'))")
    said = page.evaluate("window.said.join(' ')")
    assert "New password for bia" in said and password in said


def _add_saved_reply(page: Page, url: str, name: str, lang: str, text: str) -> None:
    page.goto(f"{url}/saved-replies")
    page.get_by_label("Short name", exact=False).fill(name)
    page.get_by_label("Title (what agents", exact=False).fill(name.title())
    page.get_by_label("Language (en", exact=False).fill(lang)
    page.get_by_role("textbox", name="Text", exact=True).fill(text)
    page.get_by_role("button", name="Add", exact=True).click()
    expect(page.locator("#notice")).to_contain_text("Saved reply added")


def test_a_saved_replys_text_is_read_in_its_own_language(
    page: Page, world: tuple[str, Store]
) -> None:
    url, _ = world
    login(page, url, "admin")
    _add_saved_reply(page, url, "obrigado", "pt-BR", "Oi, obrigado pelo contato!")
    preview = page.locator(".saved-preview", has_text="obrigado pelo contato")
    expect(preview).to_have_count(1)
    assert preview.evaluate("el => el.closest('[lang]').lang") == "pt-BR"
    template = page.locator("pre.saved-text", has_text="obrigado pelo contato")
    assert template.evaluate("el => el.closest('[lang]').lang") == "pt-BR"
    assert page.locator("html").get_attribute("lang") == "en"  # the page around it stays English


def test_a_saved_reply_named_title_leaves_the_title_box_its_id(
    page: Page, world: tuple[str, Store]
) -> None:
    url, _ = world
    login(page, url, "admin")
    _add_saved_reply(page, url, "title", "en", "Thanks for writing!")
    assert page.evaluate(DUPLICATE_IDS) == []
    # The Title box is still what its id, and a refusal's link to it, reach.
    expect(page.locator("#saved-title")).to_have_attribute("name", "title")


def test_each_drafts_box_and_buttons_say_which_draft_they_are(
    page: Page, world: tuple[str, Store]
) -> None:
    url, store = world
    _, case, _ = add(store, "My order never came", handle="zeca", draft_kind="public")
    add(store, "Still nothing. Angry now.", handle="zeca", draft_kind="private")
    login(page, url, "agent")
    page.goto(f"{url}/cases/{case}")
    drafts = page.locator("section.draft-panel")
    expect(drafts).to_have_count(2)
    for panel, kind in zip(drafts.all(), ("Public reply", "Private reply"), strict=True):
        expect(panel.get_by_role("heading", level=2)).to_contain_text(kind)
        for name in ("Approve and send", "Save draft", "Reject"):
            button = panel.get_by_role("button", name=name, exact=True)
            expect(button).to_have_accessible_description(kind)
        box = panel.get_by_role("textbox", name="Reply text")
        expect(box).to_have_accessible_description(re.compile(f"^{kind} Draft in English"))


def test_an_empty_note_is_stopped_at_its_box_with_the_keyboard_kept_there(
    page: Page, world: tuple[str, Store]
) -> None:
    url, store = world
    _, case, _ = add(store, "Where is my parcel?")
    login(page, url, "agent")
    page.goto(f"{url}/cases/{case}")
    box = page.get_by_role("textbox", name="Note")
    box.focus()
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Add note")).to_be_focused()
    page.keyboard.press("Enter")
    expect(box).to_be_focused()  # the browser's own message, tied to the box, is read there
    assert box.evaluate("el => el.validity.valueMissing")
    assert page.url == f"{url}/cases/{case}"
    expect(page.locator("#notice")).to_have_count(0)  # no page load, no refusal at the top


def test_a_saved_replys_edit_and_delete_pages_say_so_in_their_titles(
    page: Page, world: tuple[str, Store]
) -> None:
    url, _ = world
    login(page, url, "admin")
    _add_saved_reply(page, url, "late-parcel", "en", "Sorry, it is on its way.")
    expect(page).to_have_title("Saved replies · Lumora desk")
    page.get_by_role("link", name="Edit", description="Late-Parcel").click()
    expect(page).to_have_title("Edit the saved reply late-parcel · Lumora desk")
    page.get_by_role("link", name="Delete…").click()
    expect(page).to_have_title("Delete the saved reply Late-Parcel? · Lumora desk")
