"""On a platform posted to by hand (Hacker News), Mark as posted follows the live counter as
Approve does: the server refuses to record a reply over the limit (queue._check_reply), so
the button is disabled while the text is too long, and says why to a screen reader."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from mentiondesk.reply_limits import reply_limit
from mentiondesk.store import Store
from tests.desk.browser import login
from tests.desk.seed import add

TOO_LONG = re.compile("Longer than the platform allows: shorten it first")


def test_mark_as_posted_is_disabled_while_the_draft_is_too_long(
    page: Page, world: tuple[str, Store]
) -> None:
    url, store = world
    limit = reply_limit("hackernews")
    _, case, _ = add(
        store, "Agentday-hn: API down", platform="hackernews", draft="Sorry!", draft_kind="public"
    )
    login(page, url, "agent")
    page.goto(f"{url}/cases/{case}")
    panel = page.locator(".draft-panel")
    posted = panel.get_by_role("button", name="Mark as posted")
    expect(posted).to_be_enabled()
    panel.get_by_label("Reply text").fill("a" * (limit + 1))
    expect(panel.locator(".count")).to_have_class("count over")
    expect(posted).to_be_disabled()
    expect(posted).to_have_accessible_description(TOO_LONG)
    panel.get_by_label("Reply text").fill("a" * limit)
    expect(posted).to_be_enabled()
    expect(posted).not_to_have_accessible_description(TOO_LONG)
    # The box written by hand (Reply now) posts by hand there too.
    form = page.locator("#write-reply")
    hand = form.get_by_role("button", name="Mark as posted")
    form.get_by_label("Your reply").fill("b" * (limit + 1))
    expect(hand).to_be_disabled()
    expect(hand).to_have_accessible_description(TOO_LONG)
    form.get_by_label("Your reply").fill("b" * 10)
    expect(hand).to_be_enabled()


def test_approve_says_why_it_is_disabled(page: Page, world: tuple[str, Store]) -> None:
    url, store = world
    _, case, _ = add(store, "Agentday-x: refund", platform="x", draft_kind="public")
    login(page, url, "agent")
    page.goto(f"{url}/cases/{case}")
    approve = page.get_by_role("button", name="Approve and send")
    page.get_by_label("Reply text").fill("c" * 281)
    expect(approve).to_be_disabled()
    expect(approve).to_have_accessible_description(TOO_LONG)
    page.get_by_label("Reply text").fill("c" * 20)
    expect(approve).to_be_enabled()
    expect(approve).not_to_have_accessible_description(TOO_LONG)
