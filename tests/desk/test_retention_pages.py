"""A case the retention blanked still opens on the desk, and the dashboard still counts it."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from datetime import timedelta

import sqlalchemy as sa

from mentiondesk import queue, retention
from mentiondesk.store import Store
from mentiondesk.tables import CASE
from tests.desk.conftest import Desk
from tests.desk.seed import add

Login = Callable[[str], Awaitable[Desk]]
OLD = "My order from last spring never came"


async def test_a_blanked_case_opens_blank_and_still_counts(as_role: Login, store: Store) -> None:
    mention, case, _ = add(store, OLD, name="Maria Silva", ago=timedelta(days=80), draft=None)
    assert case is not None
    queue.close_case(store, case, by="agent", status="resolved")
    with store.engine.begin() as conn:  # resolved the day it was opened, 80 days ago
        conn.execute(sa.update(CASE).values(closed_at=CASE.c.opened_at))
    manager = await as_role("manager")
    before = _resolution(await (await manager.client.get("/dashboard?days=90")).text())
    done = retention.purge(store, 30, by="test")
    assert (done.cases, done.mentions, done.authors) == (1, 1, 1)
    agent = await as_role("agent")
    for path in (f"/mentions/{mention}", f"/cases/{case}"):
        response = await agent.client.get(path)
        page = await response.text()
        assert response.status == 200, path
        assert OLD not in page and "Maria Silva" not in page, path
    after = await (await manager.client.get("/dashboard?days=90")).text()
    assert _resolution(after) == before == ("100%", "1 of 1")


def _resolution(page: str) -> tuple[str, str]:
    """The dashboard's resolution rate and its "resolved · N of M", as shown."""
    rate = re.search(r'<b id="dash-resolution">([^<]*)</b><span>[^·]*· ([\d,]+ of [\d,]+)', page)
    assert rate, page
    return rate.group(1).strip(), rate.group(2)
