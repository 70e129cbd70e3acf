"""A follow-up whose case's ticket was dropped never goes: dropping the ticket holds the
follow-ups waiting for it (test_hdrestore_review_dropped_ticket), but two still waited for good,
pending, "no ticket for MD-… yet" every few minutes with no word to anyone: one a worker was
sending as the ticket was dropped (the drop leaves it), and one a person retried without
escalating the case again. Now the outbox's claim holds such a follow-up, saying what to do.
On PostgreSQL, with the outbox worker, the CLI and the real Zendesk responder on the fake."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from mentiondesk import outbox_admin, outbox_hold
from mentiondesk.config import OutboxSection
from mentiondesk.outbox_claim import claim
from mentiondesk.outbox_payload import outbox_row
from mentiondesk.store import Store
from mentiondesk.tables import OUTBOX
from tests.fakes.helpdesks import zendesk_desk  # noqa: F401 (the fixture)
from tests.hdrestore_helpers import (
    Setup,
    action_row,
    escalated_with_follow_up,
    live_ticket,
    zendesk_outbox,  # noqa: F401 (the `setup` fixture)
)
from tests.helpers import run_cli
from tests.responders._data import action
from tests.sql_pause import SEEN_S, Pauses, in_thread, joined, waits

pytestmark = pytest.mark.postgres
CLAIM = "UPDATE outbox SET attempts=(outbox.attempts +"  # the claim's lease (outbox_claim)
LATER = datetime.now(UTC) + timedelta(days=1)  # past any backoff: due_by for a claim


def _held_saying_what_to_do(store: Store, comment: int, ticket: int) -> None:
    status, why = action_row(store, comment)
    assert status == "held", why  # before: pending, "no ticket for MD-000001 yet", for good
    assert f"(action {ticket}) was dropped by cli:" in why, why
    assert "escalate MD-000001 to zd again" in why and f"outbox retry {comment}`" in why
    assert f"`mentiondesk outbox drop {comment}`" in why


async def test_a_follow_up_retried_without_escalating_again_is_held_again(
    setup: Setup, pg_store: Store
) -> None:
    fake, worker, config = setup
    _, comment = escalated_with_follow_up(pg_store)
    ticket = live_ticket(pg_store)
    code, said = run_cli(config, "outbox", "drop", str(ticket))
    assert code == 0 and f"held 1 follow-up ({comment})" in said, said
    assert outbox_admin.retry(pg_store, comment)  # not escalated again (the CLI refuses)
    assert action_row(pg_store, comment)[0] == "pending"
    await worker.deliver_due(due_by=LATER)
    _held_saying_what_to_do(pg_store, comment, ticket)
    assert fake.tickets == {} and fake.comments == {}


async def test_a_follow_up_being_sent_as_its_ticket_is_dropped_is_held_at_its_next_claim(
    setup: Setup, pg_store: Store
) -> None:
    """The worker has claimed the follow-up (the ticket held by hand, so not with it) when
    the drop comes: the drop waits for the claim, then leaves the follow-up, leased. Its
    send finds no ticket and it waits again; its next claim holds it."""
    fake, worker, _ = setup
    _, comment = escalated_with_follow_up(pg_store)
    ticket = live_ticket(pg_store)
    assert outbox_hold.hold(pg_store, [ticket], reason=None, actor="cli:ops").changed == [ticket]
    with Pauses() as pauses:
        claim = pauses.after(
            pg_store.engine, "UPDATE outbox SET attempts=(outbox.attempts +", "the claim"
        )
        sending = asyncio.create_task(worker.deliver_due(due_by=LATER))
        for _ in range(int(SEEN_S / 0.02)):
            if claim.reached.is_set() or sending.done():
                break
            await asyncio.sleep(0.02)
        assert claim.reached.is_set() and not sending.done(), "the claim was never seen"

        def drop() -> outbox_hold.Done:
            return outbox_hold.drop(pg_store, [ticket], reason=None, actor="cli:ops")

        dropping, dropped = in_thread(drop)
        waits(pg_store, dropping, dropped, "the drop")  # on the claimed follow-up's row
        claim.go()
        joined(dropping, "the drop")
    await sending
    done = dropped[0]
    assert isinstance(done, outbox_hold.Done) and done.changed == [ticket], dropped
    assert done.stranded == []  # the worker had it
    status, why = action_row(pg_store, comment)
    assert status == "pending" and "no ticket for MD-000001 yet" in why, why
    await worker.deliver_due(due_by=LATER)
    _held_saying_what_to_do(pg_store, comment, ticket)
    assert fake.tickets == {} and fake.comments == {}


async def test_a_batch_of_follow_ups_all_held_does_not_end_the_claim(
    setup: Setup, pg_store: Store
) -> None:
    """A claim whose whole batch was held for want of a ticket takes the next batch: a
    drain ends at a claim of nothing, and would leave what is due after them."""
    _, _, config = setup
    _, comment = escalated_with_follow_up(pg_store)
    ticket = live_ticket(pg_store)
    with pg_store.engine.begin() as conn:
        alert = conn.scalar(sa.select(OUTBOX.c.id).where(OUTBOX.c.kind == "alert"))
        other = replace(action(kind="alert", target="console"), key="alert:console:x:m9")
        row = outbox_row(other, None, datetime.now(UTC))
        later = int(conn.execute(sa.insert(OUTBOX).values(row).returning(OUTBOX.c.id)).scalar_one())
    assert run_cli(config, "outbox", "drop", str(alert), str(ticket))[0] == 0
    assert outbox_admin.retry(pg_store, comment)  # not escalated again (the CLI refuses)
    got = claim(pg_store, OutboxSection(batch_size=1), datetime.now(UTC), None, LATER, None)
    assert [c.id for c in got] == [later]  # before: none, the follow-up held
    _held_saying_what_to_do(pg_store, comment, ticket)
