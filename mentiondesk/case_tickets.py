"""A case's ticket at each help desk: the one its latest delivery there went on (a ticket, or a
follow-up's comment). A follow-up filed anew, after a closed or archived ticket, replaces the
one it follows; a case escalated to two desks has one at each."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from mentiondesk.tables import DELIVERY, OUTBOX

Tickets = dict[tuple[int, str], str]  # (case id, responder name) → ticket ref
LOCAL = "local:"  # the local help desk's refs: the case list in this store, no ticket elsewhere


def current_tickets(conn: Connection, cases: Any) -> Tickets:
    """The current ticket of each case `cases` selects (a condition on OUTBOX.c.case_id, or
    joined tables), per help desk."""
    return {(case_id, target): ref for case_id, target, ref, _ in delivered(conn, cases)}


def delivered(conn: Connection, cases: Any) -> list[tuple[int, str, str, str | None]]:
    """(case id, responder name, ticket ref, link) of every delivery to a help-desk ticket of
    the cases `cases` selects, oldest first: a ticket once per follow-up added to it."""
    query = (
        sa.select(OUTBOX.c.case_id, DELIVERY.c.target, DELIVERY.c.ref, DELIVERY.c.url)
        .join(OUTBOX, OUTBOX.c.id == DELIVERY.c.outbox_id)
        .where(cases, DELIVERY.c.kind.in_(("ticket", "comment")), DELIVERY.c.ref.is_not(None))
        .order_by(DELIVERY.c.delivered_at, DELIVERY.c.id)
    )
    return [(int(c), target, str(ref), url) for c, target, ref, url in conn.execute(query)]


def ticket_targets(conn: Connection, case_ids: set[int]) -> dict[int, set[str]]:
    """The help desks each case has a ticket queued or filed with (one a person dropped was
    neither: a follow-up's comment on it would wait for a ticket that never comes)."""
    if not case_ids:
        return {}
    rows = conn.execute(
        sa.select(OUTBOX.c.case_id, OUTBOX.c.target).where(
            OUTBOX.c.kind == "ticket",
            OUTBOX.c.case_id.in_(case_ids),
            OUTBOX.c.status != "dropped",
        )
    )
    found: dict[int, set[str]] = {}
    for case_id, target in rows:
        found.setdefault(int(case_id), set()).add(target)
    return found
