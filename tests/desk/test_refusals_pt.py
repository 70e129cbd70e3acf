"""A community manager in Campinas (pt-BR) and her colleague in Porto (pt-PT) approve and
send replies: a reply refused as too long says, in the desk's language, how long it is as the
platform counts it and what the platform allows (and, on Bluesky, that the bytes are over
while the characters fit), not only that it is "longer than the platform allows"."""

from __future__ import annotations

import html
import re
from collections.abc import Awaitable, Callable

import pytest

from mentiondesk.store import Store
from tests.desk.conftest import Desk
from tests.desk.seed import add

Login = Callable[[str], Awaitable[Desk]]
DRAFTED = "Sorry about that! Could you DM us your order number?"
_SEEN = r'class="draft-form">\s*<input[^\n]*name="seen" value="(\w+)"'
_REFUSED = re.compile(
    r'class="notice notice-error (?:draft|reply)-refused"[^>]*>\s*<p><b>(.*?)</b>'
)
# 138 families of four: 138 graphemes (Bluesky's 300 fit), 25 bytes each (3450 > 3000).
FAMILIES = "👨‍👩‍👧‍👦" * 138

X_SAID = {
    "en": "The reply is longer than the platform allows: shorten it first. It is 301 "
    "characters; X allows 280.",
    "pt-BR": "A resposta é mais longa do que a plataforma permite: encurte antes de enviar. São "
    "301 caracteres; o X aceita até 280.",
    "pt-PT": "A resposta é mais longa do que a plataforma permite: encurte-a primeiro. Tem 301 "
    "caracteres; o X aceita até 280.",
}
BYTES_SAID = {
    "pt-BR": "Cabe no limite de caracteres do Bluesky, mas não nos 3.000 bytes que ele aceita "
    "(aqui são 3.450): use menos emojis.",
    "pt-PT": "Cabe no limite de caracteres do Bluesky, mas não nos 3000 bytes que este aceita "
    "(tem 3450): use menos emojis.",
}


async def _as(as_role: Login, lang: str) -> Desk:
    desk = await as_role("agent")
    if lang != "en":
        await desk.client.get(f"/lang/{lang}?next=/queue")
    return desk


async def _approve(desk: Desk, case: int, draft: int, text: str) -> str:
    """Approve `text` as the draft from its case page; the refused page's reason."""
    page = await (await desk.client.get(f"/cases/{case}")).text()
    seen = re.search(rf'/drafts/{draft}/approve" {_SEEN}', page)
    assert seen, "the case page offers no form for the draft"
    form = {"back": f"/cases/{case}", "text": text, "seen": seen.group(1)}
    refused = await (await desk.refused(f"/drafts/{draft}/approve", **form)).text()
    return _reason(refused)


def _reason(page: str) -> str:
    found = _REFUSED.search(page)
    assert found, "the page says no reason beside the kept text"
    return html.unescape(found.group(1))


@pytest.mark.parametrize("lang", ["en", "pt-BR", "pt-PT"])
async def test_a_too_long_x_reply_says_its_length_and_x_limit(
    as_role: Login, store: Store, lang: str
) -> None:
    _, case, draft = add(store, "Cadê?", platform="x", draft=DRAFTED, draft_kind="public")
    assert case and draft
    desk = await _as(as_role, lang)
    assert await _approve(desk, case, draft, "a" * 301) == X_SAID[lang]


@pytest.mark.parametrize("lang", ["pt-BR", "pt-PT"])
async def test_an_x_reply_counted_otherwise_says_how_x_counts_it(
    as_role: Login, store: Store, lang: str
) -> None:
    _, case, draft = add(store, "Cadê?", platform="x", draft=DRAFTED, draft_kind="public")
    assert case and draft
    desk = await _as(as_role, lang)
    said = await _approve(desk, case, draft, "Obrigado! " + "東京" * 70)  # 10 + 280
    assert re.search(r"\. (São|Tem) 290 caracteres (na contagem do|tal como o) X ", said)
    assert "o X aceita até 280" in said and "alfabeto latino" in said
    links = "links contam" if lang == "pt-BR" else "as ligações contam"
    assert links in said


@pytest.mark.parametrize("lang", ["pt-BR", "pt-PT"])
async def test_a_bluesky_reply_over_its_bytes_says_so_with_its_numbers(
    as_role: Login, store: Store, lang: str
) -> None:
    """The counter shows 138 of 300: "longer than the platform allows" contradicted it."""
    _, case, draft = add(store, "Cadê?", platform="bluesky", draft=DRAFTED, draft_kind="public")
    assert case and draft
    desk = await _as(as_role, lang)
    assert (await _approve(desk, case, draft, FAMILIES)).endswith(" " + BYTES_SAID[lang])


async def test_a_mastodon_reply_counts_the_content_warning_it_carries(
    as_role: Login, store: Store
) -> None:
    """Porto: the post's warning goes with the reply and counts; the notice says by how much."""
    post = "\u26a0\ufe0f spoilers do final\n\nO episódio não carrega"
    _, case, draft = add(store, post, platform="mastodon", draft=DRAFTED, draft_kind="public")
    assert case and draft
    desk = await _as(as_role, "pt-PT")
    said = await _approve(desk, case, draft, "c" * 480)  # 487 with "@ana_N ", 504 with the CW
    assert re.search(r"Tem 50\d caracteres tal como o Mastodon os conta \(", said)
    assert "incluindo o aviso de conteúdo da publicação, que segue com ela (17)" in said
    assert said.endswith("o Mastodon aceita até 500.")


async def test_reply_now_too_long_speaks_portuguese_with_numbers(
    as_role: Login, store: Store
) -> None:
    mention, case, _ = add(store, "Cadê?", platform="x", draft=None)
    assert case
    desk = await _as(as_role, "pt-BR")
    page = await (await desk.client.get(f"/cases/{case}")).text()
    seen = re.search(r'name="seen" value="(\d+)"', page[page.index('id="write-reply"') :])
    assert seen
    form = {"back": f"/cases/{case}", "kind": "public", "text": "b" * 281, "seen": seen.group(1)}
    refused = await (await desk.refused(f"/mentions/{mention}/reply", **form)).text()
    assert _reason(refused) == (
        "A resposta é mais longa do que a plataforma permite: encurte antes de enviar. São "
        "281 caracteres; o X aceita até 280."
    )
