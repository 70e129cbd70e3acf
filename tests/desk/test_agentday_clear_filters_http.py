"""Clearing the filters of an empty queue: "Nothing is waiting" takes focus, as the count of
a queue with rows does (test_agentday_clear_filters.py); a plain load moves no focus."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from mentiondesk.store import Store
from tests.desk.conftest import Desk


async def test_an_empty_queue_cleared_says_nothing_is_waiting(
    as_role: Callable[[str], Awaitable[Desk]], store: Store
) -> None:
    desk = await as_role("agent")
    page = await (await desk.client.get("/queue?filtered=1")).text()
    said = page.split('<p class="empty-queue"', 1)[1].split("</p>", 1)[0]
    assert 'id="queue-count"' in said and "autofocus" in said and "Nothing is waiting." in said
    plain = await (await desk.client.get("/queue")).text()
    assert 'id="queue-count"' not in plain  # a plain load (a crumb, a link) moves no focus
