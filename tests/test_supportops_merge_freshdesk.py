"""An agent of the sister brand's Freshdesk merges mentiondesk's ticket (secondary) into the
customer's e-mail ticket (primary): the secondary is Closed, with a note naming the primary.
The sync read it as Closed, solved, and resolved the case while agents still worked the
primary; a second post was noted on the closed secondary and reopened it. Now a merged
ticket reads and behaves as Zendesk's does: its case follows the primary."""

from __future__ import annotations

import logging
from dataclasses import replace

import pytest

from mentiondesk.models import FatalError, OutboxAction
from responders._helpdesk_base import merged_into
from responders.freshdesk import FreshdeskResponder
from tests.fakes import freshdesk as fd
from tests.fakes.helpdesks import freshdesk_desk  # noqa: F401 (fixture)
from tests.responders._data import action, follow_up

Desk = tuple[FreshdeskResponder, fd.FreshdeskFake]
PT_BR_NOTE = "Este ticket foi fechado e mesclado ao ticket #{primary}"


async def _filed(responder: FreshdeskResponder, fake: fd.FreshdeskFake) -> str:
    """The case's ticket 1 and the customer's e-mail ticket 2 (Open, no case of ours)."""
    ref = (await responder.deliver(action(kind="ticket", target="fd"))).ref or ""
    fake.tickets[2] = {"id": 2, "status": 2, "priority": 1, "tags": [], "subject": "Pedido #9"}
    return ref


def _second_post(ref: str) -> OutboxAction:
    later = follow_up("fd")
    return replace(later, context=replace(later.context, ticket_ref=ref))


async def test_a_merged_ticket_is_not_solved_until_its_primary_is(freshdesk: Desk) -> None:
    responder, fake = freshdesk
    ours = await _filed(responder, fake)
    fake.merge(2, int(ours), said=PT_BR_NOTE)
    assert await responder.solved([ours]) == set()  # before: {"1"}, the case resolved
    assert responder.moves() == {ours: ("2", responder.ticket_url("2"))}
    fake.tickets[2]["status"] = 4
    assert await responder.solved([ours]) == {ours}


async def test_a_plainly_closed_ticket_is_still_solved(freshdesk: Desk) -> None:
    responder, fake = freshdesk
    ours = await _filed(responder, fake)
    fake.tickets[int(ours)]["status"] = 5
    assert await responder.solved([ours]) == {ours}
    assert responder.moves() == {}


async def test_a_second_post_is_noted_on_the_primary(freshdesk: Desk) -> None:
    responder, fake = freshdesk
    ours = await _filed(responder, fake)
    fake.merge(2, int(ours))
    fake.tickets[2]["status"] = 3  # Pending, waiting on the customer
    receipt = await responder.deliver(_second_post(ours))
    assert (receipt.ref, receipt.case_ticket) == ("2", True)
    assert "post m2" in fake.conversations[2][-1]["body_text"]
    assert fake.tickets[2]["status"] == 2  # reopened: the author wrote
    assert fake.tickets[int(ours)]["status"] == 5  # before: the merged one reopened


async def test_merges_of_merges_and_hidden_primaries(
    freshdesk: Desk, caplog: pytest.LogCaptureFixture
) -> None:
    responder, fake = freshdesk
    ours = await _filed(responder, fake)
    fake.tickets[3] = {"id": 3, "status": 4, "priority": 1, "tags": []}
    fake.merge(2, int(ours))
    fake.merge(3, 2)
    assert await responder.solved([ours]) == {ours}
    assert responder.moves()[ours][0] == "3"
    fake.hidden.add(3)  # moved to a group the key's agent may not see
    with caplog.at_level(logging.WARNING, logger="responders.freshdesk"):
        assert await responder.solved([ours]) == set()
    said = [r.getMessage() for r in caplog.records if r.name == "responders.freshdesk"]
    assert len(said) == 1 and "merged into ticket 3, which cannot be read" in said[0]
    with pytest.raises(FatalError, match="which cannot be read"):
        await responder.deliver(_second_post(ours))


async def test_a_deleted_primary_files_the_follow_up_anew(freshdesk: Desk) -> None:
    responder, fake = freshdesk
    ours = await _filed(responder, fake)
    fake.merge(2, int(ours))
    fake.delete(2)
    receipt = await responder.deliver(_second_post(ours))
    assert (receipt.ref, receipt.case_ticket) == ("3", True)
    assert "MD-000007" in fake.tickets[3]["tags"]
    assert "2 (deleted)</a>" in fake.tickets[3]["description"]  # the primary, not ours


@pytest.mark.parametrize(
    ("note", "primary"),
    [
        ("This ticket is closed and merged into ticket #12", "12"),
        ("This ticket is closed and merged into ticket 12", "12"),  # the link's "#" dropped
        ("Este ticket foi fechado e mesclado ao ticket #7 (Pedido #98765)", "7"),
        ("Ticket fundido no chamado 44", "44"),
        ("Merged 3 duplicates, see pedido 555", None),  # a number, but no ticket named
    ],
)
def test_a_merge_note_names_its_primary(note: str, primary: str | None) -> None:
    assert merged_into(note) == primary
