"""A help-desk sync sweep that meets the desk's rate limit part-way. Freshdesk is read one
ticket a call against a per-minute budget: with more open tickets than the budget, every
sweep met a 429 at about the same place and threw away what it had read, so no case was ever
resolved. Now a sweep keeps what it read, and the next starts at the ticket it stopped at."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

import pytest
from aiohttp import web

from mentiondesk.helpdesk_sync import sync_solved
from mentiondesk.models import RateLimited
from mentiondesk.pipeline import App
from responders import _helpdesk as desk
from responders.freshdesk import FreshdeskResponder
from responders.zendesk import ZendeskResponder
from tests.fakes import freshdesk as fd
from tests.fakes import zendesk as zd
from tests.fakes._base import FakeAPI
from tests.responders.test_helpdesk_sync_stop import N, _statuses
from tests.responders.test_helpdesk_sync_stop import escalated as escalated  # the fixture

Escalated = tuple[App, FreshdeskResponder, fd.FreshdeskFake]
LIMITED = {"Retry-After": "60"}
SHOW_MANY = "/api/v2/tickets/show_many.json"


def _read(fake_api: FakeAPI) -> list[str]:
    """The Freshdesk tickets read by id, in order."""
    return [c.path.rsplit("/", 1)[1] for c in fake_api.calls(method="GET") if "/tickets/" in c.path]


async def test_a_429_late_in_the_sweep_keeps_what_was_read(
    escalated: Escalated, fake_api: FakeAPI, caplog: pytest.LogCaptureFixture
) -> None:
    app, responder, fake = escalated
    for ticket in fake.tickets.values():
        ticket["status"] = 4  # all resolved by agents in Freshdesk
    fake_api.queue("GET", f"/api/v2/tickets/{N}", 429, {"code": "rate_limited"}, headers=LIMITED)
    with caplog.at_level(logging.WARNING, logger="responders._helpdesk"):
        assert await sync_solved(app.store, {"cases": responder}) == N - 1
    assert _statuses(app) == ["resolved"] * (N - 1) + ["open"]
    said = [r.getMessage() for r in caplog.records if r.name == "responders._helpdesk"]
    assert said[0].startswith(f"freshdesk sync read {N - 1} of {N} tickets (rate limited")
    assert said[0].endswith(f"the next sweep starts at ticket {N}")
    fake_api.requests.clear()
    assert await sync_solved(app.store, {"cases": responder}) == 1
    assert _read(fake_api)[0] == str(N)  # the next sweep began where this one stopped


async def test_a_budget_smaller_than_the_sweep_still_reaches_every_ticket(
    escalated: Escalated, fake_api: FakeAPI
) -> None:
    app, responder, fake = escalated
    budget = [0]

    async def limited(request: web.Request) -> web.StreamResponse:
        """Two reads a sweep ("a minute"), then 429."""
        budget[0] -= 1
        if budget[0] < 0:
            return web.json_response({"code": "rate_limited"}, status=429, headers=LIMITED)
        return await fake._show(request)

    for n in range(1, N + 1):
        fake.tickets[n]["status"] = 5  # closed there
        fake_api.route("GET", f"/api/v2/tickets/{n}", limited)
    resolved = []
    for _ in range(N // 2):
        budget[0] = 2
        resolved.append(await sync_solved(app.store, {"cases": responder}))
    assert resolved == [2] * (N // 2)  # before: [0, 0], every sweep, for good
    assert _statuses(app) == ["resolved"] * N


async def test_a_429_on_the_first_ticket_fails_the_sweep_as_before(
    escalated: Escalated, fake_api: FakeAPI, caplog: pytest.LogCaptureFixture
) -> None:
    app, responder, fake = escalated
    fake.tickets[1]["status"] = 4
    fake_api.queue("GET", "/api/v2/tickets/1", 429, {"code": "rate_limited"}, headers=LIMITED)
    with caplog.at_level(logging.WARNING, logger="mentiondesk.helpdesk_sync"):
        assert await sync_solved(app.store, {"cases": responder}) == 0
    assert "help-desk sync with cases failed: rate limited" in caplog.text
    assert await sync_solved(app.store, {"cases": responder}) == 1  # the next, from ticket 1


async def test_zendesk_keeps_the_chunks_read_before_a_429(fake_api: FakeAPI) -> None:
    fake = zd.ZendeskFake(fake_api)
    fake.tickets = {n: {"id": n, "status": "solved"} for n in range(1, 151)}
    calls = [0]

    async def second_limited(request: web.Request) -> web.StreamResponse:
        """show_many, but 429 to the sweep's second call: 100 ids a call, 150 tickets."""
        calls[0] += 1
        if calls[0] == 2:
            return web.json_response({"error": "TooManyRequests"}, status=429, headers=LIMITED)
        return await fake._show_many(request)

    fake_api.route("GET", SHOW_MANY, second_limited)
    responder = ZendeskResponder("zd", base_url=fake_api.base_url, email=zd.EMAIL, token=zd.TOKEN)
    refs = [str(n) for n in range(1, 151)]
    try:
        assert await responder.solved(refs) == set(refs[:100])
        fake_api.requests.clear()
        assert await responder.solved(refs) == set(refs)  # from ticket 101, round to 1
    finally:
        await responder.close()
    # 101-150 and 1-50, then 51-100: each id read once a sweep
    assert [c.query["ids"].split(",")[0] for c in fake_api.calls(SHOW_MANY)] == ["101", "51"]


async def test_a_sweep_goes_in_number_order_and_fails_whole_when_nothing_was_read() -> None:
    sweep = desk.SolvedSweep("desk")
    asked: list[list[str]] = []

    async def read(chunk: list[str]) -> set[str]:
        asked.append(chunk)
        if chunk == ["10"]:
            raise RateLimited(datetime.now(UTC), "desk answered 429")
        return set(chunk)

    assert await sweep.run(["10", "9", "x", "2"], 1, read) == {"2", "9"}
    assert asked == [["2"], ["9"], ["10"]]
    with pytest.raises(RateLimited):  # it starts at 10, and nothing was read before it
        await sweep.run(["10", "9", "2"], 1, read)
