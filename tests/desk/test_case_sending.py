"""Right after "Approve and send" the case page says the reply is on its way, not overdue:
the outbox delivers it a moment later (the desk only wakes the worker), and the case's first
response is timed at that delivery (the metrics' figure), when the page says "answered"."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import timedelta

import sqlalchemy as sa

from mentiondesk import queue
from mentiondesk.config import Config
from mentiondesk.outbox import OutboxWorker
from mentiondesk.plugins import build_responders
from mentiondesk.store import Store
from mentiondesk.tables import CASE
from tests.desk.conftest import Desk
from tests.desk.seed import add

Login = Callable[[str], Awaitable[Desk]]


async def test_an_approved_reply_waiting_in_the_outbox_is_shown_as_sending(
    as_role: Login, store: Store, config: Config
) -> None:
    _, case, draft = add(store, "Where is my order?", ago=timedelta(hours=5))
    assert case and draft
    # Approved, its outbox row pending: what the page drawn after the redirect finds.
    key = queue.approve_draft(store, draft, by="agent", post_route={"default": "console"})
    desk = await as_role("agent")
    page = await (await desk.client.get(f"/cases/{case}")).text()
    assert "data-since=" not in page  # no running (overdue) first-response timer
    assert page.count("reply approved, sending…") == 2  # the heading and First response
    assert "approved, sending…</span>" in page  # the draft's own status
    pt = await desk.client.get(f"/cases/{case}", headers={"Accept-Language": "pt-BR"})
    assert "resposta aprovada, enviando…" in await pt.text()
    worker = OutboxWorker(store, build_responders(config), config.settings.outbox)
    await worker.drain(only_key=key)
    page = await (await desk.client.get(f"/cases/{case}")).text()
    assert "sending…" not in page and '<span class="timer done">answered</span>' in page
    with store.engine.connect() as conn:  # the first response, timed at delivery
        answered = conn.scalar(sa.select(CASE.c.first_response_at).where(CASE.c.id == case))
    assert answered is not None


async def test_an_unanswered_case_still_runs_its_timer(as_role: Login, store: Store) -> None:
    _, case, _ = add(store, "Where is my order?")
    desk = await as_role("agent")
    page = await (await desk.client.get(f"/cases/{case}")).text()
    assert "data-since=" in page and "sending…" not in page
