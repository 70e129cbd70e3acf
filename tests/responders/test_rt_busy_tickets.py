"""A follow-up on a Request Tracker ticket that holds more than one page of attachments (an
agent's mail with files adds one a file): a retry reads every page for its comment, so it is
added once; past the pages read, it is held for a person, never added twice. Against a real
RT 5 server."""

from __future__ import annotations

import base64
from collections.abc import AsyncIterator

import pytest

from mentiondesk.models import FatalError
from responders import _helpdesk as desk
from responders.request_tracker import RequestTrackerResponder
from tests.responders._data import action, follow_up
from tests.responders.test_request_tracker import _history, _on_case, rt_call
from tests.rt_server import RTServer

FILES = 120  # past the 100 attachments of one page


@pytest.fixture
async def rt(rt_server: RTServer) -> AsyncIterator[RequestTrackerResponder]:
    responder = RequestTrackerResponder("rt", base_url=rt_server.base, token=rt_server.token)
    yield responder
    await responder.close()


async def _busy_ticket(rt: RequestTrackerResponder, rt_server: RTServer, number: str) -> str:
    """Case `number`'s ticket, with an agent's comment carrying FILES attachments."""
    opened = await rt.deliver(_on_case(action(kind="ticket", target="rt"), number))
    files = [
        {
            "FileName": f"log{i}.txt",
            "FileType": "text/plain",
            "FileContent": base64.b64encode(f"line {i}".encode()).decode(),
        }
        for i in range(FILES)
    ]
    body = {"Content": "logs attached", "ContentType": "text/plain", "Attachments": files}
    rt_call(rt_server, "POST", f"ticket/{opened.ref}/comment", body)
    return opened.ref


async def test_a_retried_follow_up_on_a_busy_ticket_is_one_comment(
    rt: RequestTrackerResponder, rt_server: RTServer
) -> None:
    ticket = await _busy_ticket(rt, rt_server, "MD-000901")
    comment = _on_case(follow_up("rt"), "MD-000901")
    await rt.deliver(comment)
    await rt.deliver(comment)  # a retry after a lost answer: its comment is on page 2
    assert _history(rt_server, ticket).count("Comment") == 2  # the agent's, and ours once


async def test_a_follow_up_past_the_pages_read_is_held_not_doubled(
    rt: RequestTrackerResponder, rt_server: RTServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    ticket = await _busy_ticket(rt, rt_server, "MD-000902")
    monkeypatch.setattr(desk, "MAX_PAGES", 1)  # one page read: the rest cannot be ruled out
    with pytest.raises(FatalError, match=f"ticket {ticket} has too many comments"):
        await rt.deliver(_on_case(follow_up("rt"), "MD-000902"))
    assert _history(rt_server, ticket).count("Comment") == 1  # the agent's only
