"""What a comment is on, on the desk: the case page and the queue row say 'on “Show HN:
Lumora CI”' (em, in Portuguese) under a comment, nothing under a post; a hostile title is
escaped, its right-to-left marks kept inside it, and a long one cut with "…"."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import sqlalchemy as sa

from mentiondesk.store import Store
from mentiondesk.tables import MENTION
from tests.desk.conftest import Desk
from tests.desk.seed import add

Login = Callable[[str], Awaitable[Desk]]
HOSTILE = "<script>alert(1)</script> \u202eevil"
SHOWN = "on “\u2068&lt;script&gt;alert(1)&lt;/script&gt; \u202eevil\u2069”"


def _commented(store: Store, title: str | None, **kw: object) -> tuple[int, int | None]:
    mention_id, case, _ = add(store, "we moved off it last year, too flaky", **kw)  # type: ignore[arg-type]
    with store.engine.begin() as conn:
        update = sa.update(MENTION).where(MENTION.c.id == mention_id)
        conn.execute(update.values(on_title=title))
    return mention_id, case


async def _text(desk: Desk, path: str, lang: str = "en") -> str:
    answer = await desk.client.get(path, headers={"Accept-Language": lang})
    return await answer.text()


async def test_the_case_page_and_queue_say_what_a_comment_is_on(
    as_role: Login, store: Store
) -> None:
    _, case = _commented(store, "Show HN: Lumora CI", platform="hackernews")
    desk = await as_role("agent")
    line = '<p class="muted user-text on-title">on “Show HN: Lumora CI”</p>'
    assert line in await _text(desk, f"/cases/{case}")
    assert line in await _text(desk, "/queue")


async def test_portuguese_says_em(as_role: Login, store: Store) -> None:
    _, case = _commented(store, "Which CI do you use?", platform="reddit")
    desk = await as_role("agent")
    for lang in ("pt-BR", "pt-PT"):
        assert "em “Which CI do you use?”" in await _text(desk, f"/cases/{case}", lang)
        assert "em “Which CI do you use?”" in await _text(desk, "/queue", lang)


async def test_a_post_itself_is_on_nothing(as_role: Login, store: Store) -> None:
    _, case = _commented(store, None, platform="hackernews")
    desk = await as_role("agent")
    assert "on-title" not in await _text(desk, f"/cases/{case}")
    assert "on-title" not in await _text(desk, "/queue")


async def test_a_hostile_title_is_escaped_and_isolated(as_role: Login, store: Store) -> None:
    _, case = _commented(store, HOSTILE, platform="reddit")
    desk = await as_role("agent")
    for path in (f"/cases/{case}", "/queue"):
        page = await _text(desk, path)
        assert SHOWN in page and "<script>alert(1)" not in page


async def test_a_long_title_is_cut_with_an_ellipsis(as_role: Login, store: Store) -> None:
    _, case = _commented(store, "Ask HN: " + "why " * 100, platform="hackernews")
    desk = await as_role("agent")
    shown = "on “Ask HN: " + "why " * 19 + "why…”"  # cut at a word's end
    assert shown in await _text(desk, f"/cases/{case}")
    assert shown in await _text(desk, "/queue")


async def test_a_row_showing_a_follow_up_says_what_that_one_is_on(
    as_role: Login, store: Store
) -> None:
    _commented(store, "Show HN: Lumora CI", platform="reddit", handle="ana_on", draft=None)
    _commented(store, "Ask HN: CI horror stories", platform="reddit", handle="ana_on", draft=None)
    desk = await as_role("agent")
    queue = await _text(desk, "/queue")
    assert "on “Ask HN: CI horror stories”" in queue and "Show HN: Lumora CI" not in queue


async def test_the_case_list_says_what_each_follow_up_is_on(as_role: Login, store: Store) -> None:
    """A follow-up on another thread says so in "In this case"; one on the same thread as the
    post before it repeats nothing."""
    _, case = _commented(store, "Show HN: Lumora CI", platform="reddit", handle="bo", draft=None)
    _commented(store, "Show HN: Lumora CI", platform="reddit", handle="bo", draft=None)
    _commented(store, "Ask HN: CI horror stories", platform="reddit", handle="bo", draft=None)
    desk = await as_role("agent")
    page = await _text(desk, f"/cases/{case}")
    listed = page[page.index('class="thread case-mentions"') :].split("</ol>")[0]
    assert listed.count("on “Show HN: Lumora CI”") == 1
    assert listed.count("on “Ask HN: CI horror stories”") == 1
