"""A ticket or follow-up a person released from a reused case number's hold (`outbox retry`
marks it `beside`) is filed as this case's own, beside the other customer's ticket under the
same number: never written into that one, and a follow-up with no ticket of its own yet waits
for it rather than being held again. The real responders against the fakes."""

from __future__ import annotations

from dataclasses import replace

import pytest

from mentiondesk.models import TransientError
from responders import _helpdesk as desk
from responders.freshdesk import FreshdeskResponder
from responders.zendesk import ZendeskResponder
from tests.fakes import freshdesk as fd
from tests.fakes import zendesk as zd
from tests.fakes.helpdesks import freshdesk_desk, zendesk_desk  # noqa: F401 (fixtures)
from tests.hdrestore_helpers import filed_beside, held_for_bob, recorded, released
from tests.responders._data import action, follow_up
from tests.test_restore_numbers_helpdesks import by_bob

ZD_TICKETS = "/api/v2/tickets.json"


async def test_zendesk_files_bobs_ticket_beside_anns_and_his_follow_up_on_it(
    zendesk: tuple[ZendeskResponder, zd.ZendeskFake],
) -> None:
    responder, fake = zendesk
    bob = await held_for_bob(responder, "zd")
    with pytest.raises(TransientError):  # no ticket of his yet: it waits, not held again
        await responder.deliver(released(by_bob(follow_up("zd"))))
    await filed_beside(responder, bob)
    assert fake.tickets[2]["tags"][-1] == desk.owner_tag(bob)
    note = await responder.deliver(recorded(by_bob(follow_up("zd")), "2"))
    assert note.ref == "2" and len(fake.comments[1]) == 1 and len(fake.comments[2]) == 2
    assert (await responder.deliver(follow_up("zd"))).ref == "1"  # Ann's still goes on hers
    assert len(fake.api.calls(ZD_TICKETS, "POST")) == 2


async def test_zendesk_beside_is_not_answered_with_the_replayed_ticket(
    zendesk: tuple[ZendeskResponder, zd.ZendeskFake],
) -> None:
    """The create's key is the case number's, and Zendesk replays a known key's first answer
    for 2 hours: a released create sent under it would get Ann's ticket back."""
    responder, fake = zendesk
    ann = action(kind="ticket", target="zd")
    await responder.deliver(ann)
    fake.tickets[1]["external_id"] = "MD-000007-old"  # not found by the number: a create
    filed = await responder.deliver(released(by_bob(ann)))
    assert filed.ref == "2" and fake.tickets[2]["tags"][-1] == desk.owner_tag(by_bob(ann))


async def test_freshdesk_files_bobs_ticket_beside_anns(
    freshdesk: tuple[FreshdeskResponder, fd.FreshdeskFake],
) -> None:
    responder, fake = freshdesk
    bob = await held_for_bob(responder, "fd")
    await filed_beside(responder, bob)
    assert desk.owner_tag(bob) in fake.tickets[2]["tags"]
    await responder.deliver(recorded(by_bob(follow_up("fd")), "2"))
    assert fake.api.calls("/api/v2/tickets/1/notes", "POST") == []
    assert len(fake.api.calls("/api/v2/tickets/2/notes", "POST")) == 1


async def test_freshdesk_retry_of_a_ticket_filed_beside_finds_it_before_search_does(
    freshdesk: tuple[FreshdeskResponder, fd.FreshdeskFake],
) -> None:
    """Search lags minutes behind a create, and finds Ann's ticket meanwhile: a retry after
    the create's answer was lost must look in the list, as one finding nothing does."""
    responder, fake = freshdesk
    await responder.deliver(action(kind="ticket", target="fd"))
    bob = released(by_bob(action(kind="ticket", target="fd")))
    first = await responder.deliver(replace(bob, attempt=2))  # its answer lost, say
    fake.unindexed.add(int(first.ref or 0))
    again = await responder.deliver(replace(bob, attempt=3))
    assert again.ref == first.ref and sorted(fake.tickets) == [1, 2]  # before: a third
