"""Freshdesk's search lags minutes behind an agent's delete, as behind a create. A follow-up
then found the case's ticket by search, though it was in the trash (or deleted for good), and
its update or note was refused (405, or 404 reading it): the follow-up was held as refused,
"check the URL, token and permissions", for a person to retry. Now a ticket found by search
and read as deleted is what it is: the follow-up is filed anew, as when search has caught up;
one marked as spam is held saying so."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace

import pytest

from mentiondesk.models import FatalError, OutboxAction
from responders.freshdesk import FreshdeskResponder
from tests.fakes import freshdesk as fd
from tests.fakes._base import FakeAPI
from tests.responders._data import action, follow_up

TICKET = action(kind="ticket", target="cases")


@pytest.fixture
async def filed(fake_api: FakeAPI) -> AsyncIterator[tuple[FreshdeskResponder, fd.FreshdeskFake]]:
    """The case's ticket 1, filed through the responder."""
    fake = fd.FreshdeskFake(fake_api)
    responder = FreshdeskResponder("cases", base_url=fake_api.base_url, api_key=fd.API_KEY)
    await responder.deliver(TICKET)
    yield responder, fake
    await responder.close()


def _comment() -> OutboxAction:
    comment = follow_up("cases")
    return replace(comment, context=replace(comment.context, ticket_ref="1"))


async def test_a_follow_up_to_a_ticket_trashed_minutes_ago_is_filed_anew(
    filed: tuple[FreshdeskResponder, fd.FreshdeskFake],
) -> None:
    responder, fake = filed
    fake.tickets[1]["deleted"] = True
    fake.stale[1] = fake.tickets[1]  # search has not caught up with the delete yet
    receipt = await responder.deliver(_comment())  # before: FatalError, freshdesk answered 405
    assert (receipt.ref, receipt.case_ticket) == ("2", True)
    assert "1 (deleted)</a>" in fake.tickets[2]["description"]
    assert not fake.conversations  # nothing tried on the binned one


async def test_a_follow_up_to_a_ticket_deleted_for_good_minutes_ago_is_filed_anew(
    filed: tuple[FreshdeskResponder, fd.FreshdeskFake],
) -> None:
    responder, fake = filed
    fake.stale[1] = fake.tickets[1]
    fake.delete(1)
    receipt = await responder.deliver(_comment())  # before: FatalError, freshdesk answered 404
    assert (receipt.ref, receipt.case_ticket) == ("2", True)


async def test_a_follow_up_to_a_ticket_marked_as_spam_minutes_ago_is_held_saying_so(
    filed: tuple[FreshdeskResponder, fd.FreshdeskFake],
) -> None:
    responder, fake = filed
    fake.tickets[1]["spam"] = True
    fake.stale[1] = fake.tickets[1]
    with pytest.raises(FatalError, match="marked as spam"):  # before: "answered 405"
        await responder.deliver(_comment())
    assert len(fake.tickets) == 1
