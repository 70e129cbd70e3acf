"""Mentions per hour by sentiment over the last 24 hours: the dashboard's view of a day still
under way (a crisis morning is one bar among 30 in the daily chart).

The last 24 hours, not today's: at 08:00 the morning's spike stands beside the quiet night
before it, and at 00:30 the chart is not one empty bar. The hours are real hours, the last one
starting at the desk's current hour on its wall clock: on a summer-time change day the wall
clock repeats or skips an hour, the chart does not (each bar is 60 minutes, so a bar's height
is a rate that can be compared with its neighbours').
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from mentiondesk.figures import quarter_of
from mentiondesk.period import posted, posted_between
from mentiondesk.tables import MENTION, READING

HOURS = 24
_HOUR = timedelta(hours=1)


@dataclass(frozen=True, slots=True)
class Hour:
    start: datetime  # in the desk's zone (fold set: a repeated 01:00 is told apart)
    counts: dict[str, int]  # label → mentions
    so_far: bool  # the current hour: not over, its bar is short, not a drop


def hour_starts(now: datetime, zone: tzinfo = UTC) -> list[datetime]:
    """The starts of the last HOURS hours in UTC, oldest first, the last one the start of the
    current hour on the desk's wall clock (10:00 in Kolkata is 04:30 UTC)."""
    local = now.astimezone(zone)
    current = local.replace(minute=0, second=0, microsecond=0).astimezone(UTC)
    return [current - _HOUR * (HOURS - 1 - i) for i in range(HOURS)]


def hourly_counts(conn: Connection, *, now: datetime, zone: tzinfo = UTC) -> list[Hour]:
    """Mentions per hour and label over the last HOURS hours, read (unlike a whole period)
    in UTC quarter hours, a few hundred rows at most: a half-hour zone's hours start on them,
    and a repeated wall-clock hour stays two hours."""
    starts = hour_starts(now, zone)
    at = posted(conn.dialect.name, MENTION.c.created_at, MENTION.c.ingested_at)
    quarter = quarter_of(conn, at).label("quarter")
    query = (
        sa.select(quarter, READING.c.label, sa.func.count())
        .select_from(MENTION)
        .join(READING, READING.c.mention_id == MENTION.c.id)
        .where(posted_between(MENTION.c.created_at, MENTION.c.ingested_at, starts[0], None))
        .group_by(quarter, READING.c.label)
    )
    counts: list[dict[str, int]] = [{} for _ in starts]
    for text, label, n in conn.execute(query):
        moment = datetime.strptime(text.replace("T", " "), "%Y-%m-%d %H:%M").replace(tzinfo=UTC)
        # A post stamped ahead of our clock counts in the current hour, as the daily chart
        # counts it today.
        i = min(max(int((moment - starts[0]) // _HOUR), 0), HOURS - 1)
        counts[i][label] = counts[i].get(label, 0) + int(n)
    return [
        Hour(start.astimezone(zone), found, so_far=i == HOURS - 1)
        for i, (start, found) in enumerate(zip(starts, counts, strict=True))
    ]
