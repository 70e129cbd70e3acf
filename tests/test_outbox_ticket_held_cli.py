"""`outbox hold` of a case's ticket during a help-desk outage, with the author's follow-up
queued for it: the command names the follow-up and what releases the ticket, and the case's
trail says the follow-up waits on a held ticket (before: "waits … to be filed", which nothing
would do). Released with `outbox retry`, both go. On PostgreSQL, with the CLI and the outbox
worker on the fake Zendesk."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from mentiondesk.store import Store
from mentiondesk.web.i18n import ENGLISH
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


async def test_holding_a_ticket_names_its_follow_ups_and_the_trail_what_releases_it(
    setup: Setup, pg_store: Store
) -> None:
    fake, worker, config = setup
    case, comment = escalated_with_follow_up(pg_store)
    ticket = live_ticket(pg_store)
    code, said = run_cli(config, "outbox", "hold", str(ticket), "--reason", "zendesk down")
    assert code == 0, said
    assert (
        f"ticket action {ticket}: 1 follow-up ({comment}) waits for it: none goes until "
        f"`mentiondesk outbox retry {ticket}` releases the ticket"
    ) in " ".join(said.split()), said
    for _ in range(2):
        await worker.deliver_due(due_by=LATER)
    assert action_row(pg_store, comment)[0] == "pending" and not fake.comments
    waits = [line for line in trail(pg_store, case.case_id, ENGLISH) if "new message" in line]
    assert len(waits) == 1 and "which is held" in waits[0], waits
    assert f"`mentiondesk outbox retry {ticket}`" in waits[0] and "filed at" not in waits[0]

    assert run_cli(config, "outbox", "retry", str(ticket))[0] == 0
    for _ in range(3):
        await worker.deliver_due(due_by=LATER)
        if action_row(pg_store, comment)[0] == "done":
            break
    assert action_row(pg_store, ticket)[0] == "done" and action_row(pg_store, comment)[0] == "done"
    assert trail(pg_store, case.case_id, ENGLISH)[-1].startswith(
        "The author's new message was added to the case's ticket at the help desk (zd)"
    )
