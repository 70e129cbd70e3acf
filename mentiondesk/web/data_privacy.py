"""The Privacy log's rows: the audit lines of erasures on request and of retention runs,
newest first. They belong to no case (erasure.ACTION, retention.ACTION), so no case page
shows them; this is where an admin finds them for a regulator."""

from __future__ import annotations

import sqlalchemy as sa

from mentiondesk.audit_trail import AuditEntry
from mentiondesk.erasure import ACTION as ERASE
from mentiondesk.retention import ACTION as PURGE
from mentiondesk.store import Store
from mentiondesk.tables import AUDIT

ACTIONS = (ERASE, PURGE)


def privacy_lines(
    store: Store, *, before: int | None = None, limit: int | None = None
) -> list[AuditEntry]:
    """The lines, newest first (by id: the order they were written in); those older than the
    line `before` only (the next page's), at most `limit` (None: all, for the CSV)."""
    query = sa.select(AUDIT).where(AUDIT.c.action.in_(ACTIONS))
    if before is not None:
        query = query.where(AUDIT.c.id < before)
    query = query.order_by(AUDIT.c.id.desc())
    if limit is not None:
        query = query.limit(limit)
    with store.engine.connect() as conn:
        return [AuditEntry(**row._mapping) for row in conn.execute(query)]


def privacy_totals(store: Store) -> dict[str, int]:
    """How many lines of each action the trail holds: {"erase": 3, "purge": 41}."""
    query = (
        sa.select(AUDIT.c.action, sa.func.count())
        .where(AUDIT.c.action.in_(ACTIONS))
        .group_by(AUDIT.c.action)
    )
    with store.engine.connect() as conn:
        counts = {str(action): int(n) for action, n in conn.execute(query)}
    return {action: counts.get(action, 0) for action in ACTIONS}
