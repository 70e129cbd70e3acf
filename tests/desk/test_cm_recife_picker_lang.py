"""A draft written by hand in a case whose post told Portugal's Portuguese (its platform's
tag) is Portugal's: the saved-reply picker by its box lists pt-PT's replies first and says
so, never "Brazilian Portuguese", a region nobody told it (draft_langs)."""

from __future__ import annotations

import html
from pathlib import Path

import pytest
import sqlalchemy as sa

from mentiondesk.config import Config
from mentiondesk.hand_reply import HAND
from mentiondesk.store import Store
from mentiondesk.tables import DRAFT, MENTION, READING
from tests.desk.saved_picker_helpers import Login, saved_config
from tests.desk.seed import add

SAVED = """
[[replies]]
id = "espera"
title = "Desculpe a demora"
lang = "pt-BR"
text = "Desculpe a demora! Manda o número do pedido?"

[[replies]]
id = "demora"
title = "Lamentamos a demora"
lang = "pt-PT"
text = "Lamentamos a demora! Pode enviar o número da encomenda?"
"""


@pytest.fixture
def config(tmp_path: Path, db_url: str) -> Config:
    return saved_config(tmp_path, db_url, SAVED)


def _by_hand(store: Store, tag: str | None) -> tuple[int, int]:
    mention, case, draft = add(store, "A minha encomenda não chegou", draft="Olá!")
    assert case is not None and draft is not None
    with store.engine.begin() as conn:
        conn.execute(sa.update(READING).where(READING.c.mention_id == mention).values(lang="pt"))
        conn.execute(sa.update(MENTION).where(MENTION.c.id == mention).values(lang=tag))
        conn.execute(sa.update(DRAFT).where(DRAFT.c.id == draft).values(lang="pt", rule=HAND))
    return case, draft


def _draft_picker(page: str, draft: int) -> str:
    start = page.index(f'id="draft-{draft}"')
    return page[start : page.index("</form>", start)]


async def test_a_hand_drafts_picker_takes_the_region_the_post_told(
    as_role: Login, store: Store
) -> None:
    agent = await as_role("agent")
    told, told_draft = _by_hand(store, "pt-PT")
    untold, untold_draft = _by_hand(store, None)
    page = html.unescape(await (await agent.client.get(f"/cases/{told}")).text())
    picker = _draft_picker(page, told_draft)
    assert "In the draft’s language (European Portuguese)" in picker
    assert picker.index('value="demora"') < picker.index('value="espera"')
    page = html.unescape(await (await agent.client.get(f"/cases/{untold}")).text())
    picker = _draft_picker(page, untold_draft)
    assert "In the draft’s language (Portuguese)" in picker  # both regions fit it
