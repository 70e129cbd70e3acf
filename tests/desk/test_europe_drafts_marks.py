"""A Lisbon team's playbook writes templates in en, pt and pt-PT only: an Italian post's draft is
written in Portuguese. The case page says so by the draft (instead of "write your changes in
European Portuguese too"), and the queue's row says so beside the draft, in each desk
language; a Portuguese draft for a Portuguese post, or for one too short to tell, says nothing."""

from __future__ import annotations

import html
import re
from collections.abc import Awaitable, Callable

import pytest

from mentiondesk.store import Store
from tests.desk.conftest import Desk
from tests.desk.seed import draft_in_other_lang

Login = Callable[[str], Awaitable[Desk]]

LANGS = {
    "en": (
        {},
        "Written in European Portuguese, not in the author’s language: they wrote in Italian",
        "in European Portuguese: the author wrote in Italian",
    ),
    "pt-BR": (
        {"Accept-Language": "pt-BR"},
        "Escrito em português europeu, não no idioma de quem escreveu: a menção está em italiano",
        "em português europeu: a pessoa escreveu em italiano",
    ),
    "pt-PT": (
        {"Accept-Language": "pt-PT"},
        "Escrito em português europeu, não na língua de quem escreveu: a menção está em italiano",
        "em português europeu: a pessoa escreveu em italiano",
    ),
}


def _post(store: Store, text: str, wrote: str) -> tuple[int, int]:
    """A complaint the detector read as `wrote`, with a rule's draft from pt-PT/; (case, draft)."""
    return draft_in_other_lang(store, text, wrote=wrote, draft="Olá {name}, lamentamos o atraso.")


def _text(page: str) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)))


@pytest.mark.parametrize("lang", LANGS)
async def test_a_draft_not_in_the_authors_language_is_marked(
    as_role: Login, store: Store, lang: str
) -> None:
    headers, line, tag = LANGS[lang]
    italian, draft = _post(store, "Il mio ordine non è ancora arrivato", "it")
    desk = await as_role("agent")
    page = await (await desk.client.get(f"/cases/{italian}", headers=headers)).text()
    assert line in _text(page)
    assert f'class="draft-lang other-lang" id="draft-{draft}-lang"' in page  # the box's note
    queue = _text(await (await desk.client.get("/queue", headers=headers)).text())
    assert queue.count(tag) == 1


async def test_portuguese_and_unsure_posts_are_not_marked(as_role: Login, store: Store) -> None:
    portuguese, _ = _post(store, "A minha encomenda não chegou", "pt")
    unsure, _ = _post(store, "???", "und")
    desk = await as_role("agent")
    for case in (portuguese, unsure):
        page = _text(await (await desk.client.get(f"/cases/{case}")).text())
        assert "not in the author’s language" not in page
        assert "Draft in European Portuguese: write your changes" in page
    queue = _text(await (await desk.client.get("/queue")).text())
    assert "the author wrote in" not in queue
