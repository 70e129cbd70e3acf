"""Reject in bulk in Chromium, as a lead in São Paulo does it (pt-BR): from the queue's link to
the form, by its labels, a preview, then the confirm, by keyboard; the notice counts them."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from playwright.sync_api import Browser, Page, expect

from mentiondesk.store import Store
from mentiondesk.tables import DRAFT
from tests.desk.browser import login


@pytest.fixture
def page_br(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="pt-BR")
    yield context.new_page()
    context.close()


def _pending(store: Store, rule: str) -> int:
    with store.engine.connect() as conn:
        query = sa.select(sa.func.count()).where(DRAFT.c.status == "pending", DRAFT.c.rule == rule)
        return int(conn.scalar(query) or 0)


def test_a_manager_rejects_a_rules_drafts_from_the_queue(
    page_br: Page, world: tuple[str, Store]
) -> None:
    url, store = world
    waiting = _pending(store, "complaint")
    assert waiting > 1
    login(page_br, url, "manager", "pt-BR")
    page_br.get_by_role("link", name="Rejeitar em massa…").click()
    expect(page_br).to_have_url(f"{url}/drafts/bulk-reject")
    page_br.get_by_label("regra").select_option("complaint")
    page_br.get_by_role("button", name="Ver prévia").click()
    expect(page_br.locator("#bulk-count")).to_have_text(
        f"{waiting} rascunhos pendentes correspondem"
    )
    assert _pending(store, "complaint") == waiting  # the preview changed nothing
    confirm = page_br.get_by_role("button", name=f"Rejeitar {waiting} rascunhos")
    confirm.focus()
    page_br.keyboard.press("Enter")
    expect(page_br).to_have_url(f"{url}/drafts/bulk-reject")  # nothing in the address
    notice = page_br.get_by_role("status").filter(has_text=re.compile("rejeitados"))
    expect(notice).to_have_text(f"{waiting} rascunhos rejeitados.")
    assert _pending(store, "complaint") == 0
    page_br.reload()  # a reload sends nothing, and says nothing again
    expect(page_br.locator("#notice")).to_have_count(0)
