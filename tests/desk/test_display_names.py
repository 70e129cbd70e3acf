"""Codes stay in the database: the desk shows platforms by their own names ("X", "Hacker
News"), languages in the reader's words, and an escalation by where the case went. Mention
and draft text carry their language in `lang`, for a screen reader's voice."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from types import SimpleNamespace

from mentiondesk.hand_reply import HAND
from mentiondesk.store import Store
from mentiondesk.tables import DRAFT, READING
from mentiondesk.web.audit_lines import audit_line
from mentiondesk.web.i18n import ENGLISH, EUROPEAN_PORTUGUESE, PORTUGUESE
from tests.desk.conftest import Desk
from tests.desk.seed import add

Login = Callable[[str], Awaitable[Desk]]
PT_BR = {"Accept-Language": "pt-BR"}
PT_PT = {"Accept-Language": "pt-PT"}


def _languages(store: Store, mention: int, read: str, drafted: str) -> None:
    """The reading's language and its draft's, as the detector and the playbook set them."""
    with store.engine.begin() as conn:
        conn.execute(READING.update().where(READING.c.mention_id == mention).values(lang=read))
        conn.execute(DRAFT.update().where(DRAFT.c.mention_id == mention).values(lang=drafted))


async def _page(desk: Desk, path: str, headers: dict[str, str] | None = None) -> str:
    response = await desk.client.get(path, headers=headers or {})
    assert response.status == 200, path
    return await response.text()


async def test_the_case_page_names_the_platform_and_the_languages(
    as_role: Login, store: Store
) -> None:
    mention, case, _ = add(store, "Cadê meu pedido?", handle="ines")
    _languages(store, mention, "pt", "pt-PT")
    desk = await as_role("agent")
    pt = await _page(desk, f"/cases/{case}", PT_BR)
    assert "no X · " in pt and "Não contatar ines no X</button>" in pt
    assert " no x " not in pt and " no x<" not in pt
    assert "Idioma</dt><dd>português</dd>" in pt
    assert "· português europeu</span>" in pt  # the draft's language, beside its rule
    assert 'title="regra: complaint"' in pt
    european = await _page(desk, f"/cases/{case}", PT_PT)
    assert "· português europeu</span>" in european
    en = await _page(desk, f"/cases/{case}")
    assert "on X · " in en and "Language</dt><dd>Portuguese</dd>" in en
    assert "· European Portuguese</span>" in en and 'title="rule: complaint"' in en


async def test_both_variants_of_a_portuguese_draft_are_named(as_role: Login, store: Store) -> None:
    """A rule's draft from templates/pt/ is Brazil's Portuguese, named as the pt-PT one is
    European; one written by hand has only the post's language."""
    brazil, case, _ = add(store, "Cadê meu pedido?", handle="bia")
    _languages(store, brazil, "pt", "pt")
    hand, by_hand, _ = add(store, "Cadê?", handle="rui", rule=HAND)
    _languages(store, hand, "pt", "pt")
    desk = await as_role("agent")
    pt = await _page(desk, f"/cases/{case}", PT_BR)
    assert "· português do Brasil</span>" in pt and "(português (" not in pt
    assert "· Brazilian Portuguese</span>" in await _page(desk, f"/cases/{case}")
    assert "· português</span>" in await _page(desk, f"/cases/{by_hand}", PT_BR)


async def test_mention_and_draft_text_carry_their_language(as_role: Login, store: Store) -> None:
    mention, case, _ = add(store, "Cadê meu pedido?")
    _languages(store, mention, "pt", "pt-BR")
    unsure, other, _ = add(store, "???")
    _languages(store, unsure, "und", "und")
    desk = await as_role("agent")
    page = await _page(desk, f"/cases/{case}")
    assert 'dir="auto" lang="pt" id="mention-text"' in page
    assert '<textarea name="text" rows="5" dir="auto" lang="pt-BR"' in page  # the draft
    assert '<textarea name="text" rows="4" dir="auto" lang="pt"' in page  # Reply now
    queue = await _page(desk, "/queue?view=all")
    assert re.search(r'<span lang="pt" id="q\d+-text">Cadê meu pedido\?</span>', queue)
    assert '<span lang="pt-BR">Sorry about that' in queue  # the draft, in its own language
    # Unknown ("und"): no lang at all, rather than a guess; its word instead of the code.
    page = await _page(desk, f"/cases/{other}", PT_BR)
    assert 'lang="und"' not in page and 'id="mention-text">???' in page
    assert "Idioma</dt><dd>não identificado</dd>" in page


async def test_the_queue_names_platforms_and_languages(as_role: Login, store: Store) -> None:
    mention, _, _ = add(store, "Ask HN: anyone else waiting on Lumora?", platform="hackernews")
    _languages(store, mention, "pt", "pt")
    add(store, "Where is my parcel?")
    desk = await as_role("agent")
    queue = await _page(desk, "/queue?view=all", PT_BR)
    # Hacker News has no followers to count after its name (its listener stores none).
    assert '<span class="muted">Hacker News</span>' in queue and '<span class="muted">X · ' in queue
    assert ">português</span>" in queue and ">inglês</span>" in queue  # the reading badges
    assert '<option value="hackernews" >Hacker News</option>' in queue  # the filter, by code
    assert '<option value="pt" >português</option>' in queue
    assert "hackernews ·" not in queue and ">pt</span>" not in queue


async def test_the_dashboard_names_platforms(as_role: Login, store: Store) -> None:
    add(store, "Show HN: my Lumora lamp died", platform="hackernews")
    page = await _page(await as_role("manager"), "/dashboard", PT_BR)
    assert '<span class="hlabel">Hacker News</span>' in page
    assert '"hlabel">hackernews<' not in page


async def test_an_escalation_names_the_case_list_not_the_responder(
    as_role: Login, store: Store
) -> None:
    _, case, _ = add(store, "Third time asking")
    desk = await as_role("agent")
    await desk.post(f"/cases/{case}/escalate")  # routing.ticket: "cases", kind local
    pt = await _page(desk, f"/cases/{case}", PT_BR)
    assert "agent encaminhou o caso para a lista de casos do atendimento</li>" in pt
    assert "para cases" not in pt and "escalou" not in pt
    en = await _page(desk, f"/cases/{case}")
    assert "agent escalated the case to the desk&#39;s case list</li>" in en


def test_an_escalation_to_a_help_desk_names_it() -> None:
    entry = SimpleNamespace(
        actor="ana", action="escalate", detail="zendesk", draft_id=None, at=datetime.now(UTC)
    )
    line = "ana escalated the case to the help desk (zendesk)"
    assert audit_line(ENGLISH, entry, local={"cases"}) == line
    pt = "ana encaminhou o caso ao help desk (zendesk)"
    assert audit_line(PORTUGUESE, entry, local={"cases"}) == pt
    # Portugal's support teams say "apoio ao cliente" (i18n_pt_pt_case).
    european = "ana encaminhou o caso para o apoio ao cliente (zendesk)"
    assert audit_line(EUROPEAN_PORTUGUESE, entry) == european
    local = audit_line(
        PORTUGUESE, SimpleNamespace(**{**vars(entry), "detail": "cases"}), local={"cases"}
    )
    assert local == "ana encaminhou o caso para a lista de casos do atendimento"
