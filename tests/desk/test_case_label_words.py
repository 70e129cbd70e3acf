"""A sentiment inside a sentence reads as a word ("era reclamação"), not as the capitalised
chip made for a badge or a column heading ("Reclamação"), in every language the desk speaks."""

from __future__ import annotations

import html
from collections.abc import Awaitable, Callable

import pytest

from mentiondesk.store import Store
from tests.desk.conftest import Desk
from tests.desk.seed import add

Login = Callable[[str], Awaitable[Desk]]


@pytest.mark.parametrize(
    ("lang", "said", "chip"),
    [
        ("en", "corrected by agent (was complaint)", ">complaint</span>"),
        ("pt-BR", "corrigida por agent (era reclamação)", ">Reclamação</span>"),
        ("pt-PT", "corrigida por agent (era reclamação)", ">Reclamação</span>"),
    ],
)
async def test_a_corrected_reading_says_what_it_was_in_lower_case(
    as_role: Login, store: Store, lang: str, said: str, chip: str
) -> None:
    mention, case, _ = add(store, "It arrived, love it")
    desk = await as_role("agent")
    await desk.post(f"/mentions/{mention}/correct", label="positive", back=f"/cases/{case}")
    response = await desk.client.get(f"/cases/{case}", headers={"Accept-Language": lang})
    page = html.unescape(await response.text())
    line = page.split('<p class="reading-line">', 1)[1].split("</p>", 1)[0]
    assert said in line
    assert chip in page  # the badges and the history's axis keep their capital
