"""What a delivered action changes on its case: a ticket's reference (a first ticket's, or a
follow-up's filed anew), or the first response.

Runs inside the outbox's recording transaction, so the case moves with the delivery row.
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa

from mentiondesk.models import OutboxAction, Receipt
from mentiondesk.tables import CASE, DRAFT


def touch_case(
    conn: sa.Connection,
    action: OutboxAction,
    receipt: Receipt,
    *,
    case_id: int | None,
    now: datetime,
) -> None:
    """Note `receipt` on the action's case (`case_id`, else the one its context names)."""
    case_id = case_id or _case_id(action)
    if case_id is None:
        return
    where = CASE.c.id == case_id
    if action.kind == "ticket" or receipt.case_ticket:
        conn.execute(
            sa.update(CASE).where(where).values(ticket_ref=receipt.ref, ticket_url=receipt.url)
        )
    elif action.kind == "post" and not _automatic(conn, action):
        answered(conn, case_id, now)


def answered(conn: sa.Connection, case_id: int | None, now: datetime) -> None:
    """A person's reply reached the author at `now`: the case's first response, unless it
    had one (a reply delivered, or posted by hand where mentiondesk cannot post)."""
    if case_id is None:
        return
    conn.execute(
        sa.update(CASE)
        .where(CASE.c.id == case_id, CASE.c.first_response_at.is_(None))
        .values(first_response_at=now)
    )


def _automatic(conn: sa.Connection, action: OutboxAction) -> bool:
    """A reply a playbook posted without approval: an acknowledgement, not an answer. The
    customer still waits for a person, so it does not stop the first-response clock."""
    draft_id = action.context.draft_id
    if draft_id is None:
        return False
    return bool(conn.scalar(sa.select(DRAFT.c.auto).where(DRAFT.c.id == draft_id)))


def _case_id(action: OutboxAction) -> int | None:
    number = action.context.case_number
    return int(number.removeprefix("MD-")) if number else None
