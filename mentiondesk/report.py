"""The numbers: volume, readings, cases, drafts, alerts and first-response time."""

from __future__ import annotations

from collections import Counter
from typing import Any

import sqlalchemy as sa

from mentiondesk.store import Store
from mentiondesk.tables import CASE, DELIVERY, DRAFT, MENTION, OUTBOX, READING


def report(store: Store) -> dict[str, Any]:
    """Counts for `mentiondesk report`; the top-level keys are a stable contract."""
    with store.engine.connect() as conn:

        def count(query: Any) -> int:
            return int(conn.scalar(query) or 0)

        by_label: dict[str, int] = {
            label: int(n)
            for label, n in conn.execute(
                sa.select(READING.c.label, sa.func.count()).group_by(READING.c.label)
            )
        }
        topics: Counter[str] = Counter()
        for (joined,) in conn.execute(sa.select(READING.c.topics).where(READING.c.topics != "")):
            topics.update(joined.split(","))
        deliveries: dict[str, int] = {
            kind: int(n)
            for kind, n in conn.execute(
                sa.select(DELIVERY.c.kind, sa.func.count()).group_by(DELIVERY.c.kind)
            )
        }
        waits = [
            (answered - opened).total_seconds()
            for opened, answered in conn.execute(
                sa.select(CASE.c.opened_at, CASE.c.first_response_at).where(
                    CASE.c.first_response_at.is_not(None)
                )
            )
        ]
        return {
            "mentions": count(sa.select(sa.func.count()).select_from(MENTION)),
            "cases_open": count(_count(CASE, CASE.c.status == "open")),
            "cases_total": count(sa.select(sa.func.count()).select_from(CASE)),
            "drafts_pending": count(_count(DRAFT, DRAFT.c.status == "pending")),
            "alerts_sent": int(deliveries.get("alert", 0)),
            "tickets_opened": int(deliveries.get("ticket", 0)),
            "replies_sent": int(deliveries.get("post", 0)),
            "outbox_waiting": count(_count(OUTBOX, OUTBOX.c.status == "pending")),
            "outbox_held": count(_count(OUTBOX, OUTBOX.c.status == "held")),
            "by_label": {k: int(by_label.get(k, 0)) for k in ("negative", "neutral", "positive")},
            "by_topic": dict(topics.most_common()),
            "first_response": _first_response(waits),
            # Open cases nobody has answered yet have no response time, so the percentiles
            # leave them out; counted here, a backlog of silence cannot pass for a fast desk.
            "first_response_waiting": count(
                _count(CASE, sa.and_(CASE.c.status == "open", CASE.c.first_response_at.is_(None)))
            ),
        }


def _count(table: Any, condition: Any) -> Any:
    return sa.select(sa.func.count()).select_from(table).where(condition)


def _first_response(waits: list[float]) -> dict[str, float | int] | None:
    """Seconds from case opened to the first reply delivered: count, p50, p90, mean."""
    if not waits:
        return None
    ordered = sorted(waits)
    return {
        "count": len(ordered),
        "p50_seconds": round(percentile(ordered, 50), 1),
        "p90_seconds": round(percentile(ordered, 90), 1),
        "mean_seconds": round(sum(ordered) / len(ordered), 1),
    }


def percentile(ordered: list[float], pct: float) -> float:
    """Linear-interpolated percentile of an already sorted list."""
    if len(ordered) == 1:
        return ordered[0]
    rank = (len(ordered) - 1) * pct / 100
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)
