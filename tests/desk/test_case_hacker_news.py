"""A Hacker News case describes what happened there: no followers (its listener stores none,
karma is not reach), no private draft (none can be sent), and a Copy button for the text a
person pastes on the site."""

from __future__ import annotations

import html
from collections.abc import Awaitable, Callable

from mentiondesk.plans import urgency
from mentiondesk.store import Store
from tests.desk.conftest import Desk
from tests.desk.seed import add

Login = Callable[[str], Awaitable[Desk]]
NO_DRAFT = "No draft: Hacker News has no private messages — reply by hand with Reply now"


async def _page(desk: Desk, path: str, **headers: str) -> str:
    return html.unescape(await (await desk.client.get(path, headers=headers)).text())


def test_priority_counts_no_reach_on_hacker_news() -> None:
    assert urgency(1, "negative", 10_000, "x") == 19  # + 4: ten thousand followers
    assert urgency(1, "negative", 10_000, "hackernews") == 15


async def test_a_case_whose_private_draft_was_skipped_says_so(as_role: Login, store: Store) -> None:
    _, case, _ = add(store, "Lumora double-charged me", platform="hackernews", draft=None)
    desk = await as_role("agent")
    page = await _page(desk, f"/cases/{case}")
    assert NO_DRAFT in page
    assert "followers" not in page.replace("gives no follower count: no reach is counted", "")
    queue = await _page(desk, "/queue")
    assert "Hacker News ·" not in queue and "follower" not in queue
    pt = await _page(desk, f"/cases/{case}", **{"Accept-Language": "pt-BR"})
    assert "Sem rascunho: o Hacker News não tem mensagens privadas" in pt
    assert "o Hacker News não informa seguidores: o alcance não conta" in pt


async def test_elsewhere_followers_show_and_nothing_is_said_about_drafts(
    as_role: Login, store: Store
) -> None:
    _, case, _ = add(store, "Lumora double-charged me", draft=None)
    desk = await as_role("agent")
    page = await _page(desk, f"/cases/{case}")
    assert "120 followers" in page and "No draft:" not in page
    assert "120 followers" in await _page(desk, "/queue")
    assert "data-copy" not in page and "copy.js" not in page


async def test_a_hacker_news_draft_has_a_copy_button(as_role: Login, store: Store) -> None:
    _, case, _ = add(store, "Any news on refunds?", platform="hackernews", draft_kind="public")
    desk = await as_role("agent")
    page = await _page(desk, f"/cases/{case}")
    assert page.count('class="copy" data-copy') == 2  # the draft's box and Reply now's
    assert '<script src="/static/copy.js" defer></script>' in page and NO_DRAFT not in page
    script = await desk.client.get("/static/copy.js")
    assert script.status == 200 and "clipboard" in await script.text()
