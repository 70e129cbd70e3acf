"""A screen reader in a European Portuguese desk (pt-PT) reads each text in its own
language's voice: the case page's first version of an edited post and the author's earlier
replies are marked with their language, as the post itself is, or they are read with
Portugal's voice and rules. Checked as Chromium resolves it: the nearest `lang` around the
text."""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from playwright.sync_api import Page, expect

from mentiondesk.store import Store
from mentiondesk.tables import DRAFT, MENTION
from tests.desk.browser import login
from tests.desk.seed import add

_LANG_OF = "e => e.closest('[lang]').getAttribute('lang')"


def test_a_case_pages_other_language_texts_carry_their_language(
    page_pt_pt: Page, world: tuple[str, Store]
) -> None:
    url, store = world
    # An earlier thank-you the desk sent this author (English, as their post was) …
    _, _, thanks = add(
        store, "Love the lamp", label="positive", case=False, handle="lisboa_7", draft="Thanks!"
    )
    with store.engine.begin() as conn:
        done = {"status": "approved", "decided_at": datetime.now(UTC), "decided_by": "agent"}
        conn.execute(sa.update(DRAFT).where(DRAFT.c.id == thanks).values(**done))
    # … and their complaint now, edited since it was read: its first version kept.
    mention, case, _ = add(store, "My lamp broke, again", handle="lisboa_7")
    with store.engine.begin() as conn:
        first = {"first_text": "My lamp broke"}
        conn.execute(sa.update(MENTION).where(MENTION.c.id == mention).values(**first))
    login(page_pt_pt, url, "agent", "pt-PT")
    page_pt_pt.goto(f"{url}/cases/{case}")
    post = page_pt_pt.locator("#mention-text")
    assert post.evaluate(_LANG_OF) == "en"  # the post itself, as before
    page_pt_pt.locator(".first-version summary").press("Enter")  # opened by keyboard
    first_version = page_pt_pt.locator(".first-version .text")
    expect(first_version).to_have_text("My lamp broke")
    assert first_version.evaluate(_LANG_OF) == "en"
    earlier = page_pt_pt.locator("#author .text", has_text="Thanks!")
    expect(earlier).to_have_count(1)
    assert earlier.evaluate(_LANG_OF) == "en"
