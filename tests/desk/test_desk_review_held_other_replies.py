"""The case page's "Other replies" does not list a reply the outbox holds as one that reached
the author: it says plainly it was approved and not sent, and why, with a link to its case,
where it can be sent again; one still on its way says so too. Sent ones read as before."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable

import sqlalchemy as sa

from mentiondesk import queue
from mentiondesk.store import Store
from mentiondesk.tables import CASE, OUTBOX, case_number
from tests.desk.conftest import Desk
from tests.desk.seed import add

Login = Callable[[str], Awaitable[Desk]]
PT_BR = {"Accept-Language": "pt-BR"}
ROUTE = {"default": "console"}
HELD = "Oi, Vitor! Já estornamos a cobrança em dobro."
SENT = "Oi, Vitor! Pode mandar o e-mail da conta por aqui?"
GOING = "Oi, Vitor! Estamos verificando."


def _other_replies(page: str) -> list[str]:
    """Each of "Outras respostas"' items, its markup's tags dropped."""
    section = page.split("<h3>Outras respostas</h3>", 1)[1].split("</ul>", 1)[0]
    items = re.findall(r"<li[^>]*>(.*?)</li>", section, re.S)
    return [" ".join(re.sub(r"<[^>]+>", " ", item).split()) for item in items]


def _approved(store: Store, text: str, *, status: str, error: str | None = None) -> int:
    """An earlier case of vitinho's, its reply approved and its post left at `status`, and
    the case resolved: the next complaint opens a case of its own."""
    _, case, draft = add(store, "cobrado 2x", handle="vitinho")
    assert case and draft
    queue.edit_draft(store, draft, text=text, by="carla")
    key = queue.approve_draft(store, draft, by="carla", post_route=ROUTE)
    with store.engine.begin() as conn:
        values = {"status": status, "last_error": error, "attempts": 1 if error else 0}
        conn.execute(sa.update(OUTBOX).where(OUTBOX.c.key == key).values(**values))
        conn.execute(sa.update(CASE).where(CASE.c.id == case).values(status="resolved"))
    return case


async def test_a_held_reply_reads_as_not_sent(as_role: Login, store: Store) -> None:
    held = _approved(store, HELD, status="held", error="opted out")
    _approved(store, SENT, status="done")
    _, case, _ = add(store, "de novo cobrado 2x", handle="vitinho")
    desk = await as_role("manager")
    page = await (await desk.client.get(f"/cases/{case}", headers=PT_BR)).text()
    replies = _other_replies(page)
    [held_item] = [r for r in replies if HELD in r]
    assert "aprovada, não enviada" in held_item, held_item
    assert case_number(held) in held_item  # where it can be sent again
    assert f'href="/cases/{held}"' in page.split("<h3>Outras respostas</h3>", 1)[1]
    [sent_item] = [r for r in replies if SENT in r]
    assert "não enviada" not in sent_item and "enviando" not in sent_item, sent_item


async def test_a_reply_still_on_its_way_says_so(as_role: Login, store: Store) -> None:
    _approved(store, GOING, status="pending")
    _, case, _ = add(store, "de novo cobrado 2x", handle="vitinho")
    desk = await as_role("manager")
    page = await (await desk.client.get(f"/cases/{case}", headers=PT_BR)).text()
    [item] = [r for r in _other_replies(page) if GOING in r]
    assert "aprovada, enviando…" in item, item
