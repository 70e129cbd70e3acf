"""A wait keeps to one line on a phone (390 px, Chromium): a median first response of
"6 d 10 h" broke after "6 d" in English and pt-PT (here, in the queue's compact card, whose
figure sits beside its words and was squeezed); the figure stays whole and in its card, on the
dashboard and the queue alike."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
from playwright.sync_api import Browser, Locator, Page, expect

from mentiondesk.store import Store
from mentiondesk.tables import CASE
from tests.desk.browser import login, shot
from tests.desk.seed import add

WAIT = timedelta(days=6, hours=10)
_LINES = """e => { const r = document.createRange(); r.selectNodeContents(e);
    return new Set([...r.getClientRects()].filter(b => b.width > 0)
        .map(b => Math.round(b.top))).size; }"""


@pytest.fixture
def handset(browser: Browser) -> Iterator[Page]:
    """A phone as Chromium emulates one (is_mobile: the page laid out as a phone's browser
    does), 390 CSS pixels wide: where the walkthrough saw the wait broken."""
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    yield context.new_page()
    context.close()


def _answer_all_after(store: Store, wait: timedelta) -> None:
    """Every case old enough answered `wait` after it opened, the first of them an hour ago
    (the queue's median counts the last 24 hours); the rest unanswered."""
    now = datetime.now(UTC)
    with store.engine.begin() as conn:
        rows = conn.execute(sa.select(CASE.c.id, CASE.c.opened_at).order_by(CASE.c.id)).all()
        for index, (case, opened) in enumerate(rows):
            opened = opened if opened.tzinfo else opened.replace(tzinfo=UTC)
            if index == 0:
                opened = now - wait - timedelta(hours=1)
            answered = opened + wait if opened + wait < now else None
            values = {"opened_at": opened, "first_response_at": answered}
            conn.execute(sa.update(CASE).where(CASE.c.id == case).values(**values))


def _one_line_in_its_card(figure: Locator) -> None:
    assert figure.evaluate(_LINES) == 1, figure.inner_text()
    card = figure.locator("xpath=ancestor::div[contains(@class, 'kpi')][1]")
    right = figure.evaluate("e => e.getBoundingClientRect().right")
    assert right <= card.evaluate("e => e.getBoundingClientRect().right")


@pytest.mark.parametrize(("lang", "shown"), [("en", "6d 10h"), ("pt-PT", "6 d 10 h")])
def test_the_median_wait_keeps_to_one_line(
    handset: Page, world: tuple[str, Store], lang: str, shown: str
) -> None:
    url, store = world
    _answer_all_after(store, WAIT)
    login(handset, url, "manager")
    handset.goto(f"{url}/lang/{lang}?next=/dashboard")
    median = handset.locator("#dash-frt-p50")
    expect(median).to_have_text(shown)
    _one_line_in_its_card(median)
    shot(handset, f"phone-dashboard-median-{lang}")
    handset.goto(f"{url}/queue")
    queue_median = handset.locator("#kpi-frt")
    expect(queue_median).to_have_text(shown)
    _one_line_in_its_card(queue_median)
    shot(handset, f"phone-queue-median-{lang}")


def test_the_live_timer_rounds_as_the_server_does(page: Page, world: tuple[str, Store]) -> None:
    """desk-counts.js rewrites a case's wait each second with the server's rule: 6 d 0 h 56 min is
    "6d 1h", not "6d 0h" (it cut the hours down, as the server did)."""
    url, store = world
    _, case, _ = add(store, "Rounded: where is my order", ago=timedelta(days=6, minutes=56))
    login(page, url, "agent")
    page.goto(f"{url}/cases/{case}")
    timer = page.locator(".timer[data-since]").first
    page.evaluate("document.querySelector('.timer[data-since]').textContent = ''")
    expect(timer).to_have_text("6d 1h")  # rewritten by desk-counts.js
