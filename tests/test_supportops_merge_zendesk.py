"""An agent merges mentiondesk's Zendesk ticket into another (the customer also wrote by
e-mail). The case was left open for good, "merged, not solved", and a second post by the same
author opened a follow-up ticket beside the merged one. Now the case follows the ticket it was
merged into: solved when that one is, the follow-up commented there, merges of merges
followed; a target deleted or out of the token's sight is said, not guessed."""

from __future__ import annotations

import logging
from dataclasses import replace

import pytest

from mentiondesk.models import FatalError, OutboxAction
from responders.zendesk import ZendeskResponder
from tests.fakes import zendesk as zd
from tests.fakes.helpdesks import zendesk_desk  # noqa: F401 (fixture)
from tests.responders._data import action, follow_up

Desk = tuple[ZendeskResponder, zd.ZendeskFake]
PT_BR_NOTE = 'Esta solicitação foi fechada e mesclada na solicitação #{target} "{subject}".'


async def _filed(responder: ZendeskResponder, number: str = "MD-000007") -> str:
    """Case `number`'s ticket, filed through the responder."""
    a = action(kind="ticket", target="zd")
    a = replace(a, key=f"ticket:zd:case:{number}", context=replace(a.context, case_number=number))
    return (await responder.deliver(a)).ref or ""


def _second_post(ref: str) -> OutboxAction:
    later = follow_up("zd")
    return replace(later, context=replace(later.context, ticket_ref=ref))


def _email_ticket(fake: zd.ZendeskFake, ticket_id: int) -> None:
    """The customer's e-mail ticket, no case of ours ("Pedido #98765" in its subject)."""
    fake.tickets[ticket_id] = {"id": ticket_id, "status": "open", "external_id": None}
    fake.tickets[ticket_id]["subject"] = "Pedido #98765 não chegou"
    fake.comments[ticket_id] = []


async def test_a_merged_ticket_is_solved_with_the_one_it_went_into(zendesk: Desk) -> None:
    responder, fake = zendesk
    ours = await _filed(responder)
    _email_ticket(fake, 2)
    fake.merge(int(ours), 2, said=PT_BR_NOTE)  # the account's pt-BR words, an order number
    assert await responder.solved([ours]) == set()
    assert responder.moves() == {ours: ("2", responder.ticket_url("2"))}
    fake.tickets[2]["status"] = "solved"
    assert await responder.solved([ours]) == {ours}  # before: set(), for good


async def test_a_second_post_is_commented_on_the_ticket_it_went_into(zendesk: Desk) -> None:
    responder, fake = zendesk
    ours = await _filed(responder)
    _email_ticket(fake, 2)
    fake.tickets[2]["status"] = "pending"
    fake.merge(int(ours), 2)
    receipt = await responder.deliver(_second_post(ours))
    assert (receipt.ref, receipt.case_ticket) == ("2", True)  # before: a new ticket 3
    assert "post m2" in fake.comments[2][-1]["body"]
    assert fake.tickets[2]["status"] == "open"  # the author wrote: out of pending
    assert 3 not in fake.tickets
    again = await responder.deliver(_second_post(ours))  # a retry adds nothing twice
    assert again.ref == "2" and len(fake.comments[2]) == 2


async def test_merges_of_merges_are_followed_to_the_last(zendesk: Desk) -> None:
    responder, fake = zendesk
    ours = await _filed(responder)
    _email_ticket(fake, 2)
    _email_ticket(fake, 3)
    fake.merge(int(ours), 2)
    fake.merge(2, 3)
    fake.tickets[3]["status"] = "solved"
    assert await responder.solved([ours]) == {ours}
    assert responder.moves()[ours][0] == "3"


async def test_a_target_the_token_may_not_see_holds_the_follow_up(
    zendesk: Desk, caplog: pytest.LogCaptureFixture
) -> None:
    responder, fake = zendesk
    ours = await _filed(responder)
    _email_ticket(fake, 2)
    fake.merge(int(ours), 2)
    fake.hidden.add(2)  # the other brand's ticket
    with caplog.at_level(logging.WARNING, logger="responders.zendesk"):
        assert await responder.solved([ours]) == set()
        assert await responder.solved([ours]) == set()
    said = [r.getMessage() for r in caplog.records if r.name == "responders.zendesk"]
    assert len(said) == 1 and "merged into ticket 2, which cannot be read" in said[0]
    assert "403" in said[0] and "case left open" in said[0]
    with pytest.raises(FatalError, match="merged into ticket 2, which cannot be read"):
        await responder.deliver(_second_post(ours))
    assert 3 not in fake.tickets  # not filed beside it


async def test_a_deleted_target_files_the_follow_up_anew(zendesk: Desk) -> None:
    responder, fake = zendesk
    ours = await _filed(responder)
    _email_ticket(fake, 2)
    fake.merge(int(ours), 2)
    fake.delete(2)
    receipt = await responder.deliver(_second_post(ours))
    assert (receipt.ref, receipt.case_ticket) == ("3", True)
    assert fake.tickets[3]["external_id"] == "MD-000007"
    assert responder.moves() == {}
