"""The case page's Rule with none recorded: a dash for the eye, words for a screen reader, as
the page's other empty fields (_macros.html's empty_value). A Lisbon agent hears "Regra:
nenhuma": regra is feminine, where Motivo's and Chamado's "nenhum" is masculine. Checked on
the served HTML in English, Brazil's and Portugal's Portuguese."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
import sqlalchemy as sa

from mentiondesk.store import Store
from mentiondesk.tables import CASE
from tests.desk.conftest import Desk
from tests.desk.seed import add
from tests.desk.test_a11y_review_empty_said import said

Login = Callable[[str], Awaitable[Desk]]
LANGS = {
    "en": ({}, "no rule"),
    "pt-BR": ({"Accept-Language": "pt-BR"}, "nenhuma"),
    "pt-PT": ({"Accept-Language": "pt-PT"}, "nenhuma"),
}


@pytest.mark.parametrize("lang", LANGS)
async def test_a_case_with_no_rule_says_so_in_words(
    as_role: Login, store: Store, lang: str
) -> None:
    headers, none = LANGS[lang]
    _, case, _ = add(store, "My lamp arrived broken")
    with store.engine.begin() as conn:
        conn.execute(sa.update(CASE).where(CASE.c.id == case).values(rule=""))
    desk = await as_role("agent")
    page = await (await desk.client.get(f"/cases/{case}", headers=headers)).text()
    assert said(page, "case-rule") == (none, "—")


@pytest.mark.parametrize("lang", LANGS)
async def test_a_case_with_a_rule_names_it(as_role: Login, store: Store, lang: str) -> None:
    headers, none = LANGS[lang]
    _, case, _ = add(store, "My lamp arrived broken", rule="vip_watch")
    desk = await as_role("agent")
    page = await (await desk.client.get(f"/cases/{case}", headers=headers)).text()
    spoken, shown = said(page, "case-rule")
    assert spoken == shown and spoken.startswith("vip_watch") and none not in spoken
