"""A Freshdesk ticket an agent deleted (into the trash) or marked as spam while it was Open is
still shown by id, with `"deleted": true` (or `"spam": true`) and the status it had. The sweep
read that status, Open, and said nothing: the case waited for good on a ticket no agent works
on, with no word why, while a ticket deleted for good (404) is said. Now it is said once,
as those are; one Resolved before it was binned still resolves its case."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator

import pytest

from responders.freshdesk import FreshdeskResponder
from tests.fakes import freshdesk as fd
from tests.fakes._base import FakeAPI
from tests.fakes.helpdesks import file_cases

REFS = ["1", "2", "3"]


@pytest.fixture
async def filed(fake_api: FakeAPI) -> AsyncIterator[tuple[FreshdeskResponder, fd.FreshdeskFake]]:
    """Three cases' tickets, filed through the responder."""
    fake = fd.FreshdeskFake(fake_api)
    responder = FreshdeskResponder("cases", base_url=fake_api.base_url, api_key=fd.API_KEY)
    await file_cases(responder)
    yield responder, fake
    await responder.close()


def _said(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "responders.freshdesk"]


async def test_a_ticket_trashed_while_open_is_said_once(
    filed: tuple[FreshdeskResponder, fd.FreshdeskFake], caplog: pytest.LogCaptureFixture
) -> None:
    responder, fake = filed
    fake.tickets[1]["deleted"] = True  # an agent deleted it: in the trash, still Open
    fake.tickets[2]["spam"] = True
    fake.tickets[3]["status"] = 4
    with caplog.at_level(logging.WARNING, logger="responders.freshdesk"):
        for _ in range(2):  # said once, not every sweep
            assert await responder.solved(REFS) == {"3"}
    assert _said(caplog) == [
        "freshdesk ticket 1 is in the trash (deleted); case left open",
        "freshdesk ticket 2 was marked as spam; case left open",
    ]


async def test_a_ticket_resolved_then_trashed_still_resolves_its_case(
    filed: tuple[FreshdeskResponder, fd.FreshdeskFake], caplog: pytest.LogCaptureFixture
) -> None:
    responder, fake = filed
    fake.tickets[1] |= {"status": 4, "deleted": True}
    with caplog.at_level(logging.WARNING, logger="responders.freshdesk"):
        assert await responder.solved(REFS) == {"1"}
    assert _said(caplog) == []


async def test_a_ticket_deleted_for_good_is_still_said(
    filed: tuple[FreshdeskResponder, fd.FreshdeskFake], caplog: pytest.LogCaptureFixture
) -> None:
    responder, fake = filed
    fake.delete(2)
    with caplog.at_level(logging.WARNING, logger="responders.freshdesk"):
        assert await responder.solved(REFS) == set()
    assert _said(caplog) == ["freshdesk ticket 2 was not found (deleted?); case left open"]
