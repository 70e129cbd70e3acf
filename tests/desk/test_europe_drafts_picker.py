"""An Italian post whose draft the playbook wrote in Portuguese (no Italian template): the
saved-reply picker by that draft lists the team's Italian replies first, the author's language,
not the draft's, which the agent is told to rewrite it out of (draft_langs.authors_langs)."""

from __future__ import annotations

import html
from pathlib import Path

import pytest

from mentiondesk.config import Config
from mentiondesk.store import Store
from tests.desk.saved_picker_helpers import Login, saved_config
from tests.desk.seed import draft_in_other_lang
from tests.desk.test_cm_recife_picker_lang import _draft_picker

SAVED = """
[[replies]]
id = "demora"
title = "Lamentamos a demora"
lang = "pt-PT"
text = "Lamentamos a demora! Pode enviar o número da encomenda?"

[[replies]]
id = "ritardo"
title = "Ci scusiamo per il ritardo"
lang = "it"
text = "Ci scusiamo per il ritardo! Può inviarci il numero dell'ordine?"
"""


@pytest.fixture
def config(tmp_path: Path, db_url: str) -> Config:
    return saved_config(tmp_path, db_url, SAVED)


def _case(store: Store, text: str, wrote: str) -> tuple[int, int]:
    return draft_in_other_lang(store, text, wrote=wrote, draft="Olá! Lamentamos muito.")


async def test_the_pickers_first_replies_are_in_the_authors_language(
    as_role: Login, store: Store
) -> None:
    agent = await as_role("agent")
    italian, draft = _case(store, "Il mio ordine non è ancora arrivato", "it")
    picker = _draft_picker(
        html.unescape(await (await agent.client.get(f"/cases/{italian}")).text()), draft
    )
    assert "In the case’s language (Italian)" in picker
    assert picker.index('value="ritardo"') < picker.index('value="demora"')
    # A Portuguese post's Portuguese draft keeps the draft's language first.
    portuguese, draft = _case(store, "A minha encomenda não chegou", "pt")
    picker = _draft_picker(
        html.unescape(await (await agent.client.get(f"/cases/{portuguese}")).text()), draft
    )
    assert "In the draft’s language (European Portuguese)" in picker
    assert picker.index('value="demora"') < picker.index('value="ritardo"')
