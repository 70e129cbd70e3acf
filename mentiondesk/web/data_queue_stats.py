"""The queue page's header: how the queue stands (the figures above it) and what its filter
menus offer. Apart from the queue's items: these count everything open, unfiltered."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa

from mentiondesk.business_hours import BusinessHours
from mentiondesk.metrics import median
from mentiondesk.store import Store
from mentiondesk.tables import CASE, DRAFT, MENTION, READING

_CHUNK = 500  # ids per query: well inside SQLite's bound-parameter limit


@dataclass(frozen=True, slots=True)
class QueueStats:
    open_cases: int
    pending_drafts: int
    answered_24h: int
    first_response_p50: float | None  # seconds, over cases answered in the last 24 hours
    # The same median counted in [desk] business_hours, where the desk has them.
    first_response_p50_business: float | None = None
    hours: BusinessHours | None = None


def load_stats(store: Store, *, now: datetime, hours: BusinessHours | None = None) -> QueueStats:
    since = now - timedelta(hours=24)
    with store.engine.connect() as conn:
        open_cases = conn.scalar(
            sa.select(sa.func.count()).select_from(CASE).where(CASE.c.status == "open")
        )
        pending = conn.scalar(
            sa.select(sa.func.count()).select_from(DRAFT).where(DRAFT.c.status == "pending")
        )
        answered = conn.execute(
            sa.select(CASE.c.opened_at, CASE.c.first_response_at).where(
                CASE.c.first_response_at >= since
            )
        ).all()
    waits = sorted((a - o).total_seconds() for o, a in answered)
    p50 = median(waits) if waits else None  # as the dashboard and report reckon it
    stats = QueueStats(int(open_cases or 0), int(pending or 0), len(waits), p50)
    if hours is None or not answered:
        return replace(stats, hours=hours)
    business = sorted(hours.waits(answered))
    return replace(stats, first_response_p50_business=median(business), hours=hours)


def facets(store: Store) -> dict[str, list[str]]:
    """The values the filter menus offer, taken from what is waiting in the queue."""
    open_mentions = sa.select(CASE.c.mention_id).where(CASE.c.status == "open")
    pending = sa.select(DRAFT.c.mention_id).where(DRAFT.c.status == "pending")
    query = (
        sa.select(MENTION.c.platform, MENTION.c.source, READING.c.lang, READING.c.reason)
        .join(READING, READING.c.mention_id == MENTION.c.id)
        .distinct()
    )
    with store.engine.connect() as conn:
        # Driven by the waiting mentions' ids, a chunk at a time by primary key: joined to
        # their union, PostgreSQL hashed it against every reading of the year.
        ids = sorted(conn.scalars(sa.union(open_mentions, pending)))
        rows: set[tuple[Any, ...]] = set()
        for at in range(0, len(ids), _CHUNK):
            chunk = query.where(MENTION.c.id.in_(ids[at : at + _CHUNK]))
            rows.update(tuple(r) for r in conn.execute(chunk).all())
        assignees = conn.scalars(
            sa.select(CASE.c.assignee)
            .where(CASE.c.status == "open", CASE.c.assignee.is_not(None))
            .distinct()
        ).all()
    names = ("platform", "source", "lang", "reason")
    pick = {name: sorted({r[i] for r in rows} - {None, ""}) for i, name in enumerate(names)}
    return {
        "platform": pick.get("platform", []),
        "source": pick.get("source", []),
        "lang": pick.get("lang", []),
        "reason": pick.get("reason", []),
        "label": ["negative", "neutral", "positive"],
        "assignee": sorted(a for a in assignees if a),
    }
