"""Request Tracker tickets an agent changed: renamed (the subject no longer starts with the
case number, as triage does), so a follow-up finds its ticket by the ref recorded from this
desk's own delivery; and set to an inactive status other than resolved ("rejected"), which
ends the case as resolved does. Against a real RT 5 server."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from dataclasses import replace

import pytest

from mentiondesk.models import FatalError, OutboxAction
from responders.request_tracker import RequestTrackerResponder
from tests.responders._data import action, follow_up
from tests.responders.test_request_tracker import _history, _on_case, rt_call
from tests.rt_server import RTServer


@pytest.fixture
async def rt(rt_server: RTServer) -> AsyncIterator[RequestTrackerResponder]:
    responder = RequestTrackerResponder("rt", base_url=rt_server.base, token=rt_server.token)
    yield responder
    await responder.close()


def _recorded(number: str, ref: str, attempt: int = 1) -> OutboxAction:
    """A follow-up of case `number` as the outbox hands it over: with the case's ticket."""
    comment = _on_case(follow_up("rt"), number)
    return replace(comment, context=replace(comment.context, ticket_ref=ref), attempt=attempt)


async def _opened(rt: RequestTrackerResponder, number: str) -> str:
    return (await rt.deliver(_on_case(action(kind="ticket", target="rt"), number))).ref


async def test_a_follow_up_to_a_renamed_ticket_is_added_to_it_once(
    rt: RequestTrackerResponder, rt_server: RTServer, caplog: pytest.LogCaptureFixture
) -> None:
    ticket = await _opened(rt, "MD-000911")
    rt_call(rt_server, "PUT", f"ticket/{ticket}", {"Subject": "Order 4411 lost in transit"})
    with caplog.at_level(logging.INFO, logger="responders.request_tracker"):
        receipt = await rt.deliver(_recorded("MD-000911", ticket))
    await rt.deliver(_recorded("MD-000911", ticket, attempt=2))  # a retry adds nothing
    assert (receipt.ref, receipt.case_ticket) == (ticket, False)
    assert _history(rt_server, ticket).count("Comment") == 1
    logged = [r.getMessage() for r in caplog.records if r.name == "responders.request_tracker"]
    assert f"rt ticket {ticket} of MD-000911 has a subject of its own now; commented on" in logged


async def test_a_renamed_then_deleted_ticket_holds_the_follow_up(
    rt: RequestTrackerResponder, rt_server: RTServer
) -> None:
    ticket = await _opened(rt, "MD-000913")
    rt_call(rt_server, "PUT", f"ticket/{ticket}", {"Subject": "spam, ignore"})
    rt_call(rt_server, "PUT", f"ticket/{ticket}", {"Status": "deleted"})
    with pytest.raises(FatalError, match=f"rt ticket {ticket} of MD-000913 was renamed"):
        await rt.deliver(_recorded("MD-000913", ticket))


async def test_a_recorded_ticket_rt_does_not_have_holds_the_follow_up(
    rt: RequestTrackerResponder,
) -> None:
    with pytest.raises(FatalError, match="rt has no ticket 987654, recorded for MD-000914"):
        await rt.deliver(_recorded("MD-000914", "987654"))


async def test_every_inactive_status_ends_the_case_and_deleted_does_not(
    rt: RequestTrackerResponder, rt_server: RTServer
) -> None:
    tickets = {}
    for n, status in enumerate(["resolved", "rejected", "deleted", "open", "stalled"]):
        tickets[status] = ticket = await _opened(rt, f"MD-00092{n}")
        rt_call(rt_server, "PUT", f"ticket/{ticket}", {"Status": status})
    assert await rt.solved(list(tickets.values())) == {tickets["resolved"], tickets["rejected"]}
