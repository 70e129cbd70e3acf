"""A case's state as people change it: locked while open, updated only while open, closed
(or resolved) with its pending drafts. Beside queue.py, which re-exports close_case and
update_open_case for their callers."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from mentiondesk.audit_trail import write as audit
from mentiondesk.cases import lock_case
from mentiondesk.queue_errors import CaseEnded, NotFound
from mentiondesk.store import Store
from mentiondesk.tables import CASE, DRAFT, FOLLOW_UP, case_number


def cases_of_mention(mention_id: int) -> sa.ColumnElement[bool]:
    """SQL on CASE: the case the mention opened and those it joined as a follow-up. One IN
    over a union, not `a = :id OR b IN (…)`: PostgreSQL scans the whole table for that OR."""
    opened = sa.select(CASE.c.id).where(CASE.c.mention_id == mention_id)
    joined = sa.select(FOLLOW_UP.c.case_id).where(FOLLOW_UP.c.mention_id == mention_id)
    return CASE.c.id.in_(sa.union_all(opened, joined))


def lock_open(conn: Connection, case_id: int) -> None:
    """Lock the case until the commit while it is open; CaseEnded (how it stands) if not."""
    if not lock_case(conn, case_id, while_open=True):
        status = conn.scalar(sa.select(CASE.c.status).where(CASE.c.id == case_id))
        raise CaseEnded(case_id, str(status))


def update_open_case(conn: Connection, case_id: int, **values: Any) -> None:
    """Update a case only while it is open; NotFound or StaleAction otherwise."""
    status = conn.scalar(sa.select(CASE.c.status).where(CASE.c.id == case_id))
    if status is None:
        raise NotFound(f"no case {case_number(case_id)}")
    changed = conn.execute(
        sa.update(CASE).where(CASE.c.id == case_id, CASE.c.status == "open").values(values)
    ).rowcount
    if changed != 1:  # say what it is now: 'already closed' or 'already resolved'
        now = conn.scalar(sa.select(CASE.c.status).where(CASE.c.id == case_id))
        raise CaseEnded(case_id, str(now if now != "open" else status))


def close_case(store: Store, case_id: int, *, by: str, status: str = "closed") -> int:
    """Close (or resolve) an open case; its pending drafts are withdrawn with it (how many).
    `by`'s audit line ("closed" or "resolved") commits with it, whoever closed it from where
    (the desk, the CLI, "helpdesk:NAME" when the help desk solved its ticket)."""
    now = datetime.now(UTC)
    with store.engine.begin() as conn:
        update_open_case(conn, case_id, status=status, closed_at=now)
        withdrawn = conn.execute(
            sa.update(DRAFT)
            .where(DRAFT.c.case_id == case_id, DRAFT.c.status == "pending")
            .values(status="withdrawn", decided_at=now, decided_by=by)
        ).rowcount
        audit(conn, by, status, case_id=case_id)
    return int(withdrawn)
