"""After a reply written by hand, the queue's timer stops and a waiting draft of the other kind
asks before it goes (it is not withdrawn: a private follow-up to a public answer is fine)."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable

import sqlalchemy as sa

from mentiondesk.store import Store
from mentiondesk.tables import DRAFT
from tests.desk.conftest import Desk
from tests.desk.seed import add

Login = Callable[[str], Awaitable[Desk]]
_SEEN = re.compile(r'name="seen" value="(\d+)"')


async def _reply_publicly(desk: Desk, mention: int, case: int) -> None:
    page = await (await desk.client.get(f"/cases/{case}")).text()
    seen = _SEEN.search(page)
    assert seen
    sent = await desk.post(f"/mentions/{mention}/reply", kind="public", text="On it!", seen=seen[1])
    assert await desk.said(sent) == "replied"


def _row(page: str, case: int) -> str:
    """The queue's row of case `case`."""
    found = re.search(rf'<li class="item[^"]*" data-href="/cases/{case}".*?</li>', page, re.S)
    assert found, f"case {case} is not in the queue"
    return found.group(0)


async def test_the_queue_stops_the_timer_and_asks_before_the_private_message(
    as_role: Login, store: Store
) -> None:
    mention, case, draft = add(store, "My order never came")
    assert case is not None
    agent = await as_role("agent")
    await _reply_publicly(agent, mention, case)
    with store.engine.connect() as conn:
        assert conn.scalar(sa.select(DRAFT.c.status).where(DRAFT.c.id == draft)) == "pending"
    row = _row(await (await agent.client.get("/queue")).text(), case)
    assert 'class="timer done"' in row and "data-since" not in row
    assert "You replied publicly at " in row and "still send this private message?" in row
    manager = await as_role("manager")
    row = _row(await (await manager.client.get("/queue")).text(), case)
    assert "agent replied publicly at " in row and "You replied" not in row
    page = await (await manager.client.get(f"/cases/{case}")).text()
    assert "agent replied publicly at " in page


async def test_the_hint_in_portuguese_and_not_for_a_reply_of_the_same_kind(
    as_role: Login, store: Store
) -> None:
    mention, case, _ = add(store, "Broken lamp")
    other, other_case, _ = add(store, "Broken lamp too", draft_kind="public")
    assert case is not None and other_case is not None
    agent = await as_role("agent")
    await _reply_publicly(agent, mention, case)
    await _reply_publicly(agent, other, other_case)  # withdraws its public draft: no hint
    pt = {"Accept-Language": "pt-BR"}
    page = await (await agent.client.get("/queue?view=all", headers=pt)).text()
    assert "Você respondeu publicamente em " in _row(page, case)
    assert "mesmo assim" not in _row(page, other_case)
    pt_pt = {"Accept-Language": "pt-PT"}
    page = await (await agent.client.get(f"/cases/{case}", headers=pt_pt)).text()
    assert "Respondeu publicamente em " in page and "Você" not in page
