"""A case number reused after a restore by a new case of the SAME author: the old ticket under
that number carries the author's tag, so the new case took it as its own (its receipt, its
follow-ups commented into a ticket from before the restore). A ticket filed before the case
began is an earlier case's: held as a reused number, and filed beside once a person releases
it. The real responders against the fakes (Zendesk, Freshdesk) and a real RT 5."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from mentiondesk.models import FatalError, OutboxAction
from responders import _helpdesk as desk
from responders.freshdesk import FreshdeskResponder
from responders.request_tracker import RequestTrackerResponder
from responders.zendesk import ZendeskResponder
from tests.fakes import freshdesk as fd
from tests.fakes import zendesk as zd
from tests.fakes.helpdesks import freshdesk_desk, zendesk_desk  # noqa: F401 (fixtures)
from tests.hdrestore_helpers import anns_ticket, recorded, released
from tests.responders._data import action, follow_up
from tests.test_restore_numbers_rt import rt, rt_here  # noqa: F401 (fixtures)

BEFORE_THE_RESTORE = "2026-10-01T09:00:00Z"  # the case's posts are from 2026-11-09
AFTER_ITS_POST = "2026-11-09T12:05:00Z"


def earlier_case(exc: pytest.ExceptionInfo[FatalError], ref: str) -> bool:
    said = str(exc.value)
    return f"ticket {ref} under MD-000007 was filed before this case began" in said and (
        desk.REUSED in said
        and "outbox retry --reused-numbers" in said
        and "`mentiondesk outbox drop` this action and its follow-ups" in said
    )


async def test_zendesk_new_case_of_the_same_author_does_not_take_the_old_ticket(
    zendesk: tuple[ZendeskResponder, zd.ZendeskFake],
) -> None:
    responder, fake = zendesk
    ann = await anns_ticket(responder, "zd")  # the old database's MD-000007, Ann's too
    fake.tickets[1]["created_at"] = BEFORE_THE_RESTORE
    with pytest.raises(FatalError) as ticket:  # before: the old ticket's receipt
        await responder.deliver(ann)
    with pytest.raises(FatalError) as comment:  # before: her words in the old ticket
        await responder.deliver(follow_up("zd"))
    assert earlier_case(ticket, "1") and earlier_case(comment, "1")
    assert len(fake.comments[1]) == 1
    filed = await responder.deliver(released(ann))  # a person's `outbox retry`
    assert filed.ref == "2" and fake.tickets[2]["external_id"] == "MD-000007"
    assert (await responder.deliver(recorded(follow_up("zd"), "2"))).ref == "2"
    assert len(fake.comments[1]) == 1 and len(fake.comments[2]) == 2


async def test_zendesk_keeps_the_cases_own_ticket_filed_after_its_post(
    zendesk: tuple[ZendeskResponder, zd.ZendeskFake],
) -> None:
    """A retry of the case's own ticket, and its follow-up before the ticket is recorded."""
    responder, fake = zendesk
    ann = await anns_ticket(responder, "zd")
    fake.tickets[1]["created_at"] = AFTER_ITS_POST
    assert (await responder.deliver(replace(ann, attempt=2))).ref == "1"
    assert (await responder.deliver(follow_up("zd"))).ref == "1"
    assert sorted(fake.tickets) == [1] and len(fake.comments[1]) == 2


async def test_zendesk_replayed_key_answering_with_the_old_ticket_is_held(
    zendesk: tuple[ZendeskResponder, zd.ZendeskFake],
) -> None:
    """Zendesk replays a key's first answer for 2 hours: the old database's create under the
    same case number, made just before the restore, answered the new case's."""
    responder, fake = zendesk
    ann = await anns_ticket(responder, "zd")
    fake.tickets[1] |= {"external_id": "MD-000007-old", "created_at": BEFORE_THE_RESTORE}
    with pytest.raises(FatalError) as held:  # before: the old ticket's receipt
        await responder.deliver(ann)
    assert earlier_case(held, "1") and sorted(fake.tickets) == [1]


async def test_freshdesk_new_case_of_the_same_author_does_not_take_the_old_ticket(
    freshdesk: tuple[FreshdeskResponder, fd.FreshdeskFake],
) -> None:
    responder, fake = freshdesk
    ann = await anns_ticket(responder, "fd")
    fake.tickets[1]["created_at"] = BEFORE_THE_RESTORE
    with pytest.raises(FatalError) as ticket:
        await responder.deliver(ann)
    with pytest.raises(FatalError) as comment:
        await responder.deliver(follow_up("fd"))
    assert earlier_case(ticket, "1") and earlier_case(comment, "1")
    filed = await responder.deliver(released(ann))
    assert filed.ref == "2"
    await responder.deliver(recorded(follow_up("fd"), "2"))
    assert fake.api.calls("/api/v2/tickets/1/notes", "POST") == []
    assert len(fake.api.calls("/api/v2/tickets/2/notes", "POST")) == 1


def _posted_later(a: OutboxAction, number: str) -> OutboxAction:
    """`a` for a new case `number` of the same author, opened by a post of tomorrow's: every
    ticket on the server now was filed before it."""
    later = datetime.now(UTC) + timedelta(days=1)
    m = replace(a.context.mention, external_id="n7", created_at=later)
    return replace(a, context=replace(a.context, mention=m, case_number=number))


async def test_request_tracker_new_case_of_the_same_author_does_not_take_the_old_ticket(
    rt: RequestTrackerResponder,  # noqa: F811 (the fixture)
) -> None:
    old = replace(action(kind="ticket", target="rt"), key="ticket:rt:case:MD-000907")
    old = replace(old, context=replace(old.context, case_number="MD-000907"))
    first = await rt.deliver(old)
    assert (await rt.deliver(old)).ref == first.ref  # its own case's retry still finds it
    with pytest.raises(FatalError) as held:  # before: the old ticket's receipt
        await rt.deliver(_posted_later(old, "MD-000907"))
    assert f"ticket {first.ref} under MD-000907 was filed before this case began" in str(held.value)
    filed = await rt.deliver(released(_posted_later(old, "MD-000907")))
    assert filed.ref != first.ref
