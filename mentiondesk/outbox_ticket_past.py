"""A help-desk ticket's list of its author's earlier resolved cases, told at delivery.

Draft templates know them (`{{ past_cases }}`), but the agents of a team that works in the
help desk alone never saw them: a returning customer read as a first-timer. Listed as the
store has them when the ticket is filed (one resolved since it was queued among them), in
extra[PAST_CASES] (responders._ticket_rows), never stored. Only on a case's first ticket
text: a follow-up's comment goes to a ticket that lists them already.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from mentiondesk.models import OutboxAction
from mentiondesk.tables import CASE, case_number
from responders._ticket_rows import PAST_CASES

SHOWN = 5  # of an author's resolved cases, the newest; the rest are counted


def with_past(
    conn: sa.Connection, case_ids: list[int | None], actions: list[OutboxAction]
) -> list[OutboxAction]:
    """`actions`, each ticket with its author's other resolved cases, newest first."""
    wanted = {
        c for c, a in zip(case_ids, actions, strict=True) if a.kind == "ticket" and c is not None
    }
    found: dict[int | None, dict[str, Any]] = {c: _resolved_besides(conn, c) for c in wanted}
    return [
        replace(a, extra={**a.extra, PAST_CASES: found[c]}) if found.get(c) else a
        for c, a in zip(case_ids, actions, strict=True)
    ]


def _resolved_besides(conn: sa.Connection, case_id: int) -> dict[str, Any]:
    """{"cases": [[number, resolved at (ISO 8601)], …], "total": n}: the newest SHOWN of
    the resolved cases of case `case_id`'s author but it, and how many there are. Resolved
    only: a closed case (spam, a mistake) tells nothing of the customer, as the templates'
    past_cases leave it out too."""
    author = sa.select(CASE.c.author_id).where(CASE.c.id == case_id).scalar_subquery()
    query = (
        sa.select(CASE.c.id, CASE.c.closed_at, sa.func.count().over().label("total"))
        .where(CASE.c.author_id == author, CASE.c.status == "resolved", CASE.c.id != case_id)
        .order_by(CASE.c.closed_at.desc(), CASE.c.id.desc())
        .limit(SHOWN)
    )
    rows = conn.execute(query).all()
    cases = [[case_number(r.id), _iso(r.closed_at)] for r in rows]
    return {"cases": cases, "total": int(rows[0].total)} if rows else {}


def _iso(at: datetime | None) -> str:
    return at.isoformat() if at is not None else ""
