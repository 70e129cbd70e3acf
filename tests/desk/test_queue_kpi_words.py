"""The queue's first-response card says which cases its median is over: those answered in
the last 24 h (a wait of days is possible there), not a median wait of at most 24 h."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest

from tests.desk.conftest import Desk

Login = Callable[[str], Awaitable[Desk]]


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", "median first response of the last 24 h&#39;s answers"),
        ("pt-BR", "mediana da 1ª resposta das últimas 24 h"),
        ("pt-PT", "mediana da 1.ª resposta das últimas 24 h"),
    ],
)
async def test_the_first_response_card_names_the_cases_it_is_over(
    as_role: Login, language: str, words: str
) -> None:
    desk = await as_role("agent")
    page = await (await desk.client.get("/queue", headers={"Accept-Language": language})).text()
    assert f"<span>{words}</span>" in page and "(24 h)" not in page
