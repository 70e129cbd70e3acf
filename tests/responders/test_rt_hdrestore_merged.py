"""An RT agent merges a duplicate: our case's ticket into another (the same customer wrote
twice, or two cases are one complaint). RT's searches then find only the ticket it was merged
into, so the sweep said the case's ticket "was not found (deleted?)" and the case never
resolved, though the ticket it lives on was resolved. Now a ticket the search misses is looked
up by id: merged, it is solved when the ticket it was merged into is. A real RT 5 server."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from dataclasses import replace

import pytest

from responders.request_tracker import RequestTrackerResponder
from tests.responders._data import action
from tests.responders.test_request_tracker import rt_call
from tests.rt_server import RTServer


@pytest.fixture
async def rt(rt_server: RTServer) -> AsyncIterator[RequestTrackerResponder]:
    responder = RequestTrackerResponder("rt", base_url=rt_server.base, token=rt_server.token)
    yield responder
    await responder.close()


async def _ticket(rt: RequestTrackerResponder, number: str) -> str:
    a = action(kind="ticket", target="rt")
    a = replace(a, key=f"ticket:rt:case:{number}", context=replace(a.context, case_number=number))
    return (await rt.deliver(a)).ref or ""


async def test_a_merged_ticket_is_solved_with_the_one_it_was_merged_into(
    rt: RequestTrackerResponder, rt_server: RTServer, caplog: pytest.LogCaptureFixture
) -> None:
    merged, kept, alone = [await _ticket(rt, f"MD-08000{n}") for n in (1, 2, 3)]
    rt_call(rt_server, "PUT", f"ticket/{merged}", {"MergeInto": kept})
    with caplog.at_level(logging.WARNING, logger="responders.request_tracker"):
        assert await rt.solved([merged, kept, alone]) == set()  # open still: not "deleted"
        rt_call(rt_server, "PUT", f"ticket/{kept}", {"Status": "resolved"})
        assert await rt.solved([merged, alone]) == {merged}  # before: set(), and never
        assert await rt.solved([merged]) == {merged}
    said = [r.getMessage() for r in caplog.records if r.name == "responders.request_tracker"]
    assert not [s for s in said if "not found" in s], said


async def test_a_deleted_ticket_is_still_said_once(
    rt: RequestTrackerResponder, rt_server: RTServer, caplog: pytest.LogCaptureFixture
) -> None:
    gone = await _ticket(rt, "MD-080004")
    rt_call(rt_server, "PUT", f"ticket/{gone}", {"Status": "deleted"})
    with caplog.at_level(logging.WARNING, logger="responders.request_tracker"):
        assert await rt.solved([gone]) == set()
        assert await rt.solved([gone]) == set()
    said = [r.getMessage() for r in caplog.records if r.name == "responders.request_tracker"]
    assert said == [f"request tracker ticket {gone} was not found (deleted?); case left open"]
