"""A followers-only or direct follow-up in a case: marked "private post" in the case's list,
and the rule's public thank-you drafted for it as a private message says why it is private."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest

from mentiondesk.store import Store
from tests.desk.conftest import Desk
from tests.desk.seed import add

Login = Callable[[str], Awaitable[Desk]]
WHY = {
    ("private", "en"): "Sent as a private message: the post is followers-only.",
    ("direct", "en"): "Sent as a private message: only the accounts the post mentions can see it.",
    ("private", "pt-BR"): "Enviada como mensagem privada: a publicação é só para quem segue a "
    "pessoa.",
    ("private", "pt-PT"): "Enviada como mensagem privada: a publicação é só para quem segue a "
    "pessoa.",
}


def _case(store: Store, visibility: str) -> tuple[int, int, int, int]:
    """A public Mastodon complaint (its apology a private message of the rule's own) and a
    not-public praise follow-up whose thank-you is drafted as a private message."""
    _, case, apology = add(store, "Where is my parcel?", handle="rita", platform="mastodon")
    praise, _, thanks = add(
        store, "it arrived, thank you!", handle="rita", label="positive", case=False,
        draft="Thanks!", platform="mastodon", visibility=visibility, rule="praise",
        instead_of_public=True,
    )  # fmt: skip
    assert case is not None and apology is not None and thanks is not None
    return case, praise, apology, thanks


def _items(page: str) -> list[str]:
    listed = page.split('class="thread case-mentions"', 1)[1].split("</ol>", 1)[0]
    return listed.split("<li")[1:]


def _panel(page: str, draft: int) -> str:
    return page.split(f'id="draft-{draft}"', 1)[1].split("</section>", 1)[0]


@pytest.mark.parametrize(("visibility", "lang"), list(WHY))
async def test_the_private_follow_up_and_its_converted_thank_you_say_so(
    as_role: Login, store: Store, visibility: str, lang: str
) -> None:
    case, praise, apology, thanks = _case(store, visibility)
    desk = await as_role("agent")
    page = await (await desk.client.get(f"/cases/{case}", headers={"Accept-Language": lang})).text()
    opener, follow_up = _items(page)
    assert 'class="badge private-post"' not in opener
    assert 'class="badge private-post"' in follow_up and f'href="/mentions/{praise}"' in follow_up
    assert f'<p class="muted converted-private">{WHY[visibility, lang]}</p>' in _panel(page, thanks)
    assert "converted-private" not in _panel(page, apology)  # the rule's own private message
