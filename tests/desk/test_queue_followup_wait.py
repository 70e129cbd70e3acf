"""An answered case whose author writes again waits since that message: the queue ranks it by
that wait (not by when the case opened weeks ago) and its row says it waits, not "answered"."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from mentiondesk import queue
from mentiondesk.queue_views import list_cases
from mentiondesk.store import Store
from mentiondesk.tables import CASE, DRAFT
from mentiondesk.web.data_queue import Filters, load_queue
from tests.desk.conftest import Desk
from tests.desk.seed import add

Login = Callable[[str], Awaitable[Desk]]


def _answered_then_wrote_again(store: Store) -> int:
    """A complaint of 20 days ago, answered by a person 19 days ago; its author wrote again
    5 minutes ago. Returns the case's id."""
    _, case, draft = add(
        store, "Order 20 days late", handle="rita", priority=20, ago=timedelta(days=20)
    )
    assert case and draft
    queue.approve_draft(store, draft, by="agent", post_route={"default": "console"})
    long_ago = datetime.now(UTC) - timedelta(days=19)
    with store.engine.begin() as conn:
        conn.execute(sa.update(DRAFT).where(DRAFT.c.id == draft).values(decided_at=long_ago))
        conn.execute(sa.update(CASE).where(CASE.c.id == case).values(first_response_at=long_ago))
    add(store, "Still nothing, any news?", handle="rita", priority=20, draft=None)
    return case


def test_a_new_message_waits_from_when_it_was_posted(store: Store) -> None:
    old = _answered_then_wrote_again(store)
    _, fresh, _ = add(store, "Where is my parcel?", priority=20, ago=timedelta(minutes=50))
    items, waiting = load_queue(store, Filters())
    assert [i.case_id for i in items] == [fresh, old]  # waited 50 minutes, then 5
    again = items[1]
    assert again.waiting_again and again.answered_at is None
    assert timedelta(minutes=4) < datetime.now(UTC) - again.waiting_since < timedelta(hours=1)
    assert not items[0].waiting_again and waiting.cases == 2
    # A page cut short is still the top of the longer list.
    assert [i.case_id for i in load_queue(store, Filters(), limit=1)[0]] == [fresh]


def test_an_older_new_message_still_ranks_first(store: Store) -> None:
    old = _answered_then_wrote_again(store)  # waits 5 minutes, the other 3
    _, fresh, _ = add(store, "Where is my parcel?", priority=20, ago=timedelta(minutes=3))
    items, _ = load_queue(store, Filters())
    assert [i.case_id for i in items] == [old, fresh]
    # Priority still comes first: a more urgent case that waited less is above both.
    _, urgent, _ = add(store, "FURIOUS", priority=90, ago=timedelta(minutes=1))
    items, _ = load_queue(store, Filters(view="all"))
    assert [i.case_id for i in items] == [urgent, old, fresh]


async def test_its_row_says_it_waits_again(as_role: Login, store: Store) -> None:
    _answered_then_wrote_again(store)
    desk = await as_role("agent")
    page = await (await desk.client.get("/queue")).text()
    row = page.split('<li class="item ', 1)[1].split("</li>", 1)[0]
    assert "Still nothing, any news?" in row
    assert "waiting again" in row and 'class="timer done"' not in row
    assert "Waiting for a reply to their new message" in row
    pt = await (await desk.client.get("/queue", headers={"Accept-Language": "pt-BR"})).text()
    assert "aguardando de novo" in pt and "respondido<" not in pt


def test_answering_the_new_message_ends_the_wait(store: Store) -> None:
    _, case, _ = add(store, "Order late", handle="rui", priority=20, ago=timedelta(days=3))
    _, fresh, _ = add(store, "Where is my parcel?", priority=20, ago=timedelta(minutes=50))
    with store.engine.connect() as conn:
        first = conn.scalar(sa.select(DRAFT.c.id).where(DRAFT.c.case_id == case))
    assert first
    route = {"default": "console"}
    queue.approve_draft(store, first, by="agent", post_route=route)
    yesterday = datetime.now(UTC) - timedelta(days=1)  # well before the new message
    with store.engine.begin() as conn:
        conn.execute(sa.update(DRAFT).where(DRAFT.c.id == first).values(decided_at=yesterday))
    _, _, draft = add(store, "Any news?", handle="rui", priority=20)
    assert draft
    items, _ = load_queue(store, Filters())
    assert [(i.case_id, i.waiting_again) for i in items] == [(fresh, False), (case, True)]
    queue.approve_draft(store, draft, by="agent", post_route=route)  # the reply to it
    assert [i.case_id for i in load_queue(store, Filters())[0]] == [fresh]
    everything, _ = load_queue(store, Filters(view="all"))
    assert [(i.case_id, i.waiting_again) for i in everything] == [(case, False), (fresh, False)]


def test_cases_list_ranks_it_as_the_desk_does(store: Store) -> None:
    old = _answered_then_wrote_again(store)
    _, fresh, _ = add(store, "Where is my parcel?", priority=20, ago=timedelta(minutes=50))
    assert [c.id for c in list_cases(store)] == [fresh, old]
