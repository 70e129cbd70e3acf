"""A follow-up whose Request Tracker ticket is no longer where the case number finds it: moved
to another queue by triage (the comment goes on it), or deleted (the follow-up is a ticket of
its own, the case's from then on). Against a real RT 5 server."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from dataclasses import replace

import pytest

from mentiondesk.models import OutboxAction, TransientError
from responders.request_tracker import RequestTrackerResponder
from tests.responders._data import action, follow_up
from tests.responders.test_request_tracker import _history, _on_case, rt_call
from tests.rt_server import RTServer


@pytest.fixture
async def rt(rt_server: RTServer) -> AsyncIterator[RequestTrackerResponder]:
    responder = RequestTrackerResponder("rt", base_url=rt_server.base, token=rt_server.token)
    yield responder
    await responder.close()


def _recorded(comment: OutboxAction, ref: str, attempt: int = 1) -> OutboxAction:
    """As the outbox hands it over: with the case's ticket at this desk."""
    return replace(comment, context=replace(comment.context, ticket_ref=ref), attempt=attempt)


async def test_a_follow_up_finds_its_ticket_moved_to_another_queue(
    rt: RequestTrackerResponder, rt_server: RTServer
) -> None:
    opened = await rt.deliver(_on_case(action(kind="ticket", target="rt"), "MD-000080"))
    rt_call(rt_server, "POST", "queue", {"Name": "Billing-80"})
    rt_call(rt_server, "PUT", f"ticket/{opened.ref}", {"Queue": "Billing-80"})
    comment = _on_case(follow_up("rt"), "MD-000080")
    with pytest.raises(TransientError, match="no ticket for MD-000080 yet"):
        await rt.deliver(comment)  # no ticket recorded: it waits, as before
    receipt = await rt.deliver(_recorded(comment, opened.ref))
    assert (receipt.ref, receipt.case_ticket) == (opened.ref, False)
    await rt.deliver(_recorded(comment, opened.ref, attempt=2))  # a retry adds nothing
    assert _history(rt_server, opened.ref).count("Comment") == 1


async def test_a_follow_up_to_a_deleted_ticket_is_filed_anew_once(
    rt: RequestTrackerResponder, rt_server: RTServer, caplog: pytest.LogCaptureFixture
) -> None:
    opened = await rt.deliver(_on_case(action(kind="ticket", target="rt"), "MD-000081"))
    rt_call(rt_server, "PUT", f"ticket/{opened.ref}", {"Status": "deleted"})
    comment = _recorded(_on_case(follow_up("rt"), "MD-000081"), opened.ref)
    with caplog.at_level(logging.INFO, logger="responders.request_tracker"):
        receipt = await rt.deliver(comment)
    assert receipt.case_ticket and receipt.ref != opened.ref
    again = await rt.deliver(replace(comment, attempt=2))  # its answer was lost
    assert again == receipt
    new = rt_call(rt_server, "GET", f"ticket/{receipt.ref}")
    assert new["Subject"] == "[MD-000081] follow-up: @angry_ann on x, post m2"
    assert _history(rt_server, receipt.ref).count("Comment") == 0
    path = f"ticket/{receipt.ref}/attachments?fields=Content&per_page=100"
    contents = [a["Content"] for a in rt_call(rt_server, "GET", path)["items"] if a["Content"]]
    assert contents[0].startswith(
        f"Earlier ticket: {opened.ref} (deleted)\nFollow-up: @angry_ann on x, post m2\n"
    )
    later_comment = _on_case(follow_up("rt", "any news?", "m3"), "MD-000081")
    later = await rt.deliver(_recorded(later_comment, receipt.ref))
    assert (later.ref, later.case_ticket) == (receipt.ref, False)
    logged = [r.getMessage() for r in caplog.records if r.name == "responders.request_tracker"]
    assert f"rt ticket {opened.ref} is deleted; follow-up filed as {receipt.ref}" in logged
