"""The Saved replies editor names the placeholder meant by a Portuguese word, as the file's
check does (saved_meant): `{{ nome }}` is refused with "did you mean {{ name }}?", in the
page's language (en, pt-BR, pt-PT); a word meaning none still gets the list alone."""

from __future__ import annotations

import html
from collections.abc import Awaitable, Callable

import pytest

from tests.desk.conftest import Desk

Login = Callable[[str], Awaitable[Desk]]
_REPLY = {"id": "pedido", "title": "Número do pedido", "lang": "pt-BR"}


async def _refused(manager: Desk, text: str, lang: str) -> str:
    response = await manager.client.post(
        "/saved-replies",
        data={"csrf": manager.csrf, **_REPLY, "text": text},
        headers={"Accept-Language": lang},
    )
    assert response.status == 200 and [r.status for r in response.history] == [303]
    return html.unescape(await response.text())


@pytest.mark.parametrize(
    ("lang", "text", "says"),
    [
        ("en", "Oi {{ nome }}!", "'nome': not a placeholder. Did you mean {{ name }}? Otherwise"),
        ("pt-BR", "Oi {{ nome }}!", "'nome': não é um campo. Você quis dizer {{ name }}? Se não"),
        (
            "pt-PT",
            "Olá {{ utilizador }}",
            "'utilizador': não é um campo. Queria dizer {{ handle }}? Caso contrário",
        ),
    ],
)
async def test_a_portuguese_placeholder_is_refused_naming_the_one_meant(
    as_role: Login, lang: str, text: str, says: str
) -> None:
    manager = await as_role("manager")
    page = await _refused(manager, text, lang)
    assert says in page
    assert "{{ time_greeting }}" in page  # the list follows, as before


async def test_a_word_meaning_no_placeholder_gets_the_list_alone(as_role: Login) -> None:
    manager = await as_role("manager")
    page = await _refused(manager, "Oi {{ xyzzyq }}", "pt-BR")
    assert "'xyzzyq': não é um campo. Use um destes: {{ agent }}" in page
    assert "quis dizer" not in page
