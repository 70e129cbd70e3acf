"""A Request Tracker queue named with a quote ("Lumora's Care"): the case's ticket is looked
for (TicketSQL) in its queue before one is filed, and the name went into the query as it
was, so RT refused the query (400) and every ticket for that queue was held as refused.
Now the name is quoted as TicketSQL reads it (a backslash before a quote or backslash).
`responders check` looked the queue up as a path, which a "/", "#" or "?" in its name broke;
now by name in a search, saying so when no such queue is there."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest

from mentiondesk.models import FatalError
from responders.request_tracker import RequestTrackerResponder
from tests.responders._data import action
from tests.responders.test_request_tracker import rt_call
from tests.rt_server import RTServer
from tests.rt_started import rt_started

QUEUE = "Lumora's \\Care"  # a quote, and a backslash TicketSQL would read as an escape


@pytest.fixture(scope="module")
def rt_here(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RTServer]:
    """A real RT 5 server, as tests/responders' fixture starts one, with the queue."""
    for server in rt_started(tmp_path_factory.mktemp("rt")):
        rt_call(server, "POST", "queue", {"Name": QUEUE})
        yield server


@pytest.fixture
async def rt(rt_here: RTServer) -> AsyncIterator[RequestTrackerResponder]:
    responder = RequestTrackerResponder(
        "rt", base_url=rt_here.base, token=rt_here.token, queue=QUEUE
    )
    yield responder
    await responder.close()


async def test_a_ticket_is_filed_and_found_in_a_queue_named_with_a_quote(
    rt: RequestTrackerResponder, rt_here: RTServer
) -> None:
    ticket = action(kind="ticket", target="rt")
    first = await rt.deliver(ticket)  # before: FatalError, "request tracker answered 400"
    assert rt_call(rt_here, "GET", f"ticket/{first.ref}")["Queue"]["id"]
    again = await rt.deliver(ticket)  # a retry finds it there, and files no second one
    assert again.ref == first.ref


async def test_check_reaches_a_queue_named_with_a_quote(rt: RequestTrackerResponder) -> None:
    assert await rt.check() == f"token valid; queue {QUEUE!r} reachable"


@pytest.mark.parametrize("queue", ["Sales/EMEA", "Tier #2", "What? Care"])
async def test_check_finds_a_queue_whose_name_is_no_path(rt_here: RTServer, queue: str) -> None:
    """`mentiondesk responders check` asked for queue/{name}: a "/", "#" or "?" in the name
    made it another path (404), and the check said the set-up was broken though it works."""
    rt_call(rt_here, "POST", "queue", {"Name": queue})
    responder = RequestTrackerResponder(
        "rt", base_url=rt_here.base, token=rt_here.token, queue=queue
    )
    try:
        assert await responder.check() == f"token valid; queue {queue!r} reachable"
    finally:
        await responder.close()


async def test_check_says_when_the_queue_is_not_there(rt_here: RTServer) -> None:
    responder = RequestTrackerResponder(
        "rt", base_url=rt_here.base, token=rt_here.token, queue="Nope"
    )
    try:
        with pytest.raises(FatalError, match="no queue 'Nope'"):
            await responder.check()
    finally:
        await responder.close()
