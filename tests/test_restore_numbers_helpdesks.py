"""A case number reused after a database restore (or on a new database): the help desk still
has the old case's ticket under that number, and a new customer's case found it by the number
and took it as its own, so the new complaint went into another customer's ticket. Now a ticket
found by the number that is not this case's (another author's, by the tag each ticket carries,
or by the author its subject names on one filed before those tags) holds the action, saying
why and what to run; a retry of this case's own ticket still finds it and files no second one.
The real Zendesk and Freshdesk responders over HTTP against the fakes."""

from __future__ import annotations

from dataclasses import replace

import pytest

from mentiondesk.models import Author, FatalError, OutboxAction
from responders.freshdesk import FreshdeskResponder
from responders.zendesk import ZendeskResponder
from tests.fakes import freshdesk as fd
from tests.fakes import zendesk as zd
from tests.fakes.helpdesks import freshdesk_desk, zendesk_desk  # noqa: F401 (fixtures)
from tests.responders._data import action, follow_up

ZD_TICKETS = "/api/v2/tickets.json"


def by_bob(a: OutboxAction) -> OutboxAction:
    """The same action, under the same case number, for another customer's new case."""
    bob = Author(id="b9", handle="bob_b", name="Bob")
    m = replace(a.context.mention, author=bob, external_id="n1", url="https://x.com/bob_b/1")
    return replace(a, context=replace(a.context, mention=m))


def reused(exc: pytest.ExceptionInfo[FatalError], ref: str) -> bool:
    said = str(exc.value)
    return f"ticket {ref} under MD-000007 is another customer's" in said and (
        "mentiondesk cases number-from N" in said
    )


async def test_zendesk_holds_a_new_case_whose_number_finds_another_customers_ticket(
    zendesk: tuple[ZendeskResponder, zd.ZendeskFake],
) -> None:
    responder, fake = zendesk
    ann = action(kind="ticket", target="zd")
    first = await responder.deliver(ann)
    with pytest.raises(FatalError) as ticket:  # before: receipt for Ann's ticket 1
        await responder.deliver(by_bob(ann))
    with pytest.raises(FatalError) as comment:  # before: Bob's words in Ann's ticket
        await responder.deliver(by_bob(follow_up("zd")))
    assert reused(ticket, "1") and reused(comment, "1")
    assert len(fake.comments[1]) == 1  # its first comment, Ann's, alone
    again = await responder.deliver(ann)  # Ann's own retry still finds her ticket
    assert again.ref == first.ref == "1" and len(fake.api.calls(ZD_TICKETS, "POST")) == 1
    assert (await responder.deliver(follow_up("zd"))).ref == "1"


async def test_zendesk_tells_a_ticket_filed_before_the_tags_by_the_author_it_names(
    zendesk: tuple[ZendeskResponder, zd.ZendeskFake],
) -> None:
    """Tickets already at the desk when this version came carry no author tag: their
    subject names the author ("— @angry_ann on X")."""
    responder, fake = zendesk
    ann = action(kind="ticket", target="zd")
    await responder.deliver(ann)
    fake.tickets[1]["tags"] = ["mentiondesk", "x", "negative", "delivery"]
    with pytest.raises(FatalError) as held:
        await responder.deliver(by_bob(ann))
    assert reused(held, "1")
    assert (await responder.deliver(ann)).ref == "1"


async def test_zendesk_holds_a_replayed_create_that_is_another_customers(
    zendesk: tuple[ZendeskResponder, zd.ZendeskFake],
) -> None:
    """The idempotency key is the case number's: within its 2 hours Zendesk answers a create
    under it with the ticket first made, here one an agent since moved off the number."""
    responder, fake = zendesk
    ann = action(kind="ticket", target="zd")
    await responder.deliver(ann)
    fake.tickets[1]["external_id"] = "MD-000007-old"
    with pytest.raises(FatalError) as held:
        await responder.deliver(by_bob(ann))
    assert reused(held, "1")


async def test_freshdesk_holds_a_new_case_whose_number_finds_another_customers_ticket(
    freshdesk: tuple[FreshdeskResponder, fd.FreshdeskFake],
) -> None:
    responder, fake = freshdesk
    ann = action(kind="ticket", target="fd")
    first = await responder.deliver(ann)
    with pytest.raises(FatalError) as ticket:  # before: receipt for Ann's ticket 1
        await responder.deliver(by_bob(ann))
    with pytest.raises(FatalError) as comment:  # before: Bob's words as a note on it
        await responder.deliver(by_bob(follow_up("fd")))
    assert reused(ticket, "1") and reused(comment, "1")
    assert fake.api.calls("/api/v2/tickets/1/notes", "POST") == []
    assert (await responder.deliver(ann)).ref == first.ref == "1"
    assert len(fake.api.calls("/api/v2/tickets", "POST")) == 1
    fake.tickets[1]["tags"] = ["MD-000007", "mentiondesk"]  # filed before the author tags
    with pytest.raises(FatalError) as legacy:
        await responder.deliver(by_bob(ann))
    assert reused(legacy, "1") and (await responder.deliver(ann)).ref == "1"
