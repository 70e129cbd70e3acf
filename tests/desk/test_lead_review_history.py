"""The author's history on a case page, in Chromium: "Other replies" lists replies outside
this case, never the one sent on it (to a follow-up) that the page already shows above."""

from __future__ import annotations

from datetime import timedelta

from playwright.sync_api import Page, expect

from mentiondesk.store import Store
from tests.desk.browser import login
from tests.desk.seed import add

SENT_HERE = "Sorry for the wait on this order, we are on it."
SENT_BEFORE = "Glad the earlier refund went through!"


def test_a_reply_sent_on_this_case_is_not_an_other_reply(
    page: Page, world: tuple[str, Store]
) -> None:
    url, store = world
    # A reply the author got last month, outside this case: their history.
    praise = "Thanks for the refund, Lumora"
    add(
        store,
        praise,
        label="positive",
        handle="bia",
        case=False,
        draft=SENT_BEFORE,
        draft_kind="public",
        ago=timedelta(days=20),
    )
    _, case_id, _ = add(store, "Order late", handle="bia", ago=timedelta(hours=3))
    add(store, "Still nothing??", handle="bia", draft=SENT_HERE)  # a follow-up, its draft
    login(page, url, "agent")
    page.locator("#queue > .item", has_text=praise).get_by_role("button", name="Approve").click()
    expect(page.locator(".notice")).to_contain_text("eply approved")
    page.goto(f"{url}/cases/{case_id}")
    page.get_by_role("button", name="Approve and send").first.click()
    expect(page.locator(".notice")).to_contain_text("eply approved")
    expect(page.locator(".draft-text, .panel").filter(has_text=SENT_HERE).first).to_be_visible()
    heading = page.get_by_role("heading", name="Other replies")
    others = heading.locator("xpath=following-sibling::*[1]")
    expect(others).to_contain_text(SENT_BEFORE)
    expect(others).not_to_contain_text(SENT_HERE)
