"""Request Tracker finds a case's ticket by the case number in its subject, with TicketSQL's
LIKE, which matches anywhere in it. A ticket someone else filed in the queue with that text
("Fwd: [MD-…] …", from our ticket's mail) was taken for the case's: a follow-up went on it
(and made it the case's ticket, so the help-desk sync then followed a ticket that is not
ours), and a ticket action found it instead of filing the case's own. Now the recorded
ticket (this desk's own receipt) is the one a follow-up goes on, and only a subject that
starts with the case number, as ours do, is the case's. Against a real RT 5 server."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from dataclasses import replace

import pytest

from mentiondesk.models import OutboxAction
from responders.request_tracker import RequestTrackerResponder
from tests.responders._data import action, follow_up
from tests.responders.test_request_tracker import _history, _on_case, rt_call
from tests.rt_server import RTServer


@pytest.fixture
async def rt(rt_server: RTServer) -> AsyncIterator[RequestTrackerResponder]:
    responder = RequestTrackerResponder("rt", base_url=rt_server.base, token=rt_server.token)
    yield responder
    await responder.close()


def _recorded(number: str, ref: str) -> OutboxAction:
    comment = _on_case(follow_up("rt"), number)
    return replace(comment, context=replace(comment.context, ticket_ref=ref))


def _foreign(rt_server: RTServer, subject: str) -> str:
    """A ticket someone filed in the queue by hand."""
    body = {"Queue": "General", "Subject": subject, "Content": "fyi", "ContentType": "text/plain"}
    return str(rt_call(rt_server, "POST", "ticket", body)["id"])


async def test_a_follow_up_goes_on_the_recorded_ticket_not_one_quoting_the_case(
    rt: RequestTrackerResponder, rt_server: RTServer
) -> None:
    ours = (await rt.deliver(_on_case(action(kind="ticket", target="rt"), "MD-000941"))).ref
    rt_call(rt_server, "PUT", f"ticket/{ours}", {"Subject": "Order 4411 lost in transit"})
    other = _foreign(rt_server, "Fwd: [MD-000941] delivery — @angry_ann on x")
    receipt = await rt.deliver(_recorded("MD-000941", ours))
    assert (receipt.ref, receipt.case_ticket) == (ours, False)  # before: (other, True)
    assert _history(rt_server, ours).count("Comment") == 1
    assert _history(rt_server, other).count("Comment") == 0


async def test_a_ticket_quoting_the_case_number_is_not_taken_for_the_cases(
    rt: RequestTrackerResponder, rt_server: RTServer
) -> None:
    other = _foreign(rt_server, "Re: [MD-000942] delivery — @angry_ann on x")
    receipt = await rt.deliver(_on_case(action(kind="ticket", target="rt"), "MD-000942"))
    assert receipt.ref != other
    assert rt_call(rt_server, "GET", f"ticket/{receipt.ref}")["Subject"].startswith("[MD-000942]")
    again = await rt.deliver(_on_case(action(kind="ticket", target="rt"), "MD-000942"))
    assert again.ref == receipt.ref  # a retry still finds the case's own


async def test_a_deleted_ticket_is_said_once_and_never_solved(
    rt: RequestTrackerResponder, rt_server: RTServer, caplog: pytest.LogCaptureFixture
) -> None:
    """As Zendesk's and Freshdesk's syncs say of a ticket deleted there."""
    tickets = []
    for n in (3, 4):
        opened = await rt.deliver(_on_case(action(kind="ticket", target="rt"), f"MD-00094{n}"))
        tickets.append(opened.ref)
    rt_call(rt_server, "PUT", f"ticket/{tickets[0]}", {"Status": "deleted"})
    rt_call(rt_server, "PUT", f"ticket/{tickets[1]}", {"Status": "resolved"})
    with caplog.at_level(logging.WARNING, logger="responders.request_tracker"):
        assert await rt.solved(tickets) == {tickets[1]}
        assert await rt.solved(tickets) == {tickets[1]}
    logged = [r.getMessage() for r in caplog.records if r.name == "responders.request_tracker"]
    assert logged == [
        f"request tracker ticket {tickets[0]} was not found (deleted?); case left open"
    ]
