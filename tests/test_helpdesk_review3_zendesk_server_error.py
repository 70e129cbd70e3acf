"""Zendesk reads the sweep's tickets 100 ids a show_many call, and one ticket Zendesk fails on
makes the whole call answer 500. The sweep stepped over the chunk, every sweep: the other 99
tickets' cases never resolved, with nothing in the log naming the ticket. Now a chunk that
errors is read again in halves (within a budget, as a refused one is) down to the ticket that
fails: that ticket alone is stepped over, said each sweep, as it may pass. A desk failing every
call is still an outage: a few reads, then the sweep stops as before."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator

import pytest

from mentiondesk.models import TransientError
from responders import _helpdesk as desk
from responders.zendesk import ZendeskResponder
from tests.fakes import zendesk as zd
from tests.fakes._base import FakeAPI

SHOW_MANY = "/api/v2/tickets/show_many.json"
REFS = [str(n) for n in range(1, 151)]  # two show_many chunks: 1-100, 101-150


@pytest.fixture
async def solved_desk(fake_api: FakeAPI) -> AsyncIterator[tuple[ZendeskResponder, zd.ZendeskFake]]:
    """150 tickets, every one solved by an agent in Zendesk."""
    fake = zd.ZendeskFake(fake_api)
    fake.tickets = {int(n): {"id": int(n), "status": "solved"} for n in REFS}
    responder = ZendeskResponder("zd", base_url=fake_api.base_url, email=zd.EMAIL, token=zd.TOKEN)
    yield responder, fake
    await responder.close()


async def test_one_ticket_failing_a_batch_read_costs_that_ticket_alone(
    solved_desk: tuple[ZendeskResponder, zd.ZendeskFake],
    fake_api: FakeAPI,
    caplog: pytest.LogCaptureFixture,
) -> None:
    responder, fake = solved_desk
    fake.broken.add(42)
    with caplog.at_level(logging.WARNING, logger="responders._helpdesk"):
        for _ in range(2):  # every sweep alike: before, 1-100 were stepped over each time
            assert await responder.solved(REFS) == set(REFS) - {"42"}
    said = {r.getMessage() for r in caplog.records if r.name == "responders._helpdesk"}
    assert said == {"zendesk sync stepped over ticket 42 (zendesk answered 500)"}
    # A halving reads a failing half and its sibling: 8 levels from 100 to 1, plus 101-150.
    assert len(fake_api.calls(SHOW_MANY)) <= 2 * (1 + 2 * 7 + 1)


async def test_two_failing_tickets_in_one_chunk_each_cost_themselves(
    solved_desk: tuple[ZendeskResponder, zd.ZendeskFake],
) -> None:
    responder, fake = solved_desk
    fake.broken |= {3, 77, 120}
    assert await responder.solved(REFS) == set(REFS) - {"3", "77", "120"}


async def test_a_desk_failing_every_read_is_still_an_outage(
    solved_desk: tuple[ZendeskResponder, zd.ZendeskFake],
    fake_api: FakeAPI,
    caplog: pytest.LogCaptureFixture,
) -> None:
    responder, fake = solved_desk
    fake.broken |= {int(n) for n in REFS}
    quiet = caplog.at_level(logging.WARNING, logger="responders._helpdesk")
    with quiet, pytest.raises(TransientError):  # nothing read: the sweep failed whole
        await responder.solved([str(n) for n in range(1, 1001)])
    assert len(fake_api.calls(SHOW_MANY)) <= 30  # not two calls a ticket
    said = [r.getMessage() for r in caplog.records if r.name == "responders._helpdesk"]
    assert said == ["zendesk sync stepped over tickets 1 to 100 (zendesk answered 500)"]


async def test_the_halving_keeps_what_it_read_when_a_rate_limit_stops_it() -> None:
    from datetime import UTC, datetime

    from mentiondesk.models import RateLimited

    sweep = desk.SolvedSweep("desk")

    async def read(chunk: list[str]) -> set[str]:
        if "3" in chunk:
            raise TransientError("desk answered 500")
        if chunk == ["4"]:
            raise RateLimited(datetime.now(UTC), "desk answered 429")
        return set(chunk)

    refs = [str(n) for n in range(1, 9)]
    # 1-4 fails, halved: 1-2 read, 3-4 fails, 3 stepped over, 4 rate-limited: the sweep stops
    # at the chunk, keeping 1 and 2.
    assert await sweep.run(refs, 4, read) == {"1", "2"}
