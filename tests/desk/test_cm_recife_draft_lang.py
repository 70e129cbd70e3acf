"""A screen reader reads a Portuguese draft's box in its region's voice: a rule's "pt" draft is
Brazil's (templates/pt/, as the page's small print says), a pt-PT one Portugal's, and a draft
written by hand takes the region the desk knows for the case (the post's own tag, the handle
it writes to), never one it does not. Checked as Chromium resolves it: the nearest `lang`."""

from __future__ import annotations

import sqlalchemy as sa
from playwright.sync_api import Page, expect

from mentiondesk.hand_reply import HAND
from mentiondesk.store import Store
from mentiondesk.tables import DRAFT, MENTION, READING
from tests.desk.browser import login
from tests.desk.seed import add

_LANG_OF = "e => e.closest('[lang]').getAttribute('lang')"


def _portuguese(
    store: Store, *, draft_lang: str, rule: str | None = None, tag: str | None = None
) -> int:
    """A Portuguese complaint with a pending draft in `draft_lang` (by `rule`), the post tagged
    `tag` by its platform; the case's id."""
    mention, case, draft = add(store, "Meu pedido não chegou até agora", draft="Olá, {name}!")
    assert case is not None and draft is not None
    with store.engine.begin() as conn:
        conn.execute(sa.update(READING).where(READING.c.mention_id == mention).values(lang="pt"))
        conn.execute(sa.update(MENTION).where(MENTION.c.id == mention).values(lang=tag))
        values = {"lang": draft_lang, **({"rule": rule} if rule else {})}
        conn.execute(sa.update(DRAFT).where(DRAFT.c.id == draft).values(**values))
    return case


def _box_lang(page: Page, url: str, case: int) -> str:
    page.goto(f"{url}/cases/{case}")
    return str(page.locator(".draft-panel textarea[name=text]").evaluate(_LANG_OF))


def test_draft_boxes_carry_the_most_specific_language_known(
    page: Page, world: tuple[str, Store]
) -> None:
    url, store = world
    brazil = _portuguese(store, draft_lang="pt")  # the shipped templates/pt/: Brazil's
    portugal = _portuguese(store, draft_lang="pt-PT")
    by_hand_pt = _portuguese(store, draft_lang="pt", rule=HAND, tag="pt-PT")
    by_hand = _portuguese(store, draft_lang="pt", rule=HAND)  # nothing says which region
    login(page, url, "agent")
    assert _box_lang(page, url, brazil) == "pt-BR"
    assert _box_lang(page, url, portugal) == "pt-PT"
    assert _box_lang(page, url, by_hand_pt) == "pt-PT"
    expect(page.locator(".draft-lang")).to_contain_text("European Portuguese")
    assert _box_lang(page, url, by_hand) == "pt"  # no region guessed


def test_reply_now_takes_the_region_the_post_told(page: Page, world: tuple[str, Store]) -> None:
    url, store = world
    told = _portuguese(store, draft_lang="pt", tag="pt-PT")
    untold = _portuguese(store, draft_lang="pt")
    login(page, url, "agent")
    for case, want in ((told, "pt-PT"), (untold, "pt")):
        page.goto(f"{url}/cases/{case}")
        box = page.get_by_role("textbox", name="Your reply")
        assert box.evaluate(_LANG_OF) == want
