"""The case's audit trail while Zendesk refuses to file a case's ticket (503) and the author's
follow-up waits for it, as a support lead reads it after the incident: one line when the wait
begins, none per retry, one when the follow-up reached the ticket. Before, nothing between the
escalation and the ticket: the hour's wait was unexplained. On PostgreSQL, with the outbox
worker and the real Zendesk responder on the fake."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from mentiondesk.casework import escalate_case
from mentiondesk.store import Store
from mentiondesk.tables import AUDIT
from mentiondesk.web.i18n import ENGLISH, EUROPEAN_PORTUGUESE, PORTUGUESE
from tests.fakes._base import FakeAPI
from tests.fakes.helpdesks import zendesk_desk  # noqa: F401 (the fixture)
from tests.hdrestore_helpers import (
    Setup,
    action_row,
    escalated_with_follow_up,
    live_ticket,
    zendesk_outbox,  # noqa: F401 (the `setup` fixture)
)
from tests.helpers import run_cli
from tests.test_outbox_claim_hold_audit import trail

pytestmark = pytest.mark.postgres
LATER = datetime.now(UTC) + timedelta(days=1)  # past any backoff: due_by for a claim
DOWN_FOR = 3  # passes of the worker with Zendesk refusing to file the ticket


def actions(store: Store, case_id: int) -> list[str]:
    query = sa.select(AUDIT.c.action).where(AUDIT.c.case_id == case_id).order_by(AUDIT.c.id)
    with store.engine.connect() as conn:
        return [str(a) for a in conn.scalars(query)]


async def test_the_trail_says_the_follow_up_waited_for_its_ticket(
    setup: Setup, fake_api: FakeAPI, pg_store: Store
) -> None:
    fake, worker, _ = setup
    case, comment = escalated_with_follow_up(pg_store)
    ticket = live_ticket(pg_store)
    for _ in range(DOWN_FOR):
        fake_api.queue("POST", "/api/v2/tickets.json", 503, {"error": "Service Unavailable"})
    for _ in range(DOWN_FOR):
        await worker.deliver_due(due_by=LATER)
        assert action_row(pg_store, comment)[0] == "pending" and not fake.comments
    assert actions(pg_store, case.case_id) == ["escalate", "ticket-wait"]
    for _ in range(3):  # back: the ticket is filed, then the follow-up goes on it
        await worker.deliver_due(due_by=LATER)
        if action_row(pg_store, comment)[0] == "done":
            break
    assert action_row(pg_store, ticket)[0] == "done"
    assert action_row(pg_store, comment)[0] == "done"
    assert actions(pg_store, case.case_id) == ["escalate", "ticket-wait", "ticket-waited"]
    said = trail(pg_store, case.case_id, ENGLISH)
    assert said[1].startswith("The author's new message waits for the case's ticket"), said
    assert f"(outbox action {comment}; the ticket's: {ticket})" in said[1]
    assert said[2].startswith("The author's new message was added to the case's ticket"), said


async def test_a_follow_up_held_for_want_of_a_ticket_and_retried_is_not_the_platforms_refusal(
    setup: Setup, pg_store: Store
) -> None:
    """Its ticket dropped, the follow-up is held; a person's `outbox retry` of it said "it was
    held: the platform refused it", which Zendesk never did: it never saw the follow-up."""
    _, worker, config = setup
    case, comment = escalated_with_follow_up(pg_store)
    assert run_cli(config, "outbox", "drop", str(live_ticket(pg_store)))[0] == 0
    assert action_row(pg_store, comment)[0] == "held"
    escalate_case(pg_store, case.case_id, by="cli:ops", target="zd")  # as its hold says
    assert run_cli(config, "outbox", "retry", str(comment))[0] == 0
    said = [trail(pg_store, case.case_id, loc)[-1] for loc in (ENGLISH, PORTUGUESE)]
    assert said[0].endswith(
        "sent a held action again (it was held: the case had no ticket at the help desk to "
        "add it to)"
    ), said
    assert said[1].endswith("(motivo: o caso não tinha chamado no help desk onde acrescentá-la)"), (
        said
    )
    pt = trail(pg_store, case.case_id, EUROPEAN_PORTUGUESE)[-1]
    assert "pedido de apoio no apoio ao cliente" in pt and "chamado" not in pt, pt
    await worker.deliver_due(due_by=LATER)  # escalated again: not held again
    assert action_row(pg_store, comment)[0] != "held"
