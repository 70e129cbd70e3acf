"""The ticket a merge went into is read by id; an answer that is no ticket (a gateway's JSON
list in front of the help desk, mid-maintenance) was taken for a deleted target on Zendesk
(a second ticket filed for the case beside the one the conversation went on in) and crashed
Freshdesk's read. Now it is said as unreadable: the follow-up is held for a person."""

from __future__ import annotations

from dataclasses import replace

import pytest

from mentiondesk.models import FatalError, OutboxAction
from responders.freshdesk import FreshdeskResponder
from responders.zendesk import ZendeskResponder
from tests.fakes import freshdesk as fd
from tests.fakes import zendesk as zd
from tests.fakes.helpdesks import freshdesk_desk, zendesk_desk  # noqa: F401 (fixtures)
from tests.responders._data import action, follow_up


def _second_post(target: str, ref: str) -> OutboxAction:
    later = follow_up(target)
    return replace(later, context=replace(later.context, ticket_ref=ref))


async def test_zendesk_holds_a_follow_up_whose_target_reads_as_no_ticket(
    zendesk: tuple[ZendeskResponder, zd.ZendeskFake],
) -> None:
    responder, fake = zendesk
    ours = (await responder.deliver(action(kind="ticket", target="zd"))).ref or ""
    fake.tickets[2] = {"id": 2, "status": "open", "external_id": None, "subject": "Pedido #9"}
    fake.comments[2] = []
    fake.merge(int(ours), 2)
    fake.api.queue("GET", "/api/v2/tickets/2.json", json=[])
    with pytest.raises(FatalError, match="merged into ticket 2, which cannot be read"):
        await responder.deliver(_second_post("zd", ours))
    assert 3 not in fake.tickets  # not filed beside the conversation


async def test_freshdesk_holds_a_follow_up_whose_primary_reads_as_no_ticket(
    freshdesk: tuple[FreshdeskResponder, fd.FreshdeskFake],
) -> None:
    responder, fake = freshdesk
    ours = (await responder.deliver(action(kind="ticket", target="fd"))).ref or ""
    fake.tickets[2] = {"id": 2, "status": 2, "priority": 1, "tags": [], "subject": "Pedido #9"}
    fake.merge(2, int(ours))
    fake.api.queue("GET", "/api/v2/tickets/2", json=["maintenance"])
    with pytest.raises(FatalError, match="merged into ticket 2, which cannot be read"):
        await responder.deliver(_second_post("fd", ours))
    assert 3 not in fake.tickets
