"""The dashboard's numbers: the figures of the last 7, 30 or 90 days, and their CSV export."""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo

from mentiondesk.business_hours import BusinessHours
from mentiondesk.figures import LABELS, Figures, load_period, mention_counts
from mentiondesk.period import last_days
from mentiondesk.store import Store

PERIODS = (7, 30, 90)


def load_dashboard(
    store: Store,
    *,
    days: int,
    now: datetime,
    zone: tzinfo = UTC,
    hours: BusinessHours | None = None,
) -> Figures:
    """The dashboard's figures over the `days` calendar days up to today; first responses in
    business hours too when the desk has them (`hours`)."""
    return load_period(store, last_days(now, days, zone), now=now, zone=zone, hours=hours)


def csv_rows(store: Store, *, days: int, now: datetime, zone: tzinfo = UTC) -> list[list[str]]:
    """Daily mentions per platform and label over the period, for a spreadsheet."""
    with store.engine.connect() as conn:
        counts = mention_counts(conn, last_days(now, days, zone), zone)
    table: dict[tuple[str, str], dict[str, int]] = {}
    for d, platform, label, n in counts:
        table.setdefault((d, platform), {})[label] = n
    rows = [["day", "platform", *LABELS, "total"]]
    for (d, platform), found in sorted(table.items()):
        values = [found.get(label, 0) for label in LABELS]
        rows.append([d, platform, *map(str, values), str(sum(values))])
    return rows
