"""The queue's filter menus in Chromium show the filter in force, even when nothing waiting
matches it any more (the last of a colleague's cases answered, a reason worked through)."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from mentiondesk.store import Store
from tests.desk.browser import login
from tests.desk.seed import add


def test_a_filter_nothing_matches_any_more_still_shows_as_chosen(
    page: Page, world: tuple[str, Store]
) -> None:
    url, _ = world
    login(page, url, "manager")
    page.goto(f"{url}/queue?assignee=rafael&reason=price&platform=x")
    expect(page.locator(".empty-queue")).to_contain_text("Try clearing the filters.")
    # The menus say what the queue is filtered by, not "all": the list is empty for a reason.
    expect(page.locator("select[name=assignee]")).to_have_value("rafael")
    expect(page.locator("select[name=reason]")).to_have_value("price")
    expect(page.locator("select[name=reason] option:checked")).to_have_text("price")
    expect(page.locator("select[name=platform]")).to_have_value("x")
    # Filtering again (another menu changed) keeps them, rather than dropping them unseen.
    page.locator("select[name=view]").select_option("all")
    page.get_by_role("button", name="Filter").click()
    expect(page).to_have_url(re.compile(r"view=all&platform=x&.*reason=price&assignee=rafael"))


def test_the_chosen_value_is_offered_once_when_something_matches(
    page: Page, world: tuple[str, Store]
) -> None:
    url, store = world
    add(store, "A delivery complaint for the filter", reason="delivery")
    login(page, url, "manager")
    page.goto(f"{url}/queue?reason=delivery")
    expect(page.locator("select[name=reason] option[value=delivery]")).to_have_count(1)
    expect(page.locator("select[name=reason]")).to_have_value("delivery")
