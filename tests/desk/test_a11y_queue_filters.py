"""The queue's filters and header for a community manager in Recife who is blind (NVDA, keyboard
only), in Brazilian Portuguese: filtering says how many match (focus on the answer, singular and
plural in words, nothing matching said so), a thread's title is read in its own language's
voice, and the language links say each language's name in that language."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from playwright.sync_api import Browser, Page, expect

from mentiondesk.store import Store
from mentiondesk.tables import MENTION, READING
from tests.desk.browser import login
from tests.desk.seed import add

# The language Chromium resolves for an element: its nearest `lang`, as a screen reader's voice.
_LANG_OF = "e => e.closest('[lang]').getAttribute('lang')"
_REASON = "lampada_queimada_a11y"  # a reason only the first test's mentions have
_THREADS = "entrega_thread_a11y"  # and the second's


@pytest.fixture
def page_br(browser: Browser) -> Iterator[Page]:
    """A desktop asking for pt-BR: the filters open (a phone folds them behind their summary)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="pt-BR")
    yield context.new_page()
    context.close()


def _filter_by(page: Page, **chosen: str) -> None:
    """Chooses each menu's value and presses Filtrar with Enter, as from the keyboard."""
    for name in ("platform", "reason"):
        page.locator(f"select[name={name}]").select_option(chosen.get(name, ""))
    page.get_by_role("button", name="Filtrar").press("Enter")


def test_filtering_says_how_many_match_and_when_nothing_does(
    page_br: Page, world: tuple[str, Store]
) -> None:
    url, store = world
    add(store, "Minha lâmpada chegou queimada", reason=_REASON, platform="bluesky")
    add(store, "A segunda lâmpada também", reason=_REASON, platform="bluesky")
    add(store, "Queimou de novo, que fase", reason=_REASON, platform="mastodon", case=False)
    page = page_br
    login(page, url, "agent", "pt-BR", keyboard=True)
    page.goto(f"{url}/queue")
    expect(page.locator("#queue-count")).to_have_count(0)  # the whole queue: nothing to answer
    _filter_by(page, reason=_REASON)
    both = page.get_by_role(
        "heading", name="2 casos e 1 rascunho sem caso correspondem aos filtros"
    )
    expect(both).to_be_focused()  # said as the page loads; Tab goes on to the rows
    _filter_by(page, reason=_REASON, platform="mastodon")
    one = page.get_by_role("heading", name="1 rascunho sem caso corresponde aos filtros")
    expect(one).to_be_focused()
    _filter_by(page, reason=_REASON, platform="reddit")
    none = page.locator(".empty-queue")
    expect(none).to_be_focused()
    expect(none).to_have_text(
        "Nada do que está na fila corresponde aos filtros. Tente limpar os filtros."
    )
    # Back from a case by its "← Fila" (or from a row's action): the count is shown, but focus
    # is not moved to it, as no filter was applied.
    _filter_by(page, reason=_REASON, platform="bluesky")
    count = page.get_by_role("heading", name="2 casos correspondem aos filtros")
    expect(count).to_be_focused()
    page.locator("#queue li").first.get_by_role("link", name="Abrir", exact=True).click()
    crumb = page.locator(".crumbs a")
    expect(crumb).to_have_attribute("href", re.compile(f"^/queue\\?.*reason={_REASON}"))
    expect(crumb).not_to_have_attribute("href", re.compile("filtered"))
    crumb.click()
    expect(count).to_be_visible()
    expect(count).not_to_be_focused()


def test_thread_titles_and_language_links_are_read_in_their_language(
    page_br: Page, world: tuple[str, Store]
) -> None:
    url, store = world
    reddit, _, _ = add(store, "A entrega atrasou de novo", platform="reddit", reason=_THREADS)
    hn, _, _ = add(store, "Their API keeps timing out", platform="hackernews", reason=_THREADS)
    with store.engine.begin() as conn:
        conn.execute(sa.update(READING).where(READING.c.mention_id == reddit).values(lang="pt"))
        for mention, title in ((reddit, "Alguém mais com entrega atrasada?"), (hn, "Ask HN: CI")):
            conn.execute(sa.update(MENTION).where(MENTION.c.id == mention).values(on_title=title))
    page = page_br
    login(page, url, "agent", "pt-BR", keyboard=True)
    page.goto(f"{url}/queue?reason={_THREADS}")
    titles = page.locator(".on-title")
    expect(titles).to_have_count(2)
    asked = page.locator(".on-title", has_text="Alguém mais")
    assert asked.evaluate(_LANG_OF) == "pt"  # the comment's language stands in for its thread's
    assert page.locator(".on-title", has_text="Ask HN").evaluate(_LANG_OF) == "en"
    # Each language link: its visible name kept (speech input says "PT-BR"), the language's
    # own name said after it, in that language's voice.
    names = {"EN": "English", "PT-BR": "Português (Brasil)", "PT-PT": "Português (Portugal)"}
    codes = {"EN": "en", "PT-BR": "pt-BR", "PT-PT": "pt-PT"}
    for short, name in names.items():
        link = page.get_by_role("link", name=short, exact=True)
        expect(link).to_have_accessible_description(name)
        expect(link).to_have_attribute("lang", codes[short])
        expect(link).to_have_attribute("hreflang", codes[short])
