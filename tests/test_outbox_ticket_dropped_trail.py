"""A case's ticket dropped by a person (`outbox drop`) holds the author's follow-up waiting
for it. Before, its case's trail said "ops (terminal) held an action back from sending: …",
as if ops had held that follow-up on purpose; the one who dropped the ticket never touched
it. Now the line says the ticket was dropped, so the follow-up is held, and what to do, in
English, pt-BR and pt-PT; its detail is the ids as data, as the ticket waits' lines keep
theirs. On PostgreSQL, with the CLI and the outbox worker on the fake Zendesk."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from mentiondesk.outbox_ticket_wait import STRANDED
from mentiondesk.store import Store
from mentiondesk.tables import AUDIT, case_number
from mentiondesk.web.i18n import ENGLISH, EUROPEAN_PORTUGUESE, PORTUGUESE
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


def actions(store: Store, case_id: int) -> list[tuple[str, str, str]]:
    query = sa.select(AUDIT.c.actor, AUDIT.c.action, AUDIT.c.detail)
    with store.engine.connect() as conn:
        rows = conn.execute(query.where(AUDIT.c.case_id == case_id).order_by(AUDIT.c.id))
        return [(str(a), str(b), str(c)) for a, b, c in rows]


async def test_the_trail_says_the_ticket_was_dropped_not_that_ops_held_the_follow_up(
    setup: Setup, pg_store: Store
) -> None:
    fake, worker, config = setup
    case, comment = escalated_with_follow_up(pg_store)
    ticket = live_ticket(pg_store)
    code, said = run_cli(config, "outbox", "drop", str(ticket), "--reason", "filed by hand")
    assert code == 0 and f"held 1 follow-up ({comment})" in said, said
    assert action_row(pg_store, comment)[0] == "held"
    *_, dropped, held = actions(pg_store, case.case_id)
    assert dropped[1] == "drop" and held[:2] == (dropped[0], STRANDED), held  # before: "hold"
    data = {"follow_up": comment, "ticket": ticket, "target": "zd", "state": "dropped"}
    assert json.loads(held[2]) == data
    en = trail(pg_store, case.case_id, ENGLISH)
    who = dropped[0].removeprefix("cli:")
    assert en[-2] == f"{who} (terminal) dropped an action, not to be sent: filed by hand"
    assert "held an action back" not in en[-1], en  # before: "root (terminal) held an …"
    number = case_number(case.case_id)
    assert en[-1] == (
        f"{who} (terminal) dropped the case's ticket for the help desk (zd; outbox action "
        f"{ticket}), so the author's new message for it is held (outbox action {comment}): "
        f"to send it, escalate {number} to zd again, then `mentiondesk outbox retry "
        f"{comment}`; or drop it with `mentiondesk outbox drop {comment}`"
    )
    br = trail(pg_store, case.case_id, PORTUGUESE)[-1]
    assert br.startswith(f"{who} (pelo terminal) descartou o chamado do caso"), br
    assert f"`mentiondesk outbox retry {comment}`" in br and "ficou retida" in br, br
    pt = trail(pg_store, case.case_id, EUROPEAN_PORTUGUESE)[-1]
    assert "pedido de apoio" in pt and "chamado" not in pt, pt
    assert f"`mentiondesk outbox drop {comment}`" in pt, pt
    # Nothing goes meanwhile, and the worker adds no line of its own (held: not claimed).
    await worker.deliver_due(due_by=LATER)
    assert fake.tickets == {} and fake.comments == {}
    assert actions(pg_store, case.case_id)[-1] == held
