"""Nothing typed is lost unasked (Chromium): a submit or a link that would drop text typed in
another box asks first, with the action's own question in the same dialog; an Approve whose
draft says someone already replied the other way asks before sending, by click or key."""

from __future__ import annotations

import sqlalchemy as sa
from playwright.sync_api import Dialog, Page, expect

from mentiondesk.store import Store
from mentiondesk.tables import DRAFT, NOTE
from tests.desk.browser import login
from tests.desk.seed import add

UNSENT = "You have text you have not sent or saved. Leave it and go on?"
HINT = "still send this private message?"


def _count(store: Store, table: sa.Table, *where: sa.ColumnElement[bool]) -> int:
    query = sa.select(sa.func.count()).select_from(table).where(*where)
    with store.engine.connect() as conn:
        return int(conn.scalar(query) or 0)


def _dismissed(page: Page) -> list[str]:
    """The questions the page asks from now on, each answered Cancel."""
    asked: list[str] = []

    def answer(dialog: Dialog) -> None:
        asked.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", answer)
    return asked


def test_add_note_asks_before_dropping_a_reply_typed(page: Page, world: tuple[str, Store]) -> None:
    url, store = world
    mention, case, _ = add(store, "Typed-then-noted complaint")
    login(page, url, "agent")
    page.goto(f"{url}/cases/{case}")
    page.get_by_label("Your reply").fill("Half a reply")
    page.get_by_label("Note").fill("Called the courier")
    asked = _dismissed(page)
    page.get_by_role("button", name="Add note").click()
    page.wait_for_timeout(300)  # a wrongly sent form would be loading by now
    assert asked == [UNSENT]
    assert page.url == f"{url}/cases/{case}"
    expect(page.get_by_label("Your reply")).to_have_value("Half a reply")
    assert _count(store, NOTE, NOTE.c.mention_id == mention) == 0


def test_one_dialog_for_resolve_and_the_language_switch_asks_too(
    page: Page, world: tuple[str, Store]
) -> None:
    url, store = world
    _, case, _ = add(store, "Typed-then-resolved complaint")
    login(page, url, "agent")
    page.goto(f"{url}/cases/{case}")
    page.get_by_label("Note").fill("Not saved yet")
    asked = _dismissed(page)
    page.get_by_role("button", name="Resolve").click()
    page.get_by_role("link", name="PT-BR", exact=True).click()
    page.wait_for_timeout(300)
    resolve = "Resolve this case? Its pending draft is withdrawn."  # add() gave it one
    assert asked == [f"{resolve}\n\n{UNSENT}", UNSENT]
    assert page.url == f"{url}/cases/{case}"
    page.get_by_label("Note").fill("")  # nothing typed: the switch goes without a question
    page.get_by_role("link", name="PT-BR", exact=True).click()
    expect(page.locator("html")).to_have_attribute("lang", "pt-BR")
    assert len(asked) == 2


def _reply_publicly(page: Page, url: str, case: int | None) -> None:
    page.goto(f"{url}/cases/{case}")
    page.get_by_label("Your reply").fill("We are on it, sorry.")
    page.once("dialog", lambda d: d.accept())  # "Send this reply to the author now?"
    page.get_by_role("button", name="Send reply").click()
    expect(page.locator(".notice")).to_contain_text("Your reply is being sent.")


def test_the_approve_key_asks_when_the_row_says_someone_replied(
    page: Page, world: tuple[str, Store]
) -> None:
    url, store = world
    _, case, draft = add(store, "Replied-then-approved complaint", priority=150)
    login(page, url, "agent")
    _reply_publicly(page, url, case)
    page.goto(f"{url}/queue")
    row = page.locator("#queue > .item", has_text="Replied-then-approved complaint")
    expect(row.locator(".hand-replied")).to_contain_text(HINT)
    asked = _dismissed(page)
    page.keyboard.press("j")
    expect(row).to_have_attribute("aria-current", "true")
    page.keyboard.press("a")
    page.wait_for_timeout(300)
    # The key's own question first (what it sends to whom), then the row's, in one dialog.
    assert len(asked) == 1 and asked[0].startswith("Approve and send this private message")
    assert "\n\nYou replied publicly at " in asked[0]
    assert asked[0].endswith(HINT)
    assert _count(store, DRAFT, DRAFT.c.id == draft, DRAFT.c.status == "pending") == 1
    row.get_by_role("button", name="Approve").click()  # the button asks the same
    page.goto(f"{url}/cases/{case}")
    page.get_by_role("button", name="Approve and send").click()  # and the case page's
    page.wait_for_timeout(300)
    assert len(asked) == 3 and all(a.endswith(HINT) for a in asked)
    assert _count(store, DRAFT, DRAFT.c.id == draft, DRAFT.c.status == "pending") == 1
