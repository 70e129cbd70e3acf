"""What the case page shows of a mention and its author, over HTTP."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable

from mentiondesk.store import Store
from tests.desk.conftest import Desk
from tests.desk.seed import add

Login = Callable[[str], Awaitable[Desk]]


async def _case_page(as_role: Login, mention: int) -> str:
    desk = await as_role("agent")
    return await (await desk.client.get(f"/mentions/{mention}")).text()


async def test_topics_read_as_separate_words(as_role: Login, store: Store) -> None:
    topics = ("delivery", "refund_payment", "support")
    mention, _, _ = add(store, "Charged twice and still nothing here", topics=topics)
    page = await _case_page(as_role, mention)
    chips = re.findall(r'<span class="badge topic">([^<]*)</span>', page)
    assert chips == ["delivery", "refund/payment", "support"]
    assert "refund_payment" not in page


async def test_no_topics_read_as_a_dash(as_role: Login, store: Store) -> None:
    mention, _, _ = add(store, "Where is it?")
    page = await _case_page(as_role, mention)
    assert '<dd class="topics" id="reading-topics"><span aria-hidden="true">—</span>' in page


async def test_a_name_that_repeats_the_handle_is_shown_once(as_role: Login, store: Store) -> None:
    mention, _, _ = add(store, "Still waiting", handle="maria_s", name="@Maria_S")
    page = await _case_page(as_role, mention)
    line = page.split('class="author-line"', 1)[1].split("</div>", 1)[0]
    assert line.lower().count("maria_s") == 1
    assert 'class="author-name"' not in line


async def test_a_different_name_is_shown_beside_the_handle(as_role: Login, store: Store) -> None:
    mention, _, _ = add(store, "Still waiting", handle="ms", name="Maria Silva")
    page = await _case_page(as_role, mention)
    line = page.split('class="author-line"', 1)[1].split("</div>", 1)[0]
    assert '<b dir="auto" class="author-name">Maria Silva</b>' in line
    assert '<span class="handle" dir="auto">ms</span>' in line


async def test_resolve_and_close_say_how_they_differ(as_role: Login, store: Store) -> None:
    """Two buttons that both end a case: the page says which is which, and each asks about
    itself (Resolve never asks "Close this case?")."""
    mention, _, _ = add(store, "Where is it?")
    page = await _case_page(as_role, mention)
    hint = page.split('id="close-hint">', 1)[1].split("</p>", 1)[0]
    assert "Resolve: the author&#39;s problem is solved." in hint and "Close: nothing more" in hint
    resolve = re.search(r'<button[^>]*value="resolved"[^>]*>', page)
    close = re.search(r'<button[^>]*value="closed"[^>]*>', page)
    assert resolve and 'data-confirm="Resolve this case?' in resolve.group(0)
    assert close and 'data-confirm="Close this case?' in close.group(0)


async def test_the_reply_counter_is_told_how_the_platform_counts(
    as_role: Login, store: Store
) -> None:
    """desk-counts.js counts as approval does from data-rule and data-prefix; the count the page
    opens with is the platform's too (a link as 23 on X; the @handle before a Mastodon DM)."""
    link = "https://brand.example/" + "a" * 100
    x_post, _, _ = add(store, "Where is it?", platform="x", draft_kind="public", draft=link)
    x_page = await _case_page(as_role, x_post)
    dm, _, _ = add(store, "Lamp broke", platform="mastodon", handle="carla_1234", draft="Hi")
    dm_page = await _case_page(as_role, dm)
    draft = re.compile(r'<textarea[^>]*rows="5"[^>]*data-rule="(\w+)" data-prefix="([^"]*)"')
    assert draft.findall(x_page) == [("x", "")]
    assert draft.findall(dm_page) == [("mastodon", "@carla_1234 ")]
    assert '<b class="count-n">23</b>' in x_page and '<b class="count-n">14</b>' in dm_page
    kinds = re.findall(r'value="(\w+)" data-kind-limit="\d+" data-kind-rule="(\w+)"', x_page)
    assert kinds == [("public", "x"), ("private", "chars")]  # an X DM counts characters
