"""A ticket whose read fails with a server error every time (Freshdesk's 500 on one ticket,
a Zendesk show_many that errors over one of its ids). The sweep stopped at it and the next
sweep began there: it failed at once, "nothing read", so every sweep after failed whole and
no other case at that desk was ever resolved again. Now a server error steps over its chunk
(said each sweep, as it may pass); two in a row are an outage, which stops the sweep as
before, and the next sweep starts after them, not at them."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime

import pytest
from aiohttp import web

from mentiondesk.helpdesk_sync import sync_solved
from mentiondesk.models import RateLimited, TransientError, Unreachable
from mentiondesk.pipeline import App
from responders import _helpdesk as desk
from responders.freshdesk import FreshdeskResponder
from tests.fakes import freshdesk as fd
from tests.fakes._base import FakeAPI
from tests.responders.test_helpdesk_sync_stop import N, _statuses
from tests.responders.test_helpdesk_sync_stop import escalated as escalated  # the fixture

Escalated = tuple[App, FreshdeskResponder, fd.FreshdeskFake]


async def test_a_ticket_failing_every_time_does_not_stop_every_sweep(
    escalated: Escalated, fake_api: FakeAPI, caplog: pytest.LogCaptureFixture
) -> None:
    app, responder, fake = escalated
    for ticket in fake.tickets.values():
        ticket["status"] = 4  # all resolved by agents in Freshdesk

    async def broken(request: web.Request) -> web.StreamResponse:
        return web.json_response({"code": "internal_error"}, status=500)

    fake_api.route("GET", "/api/v2/tickets/2", broken)
    with caplog.at_level(logging.WARNING, logger="responders._helpdesk"):
        resolved = [await sync_solved(app.store, {"cases": responder}) for _ in range(3)]
    assert resolved == [N - 1, 0, 0]  # before: [1, 0, 0], cases 3 and 4 open for good
    assert _statuses(app) == ["resolved", "open"] + ["resolved"] * (N - 2)
    said = {r.getMessage() for r in caplog.records if r.name == "responders._helpdesk"}
    assert said == {"freshdesk sync stepped over ticket 2 (freshdesk answered 500)"}


Read = Callable[[list[str]], Awaitable[set[str]]]


def _failing(*bad: str, error: type[Exception] = TransientError) -> tuple[list[str], Read]:
    asked: list[str] = []

    async def read(chunk: list[str]) -> set[str]:
        asked.append(chunk[0])
        if chunk[0] in bad:
            if error is RateLimited:
                raise RateLimited(datetime.now(UTC), "desk answered 429")
            raise error("desk answered 500")
        return set(chunk)

    return asked, read


async def test_two_failures_in_a_row_are_an_outage_and_stop_the_sweep() -> None:
    sweep = desk.SolvedSweep("desk")
    asked, read = _failing("3", "4")
    refs = [str(n) for n in range(1, 7)]
    assert await sweep.run(refs, 1, read) == {"1", "2"}  # stopped at 4: 5 and 6 not asked
    assert asked == ["1", "2", "3", "4"]
    asked.clear()
    # The next sweep starts after the pair (not at them, where it would fail "nothing read").
    for _ in range(2):  # and again: the pair last, the others read every sweep
        assert await sweep.run(refs, 1, read) == {"5", "6", "1", "2"}
        assert asked == ["5", "6", "1", "2", "3", "4"]
        asked.clear()


async def test_an_outage_from_the_first_ticket_fails_the_sweep_whole() -> None:
    sweep = desk.SolvedSweep("desk")
    asked, read = _failing("1", "2", "3")
    with pytest.raises(TransientError):
        await sweep.run(["1", "2", "3"], 1, read)
    assert asked == ["1", "2"]


async def test_an_unreachable_desk_or_a_rate_limit_is_not_stepped_over() -> None:
    for error in (Unreachable, RateLimited):
        asked, read = _failing("2", error=error)
        sweep = desk.SolvedSweep("desk")
        assert await sweep.run(["1", "2", "3"], 1, read) == {"1"}
        assert asked == ["1", "2"]
