"""The author history of an older case: the author's other cases include newer ones, still
open, so the list is not called "past" ("anteriores" in Portuguese); the accounts it merges
share a handle, which Portuguese names as such, not as "the same profile"."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import timedelta

import pytest

from mentiondesk.store import Store
from tests.desk.conftest import Desk
from tests.desk.seed import add

Login = Callable[[str], Awaitable[Desk]]


@pytest.mark.parametrize(
    ("lang", "handle"), [("pt-BR", "nome de usuário"), ("pt-PT", "nome de utilizador")]
)
async def test_a_newer_open_case_is_not_called_earlier(
    as_role: Login, store: Store, lang: str, handle: str
) -> None:
    # The same handle on two platforms: the history merges them (data_case_history).
    _, older, _ = add(store, "Meu pedido não chegou", handle="bia", ago=timedelta(days=9))
    _, newer, _ = add(store, "Ainda nada", handle="bia", platform="reddit", draft=None)
    assert older and newer and older != newer
    desk, headers = await as_role("agent"), {"Accept-Language": lang}
    page = await (await desk.client.get(f"/cases/{older}", headers=headers)).text()
    assert f"MD-{newer:06d}</a>" in page  # the newer case, listed in the older one's history
    assert "<h3>Outros casos</h3>" in page and "<h3>Outras respostas</h3>" in page
    assert f"Mesmo {handle} em: Reddit" in page and "Mesmo perfil" not in page
    assert "anterior" not in page.split('id="author"')[1].split("</section>")[0]
    english = await (await desk.client.get(f"/cases/{older}")).text()
    assert "<h3>Other cases</h3>" in english and "Past cases" not in english
    empty = await (await desk.client.get(f"/cases/{newer}", headers=headers)).text()
    assert "Nenhuma outra resposta." in empty
