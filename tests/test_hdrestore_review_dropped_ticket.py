"""A follow-up released from a reused number's hold (`outbox retry --reused-numbers`) waits for
its case's own ticket, filed beside the other customer's. A person then dropped that ticket
(filed by hand, as the hold's words offer): the follow-up waited for it for good, pending,
retried every few minutes with no word to anyone. Now the drop holds it, saying what a person
can do; done, it goes on the case's new ticket. End to end on PostgreSQL: the outbox worker,
the CLI and the real Zendesk responder against the fake."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from mentiondesk import outbox_hold
from mentiondesk.casework import escalate_case
from mentiondesk.store import Store
from mentiondesk.tables import OUTBOX
from tests.fakes.helpdesks import zendesk_desk  # noqa: F401 (the fixture)
from tests.hdrestore_helpers import (
    Setup,
    action_row,
    escalated_with_follow_up,
    live_ticket,
    old_ticket,
    zendesk_outbox,  # noqa: F401 (the `setup` fixture)
)
from tests.helpers import run_cli

pytestmark = pytest.mark.postgres


@pytest.fixture(autouse=True)
def _old_ticket(setup: Setup) -> None:
    """The fake Zendesk holding the old database's MD-000001 (another customer's)."""
    old_ticket(setup[0])


async def test_a_released_follow_up_whose_ticket_is_dropped_is_held_saying_what_to_do(
    setup: Setup,
    pg_store: Store,
) -> None:
    fake, worker, config = setup
    case, comment = escalated_with_follow_up(pg_store)
    await worker.drain()  # both held: MD-000001 found the other customer's ticket
    assert action_row(pg_store, comment)[0] == "held"
    assert run_cli(config, "outbox", "retry", "--reused-numbers")[0] == 0
    ticket = live_ticket(pg_store)
    code, said = run_cli(config, "outbox", "drop", str(ticket), "--reason", "filed by hand")
    assert code == 0, said
    told = f"held 1 follow-up ({comment}) of MD-000001: its ticket at zd (action {ticket}) was"
    assert told in said and f"`mentiondesk outbox retry {comment}`" in said  # before: none
    await worker.drain()
    status, why = action_row(pg_store, comment)
    assert status == "held", why  # before: pending, "no ticket for MD-000001 yet" for good
    assert f"action {ticket}) was dropped by" in why and "escalate MD-000001 to zd" in why
    assert f"mentiondesk outbox retry {comment}" in why and "case numbers were reused" not in why
    # What it says to do: the case escalated again, the follow-up retried, both go (the new
    # ticket held for the reused number as the first was, and released as its hold says).
    escalate_case(pg_store, case.case_id, by="cli:ops", target="zd")
    assert run_cli(config, "outbox", "retry", str(comment))[0] == 0
    await worker.drain()
    assert run_cli(config, "outbox", "retry", "--reused-numbers")[0] == 0
    await worker.drain()
    assert run_cli(config, "outbox", "retry", str(comment))[0] == 0  # past its backoff
    await worker.drain()
    assert action_row(pg_store, live_ticket(pg_store))[0] == "done"
    assert action_row(pg_store, comment)[0] == "done" and sorted(fake.tickets) == [1, 2]
    assert len(fake.comments[1]) == 1 and len(fake.comments[2]) == 2


async def test_a_ticket_dropped_before_its_follow_up_was_tried_holds_it_too(
    setup: Setup,
    pg_store: Store,
) -> None:
    _, comment = escalated_with_follow_up(pg_store)
    done = outbox_hold.drop(pg_store, [live_ticket(pg_store)], reason=None, actor="cli:ops")
    assert done.stranded == [comment] and action_row(pg_store, comment)[0] == "held"


async def test_a_follow_up_of_a_case_whose_ticket_was_filed_is_not_held(
    setup: Setup,
    pg_store: Store,
) -> None:
    """Dropping a held comment's sibling, say, never strands what has a ticket to go on:
    a case escalated to another desk keeps its follow-ups there."""
    _, comment = escalated_with_follow_up(pg_store)
    with pg_store.engine.begin() as conn:  # its ticket queued at zd a second time, say
        conn.execute(sa.update(OUTBOX).where(OUTBOX.c.id == comment).values(target="other"))
    done = outbox_hold.drop(pg_store, [live_ticket(pg_store)], reason=None, actor="cli:ops")
    assert done.stranded == [] and action_row(pg_store, comment)[0] == "pending"
