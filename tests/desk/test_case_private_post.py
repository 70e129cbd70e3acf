"""The case page of a Mastodon post that is not public (followers-only or direct): it says
so, and a "public" reply to it is named by what happens: a reply in the conversation, seen only by
those who can see the post (the responder narrows its visibility to the post's)."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable

from mentiondesk.store import Store
from tests.desk.conftest import Desk
from tests.desk.seed import add

Login = Callable[[str], Awaitable[Desk]]
PT_BR = {"Accept-Language": "pt-BR,pt;q=0.9"}
IN_CONVERSATION = "(only those who can see the post)"


async def _page(as_role: Login, mention: int, headers: dict[str, str] | None = None) -> str:
    desk = await as_role("agent")
    return await (await desk.client.get(f"/mentions/{mention}", headers=headers or {})).text()


def _badge(page: str) -> list[tuple[str, str]]:
    return re.findall(r'<span class="badge private-post" title="([^"]*)">([^<]*)</span>', page)


async def test_a_direct_post_is_marked_private_and_its_public_reply_says_so(
    as_role: Login, store: Store
) -> None:
    mention, _, _ = add(
        store,
        "<b>love</b> the lamp",
        label="positive",
        platform="mastodon",
        handle="dan@remote.test",
        draft="Thank you!",
        draft_kind="public",
        visibility="direct",
        rule="praise",
    )
    page = await _page(as_role, mention)
    assert _badge(page) == [
        (
            "Only the accounts it mentions can see this post: a reply to it goes to the "
            "author alone.",
            "private post",
        )
    ]
    draft_head = page.split('class="panel draft-panel"', 1)[1].split("</h2>", 1)[0]
    assert "Reply in the conversation" in draft_head and IN_CONVERSATION in draft_head
    assert "Public reply" not in draft_head
    hand = page.split('id="write-reply"', 1)[1].split("</fieldset>", 1)[0]
    # The checked option says what it does: no "public reply" that is not public.
    checked = hand.split('value="public"', 1)[1].split("</label>", 1)[0]
    assert "checked" in checked and "reply in the conversation" in checked
    assert IN_CONVERSATION in checked and "public reply" not in hand
    assert "&lt;b&gt;love&lt;/b&gt;" in page  # the post's text stays escaped


async def test_a_followers_only_post_is_marked_private_in_portuguese(
    as_role: Login, store: Store
) -> None:
    mention, _, _ = add(store, "lamp broke", platform="mastodon", visibility="private")
    page = await _page(as_role, mention, PT_BR)
    assert _badge(page) == [
        (
            "Só quem segue a pessoa e as contas mencionadas podem ver esta publicação: uma "
            "resposta a ela nunca é pública.",
            "publicação privada",
        )
    ]
    hand = page.split('id="write-reply"', 1)[1].split("</fieldset>", 1)[0]
    assert "resposta na conversa" in hand and "(só quem vê a publicação)" in hand
    assert "resposta pública" not in hand


async def test_a_public_post_has_no_badge_and_its_public_reply_counts_the_handle(
    as_role: Login, store: Store
) -> None:
    mention, _, _ = add(
        store,
        "lamp broke",
        platform="mastodon",
        handle="carla_1234",
        draft="Hi",
        draft_kind="public",
        visibility="public",
    )
    page = await _page(as_role, mention)
    assert _badge(page) == [] and IN_CONVERSATION not in page
    assert "public reply" in page.split('id="write-reply"', 1)[1].split("</fieldset>", 1)[0]
    # Every Mastodon reply starts with the author's @handle, public ones too: counted.
    draft = re.compile(r'<textarea[^>]*rows="5"[^>]*data-rule="(\w+)" data-prefix="([^"]*)"')
    assert draft.findall(page) == [("mastodon", "@carla_1234 ")]
    assert '<b class="count-n">14</b>' in page
