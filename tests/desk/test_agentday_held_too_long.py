"""A reply the outbox holds as too long says by how much, as its platform counts it, in the
reader's language: "Not sent: too long for the platform" alone left the agent counting."""

from __future__ import annotations

import html
from collections.abc import Awaitable, Callable

import sqlalchemy as sa

from mentiondesk import queue
from mentiondesk.store import Store
from mentiondesk.tables import DRAFT, OUTBOX
from tests.desk.conftest import Desk
from tests.desk.seed import add

Login = Callable[[str], Awaitable[Desk]]
ROUTE = {"default": "console"}
X_REFUSED = "x posting: the reply is too long: 284 characters as X counts it; X allows 280"


def _held_as_too_long(store: Store, platform: str, approved: str, sent: str, error: str) -> int:
    """A case whose approved reply `sent` the outbox holds as too long (`approved` passed the
    desk's count when approved: a limit or count since changed); its case id."""
    _, case, draft = add(store, "Agentday: lost bag", platform=platform, draft_kind="public")
    assert case and draft
    key = queue.approve_draft(store, draft, by="agent", post_route=ROUTE, text=approved)
    with store.engine.begin() as conn:
        conn.execute(sa.update(DRAFT).where(DRAFT.c.id == draft).values(text=sent))
        held = {"status": "held", "last_error": error, "attempts": 1}
        conn.execute(sa.update(OUTBOX).where(OUTBOX.c.key == key).values(**held))
    return case


async def _page(desk: Desk, case: int, lang: str = "en") -> str:
    got = await desk.client.get(f"/cases/{case}", headers={"Accept-Language": lang})
    return html.unescape(await got.text())


async def test_a_held_too_long_reply_says_by_how_much_in_each_language(
    as_role: Login, store: Store
) -> None:
    link = " https://lumora.example/help/" + "z" * 60  # 90 typed, 24 as X counts it
    case = _held_as_too_long(store, "x", "Sorry!", "a" * 260 + link, X_REFUSED)
    desk = await as_role("agent")
    page = await _page(desk, case)
    assert "Not sent: too long for the platform." in page
    assert "4 characters over the limit." in page  # 260 + 1 + 23 = 284 as X counts
    assert "It is 284 characters as X counts them (links count as 23" in page
    assert "X allows 280." in page
    pt = await _page(desk, case, "pt-BR")
    assert "4 caracteres acima do limite." in pt
    assert "São 284 caracteres na contagem do X" in pt
    pt_pt = await _page(desk, case, "pt-PT")
    assert "4 caracteres acima do limite." in pt_pt
    assert "Tem 284 caracteres tal como o X os conta" in pt_pt


async def test_one_over_is_singular_and_a_plain_platform_counts_characters(
    as_role: Login, store: Store
) -> None:
    error = "reddit posting: the text is too long for Reddit; shorten it and approve it again"
    case = _held_as_too_long(store, "reddit", "Sorry!", "b" * 10_001, error)
    desk = await as_role("agent")
    page = await _page(desk, case)
    assert "1 character over the limit." in page
    assert "It is 10,001 characters; Reddit allows 10,000." in page
    assert "1 carácter acima do limite." in await _page(desk, case, "pt-PT")
    assert "1 caractere acima do limite." in await _page(desk, case, "pt-BR")


async def test_a_reply_the_platform_counted_longer_says_the_desks_count(
    as_role: Login, store: Store
) -> None:
    """A Mastodon server with a lower limit than 500: by the desk's count it fits."""
    error = "mastodon posting: the text is over the server's character limit; shorten it"
    case = _held_as_too_long(store, "mastodon", "Sorry!", "c" * 400, error)
    desk = await as_role("agent")
    page = await _page(desk, case)
    assert "Not sent: too long for the platform." in page
    assert "characters over the limit" not in page
    assert "By the desk's count it is 4" in page and "Mastodon allows 500, but Mastodon" in page
    pt_pt = await _page(desk, case, "pt-PT")
    assert "mas o Mastodon contou-a como mais longa." in pt_pt


async def test_a_reply_held_for_another_reason_says_no_length(as_role: Login, store: Store) -> None:
    error = "x posting: the author does not take direct messages from us: reply publicly instead"
    case = _held_as_too_long(store, "x", "Sorry!", "d" * 300, error)
    page = await _page(await as_role("agent"), case)
    assert "over the limit" not in page and "By the desk's count" not in page
