"""Request Tracker has no tags: a ticket found by its case number was told this case's by the
handle its subject names. An author who renamed their handle (same account) then had their
own ticket taken for another customer's: a case escalated again after its first ticket action
was dropped, or a follow-up before the ticket's receipt was recorded, was held for good. Now
each ticket carries its author's tag (`mdauthor-…`) as its content's last line, and that
stable id wins over the subject. A person's retry of a reused number's hold files the case's
own ticket beside the other's, as at Zendesk. A real RT 5 server."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace

import pytest

from mentiondesk.models import Author, FatalError, OutboxAction, TransientError
from responders import _helpdesk as desk
from responders.request_tracker import RequestTrackerResponder
from tests.responders._data import action, follow_up
from tests.responders.test_request_tracker import rt_call
from tests.rt_server import RTServer
from tests.test_restore_numbers_helpdesks import by_bob, reused


@pytest.fixture
async def rt(rt_server: RTServer) -> AsyncIterator[RequestTrackerResponder]:
    responder = RequestTrackerResponder("rt", base_url=rt_server.base, token=rt_server.token)
    yield responder
    await responder.close()


def numbered(a: OutboxAction, number: str) -> OutboxAction:
    """The action under a case number of this test's own (the RT server is the session's)."""
    key = a.key.replace("MD-000007", number)
    return replace(a, key=key, context=replace(a.context, case_number=number))


def renamed(a: OutboxAction, handle: str = "ann_renamed") -> OutboxAction:
    """The same author (same account id), writing under a new handle."""
    m = a.context.mention
    m = replace(m, author=replace(m.author, handle=handle))
    return replace(a, context=replace(a.context, mention=m))


def _comments(rt_server: RTServer, ref: str) -> int:
    path = f"ticket/{ref}/history?fields=Type&per_page=100"
    return [t["Type"] for t in rt_call(rt_server, "GET", path)["items"]].count("Comment")


async def test_a_renamed_authors_ticket_is_still_theirs(
    rt: RequestTrackerResponder, rt_server: RTServer
) -> None:
    ann = numbered(action(kind="ticket", target="rt"), "MD-070001")
    first = await rt.deliver(ann)
    # Escalated again after the first action was dropped: found, not held, not filed twice.
    assert (await rt.deliver(renamed(ann))).ref == first.ref
    # A follow-up before the ticket's receipt was recorded: on her ticket, not held.
    note = renamed(numbered(follow_up("rt"), "MD-070001"))
    assert (await rt.deliver(note)).ref == first.ref and _comments(rt_server, first.ref or "") == 1


async def test_another_customer_is_still_held_whatever_the_handle(
    rt: RequestTrackerResponder,
) -> None:
    """Bob writing under Ann's handle (another account, say after she left it) is not her."""
    ann = numbered(action(kind="ticket", target="rt"), "MD-070002")
    first = await rt.deliver(ann)
    bob = by_bob(ann)
    m = bob.context.mention
    as_ann = replace(m, author=Author(id="b9", handle="angry_ann", name="Bob"))
    with pytest.raises(FatalError) as held:
        await rt.deliver(replace(bob, context=replace(bob.context, mention=as_ann)))
    assert f"ticket {first.ref} under MD-070002 is another customer's" in str(held.value)


async def test_a_released_hold_files_the_cases_own_ticket_beside(
    rt: RequestTrackerResponder, rt_server: RTServer
) -> None:
    ann = numbered(action(kind="ticket", target="rt"), "MD-000007")
    first = await rt.deliver(ann)
    bob = by_bob(ann)
    with pytest.raises(FatalError) as held:
        await rt.deliver(bob)
    assert reused(held, first.ref or "") and "outbox retry --reused-numbers" in str(held.value)
    follow = replace(by_bob(follow_up("rt")), extra={desk.BESIDE: True})
    with pytest.raises(TransientError):  # no ticket of his yet: waits, not held again
        await rt.deliver(follow)
    filed = await rt.deliver(replace(bob, extra={desk.BESIDE: True}))
    assert filed.ref != first.ref
    assert (await rt.deliver(replace(bob, extra={desk.BESIDE: True}))).ref == filed.ref
    recorded = replace(follow, context=replace(follow.context, ticket_ref=filed.ref))
    assert (await rt.deliver(recorded)).ref == filed.ref
    assert _comments(rt_server, first.ref or "") == 0 and _comments(rt_server, filed.ref or "") == 1
