"""A case number reused after a database restore, at Request Tracker: the new customer's case
found the old case's ticket by "[MD-…]" in its subject and took it, so the new complaint was
commented into another customer's ticket. Now a ticket whose subject names another author
holds the action; the case's own retry still finds its ticket. A real RT 5 server."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest

from mentiondesk.models import FatalError
from responders.request_tracker import RequestTrackerResponder
from tests.responders._data import action, follow_up
from tests.responders.test_request_tracker import rt_call
from tests.rt_server import RTServer
from tests.rt_started import rt_started
from tests.test_restore_numbers_helpdesks import by_bob, reused


@pytest.fixture(scope="module")
def rt_here(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RTServer]:
    """A real RT 5 server, as tests/responders' fixture starts one."""
    yield from rt_started(tmp_path_factory.mktemp("rt"))


@pytest.fixture
async def rt(rt_here: RTServer) -> AsyncIterator[RequestTrackerResponder]:
    responder = RequestTrackerResponder("rt", base_url=rt_here.base, token=rt_here.token)
    yield responder
    await responder.close()


async def test_a_new_case_whose_number_finds_another_customers_ticket_is_held(
    rt: RequestTrackerResponder, rt_here: RTServer
) -> None:
    ann = action(kind="ticket", target="rt")
    first = await rt.deliver(ann)
    with pytest.raises(FatalError) as ticket:  # before: receipt for Ann's ticket
        await rt.deliver(by_bob(ann))
    with pytest.raises(FatalError) as comment:  # before: Bob's words in Ann's ticket
        await rt.deliver(by_bob(follow_up("rt")))
    assert reused(ticket, first.ref or "") and reused(comment, first.ref or "")
    path = f"ticket/{first.ref}/history?fields=Type&per_page=100"
    kinds = [t["Type"] for t in rt_call(rt_here, "GET", path)["items"]]
    assert kinds.count("Comment") == 0
    assert (await rt.deliver(ann)).ref == first.ref  # Ann's own retry still finds it
    assert (await rt.deliver(follow_up("rt"))).ref == first.ref
