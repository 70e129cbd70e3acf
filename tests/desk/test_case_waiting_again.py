"""The case page agrees with the queue: an answered case whose author wrote again waits since
that new message, and its header says "waiting again", not "answered" with the case's age."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import timedelta

from mentiondesk import queue
from mentiondesk.store import Store
from tests.desk.conftest import Desk
from tests.desk.seed import add
from tests.desk.test_queue_followup_wait import _answered_then_wrote_again

Login = Callable[[str], Awaitable[Desk]]


def _header(page: str) -> str:
    return page.split("<h1>", 1)[1].split("</h1>", 1)[0]


async def test_the_case_page_says_it_waits_again(as_role: Login, store: Store) -> None:
    case = _answered_then_wrote_again(store)
    desk = await as_role("agent")
    header = _header(await (await desk.client.get(f"/cases/{case}")).text())
    assert "waiting again" in header and 'class="timer done"' not in header
    assert "Waiting for a reply to their new message" in header
    assert "19d" not in header and "20d" not in header  # not since the case opened
    for lang, said in (("pt-BR", "aguardando de novo"), ("pt-PT", "à espera de novo")):
        answer = await desk.client.get(f"/cases/{case}", headers={"Accept-Language": lang})
        assert said in _header(await answer.text())


async def test_an_answered_case_nobody_wrote_to_since_is_answered(
    as_role: Login, store: Store
) -> None:
    _, case, draft = add(store, "Order late", handle="rui", priority=20, ago=timedelta(days=2))
    assert case and draft
    queue.approve_draft(store, draft, by="agent", post_route={"default": "console"})
    desk = await as_role("agent")
    header = _header(await (await desk.client.get(f"/cases/{case}")).text())
    assert "waiting again" not in header
