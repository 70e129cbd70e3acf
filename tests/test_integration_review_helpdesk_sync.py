"""The help-desk sync reads Freshdesk one ticket a call. A ticket the API key's agent may not
read (triage moved it to a group outside an agent scoped to their group's tickets: 403
access_denied) is that ticket's problem: the other cases' tickets are still read and their
cases resolved, sweep after sweep, and the refusal is said once, not hourly. A Zendesk ticket
deleted there (left out of show_many) is said once too, as Freshdesk's is."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator

import pytest

from mentiondesk.models import SinkRefused
from responders.freshdesk import FreshdeskResponder
from responders.zendesk import ZendeskResponder
from tests.fakes import freshdesk as fd
from tests.fakes import zendesk as zd
from tests.fakes._base import FakeAPI
from tests.fakes.helpdesks import file_cases


@pytest.fixture
async def desk(fake_api: FakeAPI) -> AsyncIterator[FreshdeskResponder]:
    responder = FreshdeskResponder("cases", base_url=fake_api.base_url, api_key=fd.API_KEY)
    yield responder
    await responder.close()


async def test_a_ticket_the_agent_may_not_read_does_not_stop_the_others(
    fake_api: FakeAPI, desk: FreshdeskResponder, caplog: pytest.LogCaptureFixture
) -> None:
    fake = fd.FreshdeskFake(fake_api)
    await file_cases(desk)
    fake.hidden.add(1)  # the sweep's first ticket, the one every sweep starts at
    fake.tickets[2]["status"] = 4
    fake.tickets[3]["status"] = 5
    with caplog.at_level(logging.WARNING, logger="responders.freshdesk"):
        assert await desk.solved(["1", "2", "3"]) == {"2", "3"}
        assert await desk.solved(["1", "2", "3"]) == {"2", "3"}  # the next sweep alike
    logged = [r.getMessage() for r in caplog.records if r.name == "responders.freshdesk"]
    assert len(logged) == 1 and logged[0].startswith("freshdesk ticket 1 cannot be read"), logged
    assert "403" in logged[0] and "not authorized" not in logged[0]


async def test_credentials_refused_still_fail_the_sweep_whole(
    fake_api: FakeAPI, desk: FreshdeskResponder
) -> None:
    fd.FreshdeskFake(fake_api)
    await file_cases(desk)
    fake_api.queue("GET", "/api/v2/tickets/1", 401, {"code": "invalid_credentials"})
    with pytest.raises(SinkRefused):
        await desk.solved(["1", "2", "3"])


async def test_zendesk_says_once_that_a_cases_ticket_is_gone(
    fake_api: FakeAPI, caplog: pytest.LogCaptureFixture
) -> None:
    """A ticket deleted in Zendesk is left out of show_many: its case can never resolve, and
    the operator is told so (once), as Freshdesk's sync does, not left to guess."""
    fake = zd.ZendeskFake(fake_api)
    desk = ZendeskResponder("cases", base_url=fake_api.base_url, email=zd.EMAIL, token=zd.TOKEN)
    try:
        await file_cases(desk)
        fake.delete(2)
        fake.tickets[3]["status"] = "solved"
        with caplog.at_level(logging.WARNING, logger="responders.zendesk"):
            assert await desk.solved(["1", "2", "3"]) == {"3"}
            assert await desk.solved(["1", "2"]) == set()  # the next sweep: not said again
    finally:
        await desk.close()
    logged = [r.getMessage() for r in caplog.records if r.name == "responders.zendesk"]
    assert logged == ["zendesk ticket 2 was not found (deleted?); case left open"]
