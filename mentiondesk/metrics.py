"""The desk's service numbers that the dashboard, the queue and the report all reckon: first-
response waits and their percentiles, cases still awaiting a reply, and period-on-period change."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
from sqlalchemy.engine import Connection

from mentiondesk.business_hours import BusinessHours
from mentiondesk.period import Period, within
from mentiondesk.tables import CASE

P90_MIN_ANSWERS = 10  # answered cases the desk's p90 needs, as CSAT and NPS need 30 answers
# SQLite reckons in julian days, floats some 50 µs coarse: a reply an hour after its case
# came out as 3599.99998 s, which the desk (whole minutes) showed as 59m. No wait is read
# finer than a millisecond.
PLACES = 3


@dataclass(frozen=True, slots=True)
class FirstResponse:
    """Seconds from case opened to the first reply delivered, over the answered cases of a
    period, and the open cases of it still waiting for one."""

    count: int
    waiting: int
    p50: float | None
    p90: float | None
    mean: float | None
    # The same waits counted in the team's business hours, where [desk] business_hours
    # is set: a complaint of Friday night answered Monday at 09:30 waited 30 minutes of them.
    business: FirstResponse | None = None
    hours: BusinessHours | None = None

    @property
    def few(self) -> bool:
        """Too few answered cases for a p90 to mean anything: the desk shows none (the
        slowest 1 in 10 of 3 cases is one case); nor does `report`: null, beside its count."""
        return 0 < self.count < P90_MIN_ANSWERS


def first_response(
    conn: Connection,
    period: Period | None,
    hours: BusinessHours | None = None,
    *,
    waiting: int | None = None,
) -> FirstResponse:
    """The first-response figures of the cases opened in `period` (None: all of them), and
    in business hours too when the desk has them; `waiting`: the period's open cases without
    a reply, when the caller has counted them already (awaiting_reply)."""
    if waiting is None:
        waiting = awaiting_reply(conn, period)
    business = None
    if hours is not None:
        business = summary(business_waits(conn, period, hours), waiting)
    if conn.dialect.name == "postgresql":
        plain = reckoned(conn, period, waiting)
    else:
        plain = summary(response_waits(conn, period), waiting)
    return replace(plain, business=business, hours=hours)


def summary(waits: list[float], waiting: int) -> FirstResponse:
    """Count, p50, p90 and mean of sorted waits."""
    return FirstResponse(
        count=len(waits),
        waiting=waiting,
        p50=median(waits) if waits else None,
        p90=percentile(waits, 90) if waits else None,
        mean=sum(waits) / len(waits) if waits else None,
    )


def reckoned(conn: Connection, period: Period | None, waiting: int) -> FirstResponse:
    """`summary(response_waits(…))` reckoned by PostgreSQL: a quarter's answered cases of a
    busy desk are some 170,000 waits, which cost more to fetch and sort here than to count
    there. The same figures: each wait rounded to the millisecond, the p90 the nearest rank
    (percentile_disc takes ceil(90 % of n), as `percentile` does), the p50 halfway between
    the two middle waits (the lower middle counted from each end), the mean exact.

    Ranked as whole milliseconds, the same order: a bigint sorts for a fraction of what a
    numeric costs, and the p50's and p90's ranks share one sort (each had its own). A wait
    of k ms reads back as k / 1000, the float nearest to it, as its numeric form read."""
    epoch = sa.cast(sa.extract("epoch", CASE.c.first_response_at - CASE.c.opened_at), sa.Numeric)
    wait = sa.func.round(sa.func.greatest(epoch, 0), PLACES).label("wait")
    waits = (
        sa.select(wait)
        .where(within(CASE.c.opened_at, period), CASE.c.first_response_at.is_not(None))
        .subquery()
    )
    w = waits.c.wait
    ms = sa.cast(w * 10**PLACES, sa.BigInteger)
    ranks = postgresql.array([0.5, 0.9], type_=sa.Float)
    n, low_p90, high, mean = conn.execute(
        sa.select(
            sa.func.count(),
            sa.func.percentile_disc(ranks).within_group(ms),
            sa.func.percentile_disc(0.5).within_group(ms.desc()),
            sa.func.avg(w),
        )
    ).one()
    if not n:
        return summary([], waiting)
    (low, p90), scale = low_p90, 10**PLACES
    return FirstResponse(
        count=int(n),
        waiting=waiting,
        p50=(low / scale + high / scale) / 2,
        p90=p90 / scale,
        mean=float(mean),
    )


def seconds_between(conn: Connection, start: Any, end: Any) -> Any:
    """Seconds from one timestamp column to another, on either backend."""
    if conn.dialect.name == "postgresql":
        return sa.extract("epoch", end - start)
    return (sa.func.julianday(end) - sa.func.julianday(start)) * 86400.0


def response_waits(conn: Connection, period: Period | None) -> list[float]:
    """Seconds from opening to the first reply delivered of the period's answered cases
    (None: all of them), shortest first. A reply stamped before its case opened (the case
    opened by one host, the reply recorded by another whose clock is behind) waited none, as
    in business hours: a negative wait pulled the mean and percentiles below any real one."""
    wait = seconds_between(conn, CASE.c.opened_at, CASE.c.first_response_at)
    query = sa.select(wait).where(
        within(CASE.c.opened_at, period), CASE.c.first_response_at.is_not(None)
    )
    return sorted(max(round(float(s), PLACES), 0.0) for s in conn.scalars(query))


def business_waits(conn: Connection, period: Period | None, hours: BusinessHours) -> list[float]:
    """`response_waits` counted in business hours, shortest first. Neither backend knows a
    team's calendar, so the two moments of each answered case are counted here; read as
    timestamps, not datetimes, which would cost more to parse than to count.

    PostgreSQL sends them as two arrays in one row: a quarter's 170,000 rows cost more to
    build here than the waits cost to count."""
    opened, answered = (epoch(conn, c) for c in (CASE.c.opened_at, CASE.c.first_response_at))
    where = within(CASE.c.opened_at, period), CASE.c.first_response_at.is_not(None)
    rows: Iterable[tuple[Any, Any]]
    if conn.dialect.name == "postgresql":
        both = sa.select(sa.func.array_agg(opened), sa.func.array_agg(answered)).where(*where)
        starts, ends = conn.execute(both).one()  # NULLs when no case was answered
        rows = zip(starts or [], ends or [], strict=True)
    else:
        rows = conn.execute(sa.select(opened, answered).where(*where)).all()
    return sorted(hours.stamp_waits((round(a, PLACES), round(b, PLACES)) for a, b in rows))


def epoch(conn: Connection, column: Any) -> Any:
    """A timestamp column as POSIX seconds, on either backend (SQLite keeps UTC text)."""
    if conn.dialect.name == "postgresql":
        return sa.extract("epoch", column)
    return (sa.func.julianday(column) - 2440587.5) * 86400.0


def awaiting_reply(conn: Connection, period: Period | None) -> int:
    """Open cases of the period still without a reply: the percentiles leave them out (they
    have no response time yet), so they are counted beside them instead of vanishing."""
    query = (
        sa.select(sa.func.count())
        .select_from(CASE)
        .where(
            within(CASE.c.opened_at, period),
            CASE.c.status == "open",
            CASE.c.first_response_at.is_(None),
        )
    )
    return int(conn.scalar(query) or 0)


def median(ordered: list[float]) -> float:
    """The middle of an already sorted list (of the two middle ones, halfway): half the
    cases were answered within it and half took longer, as the p50 card says."""
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def percentile(ordered: list[float], pct: int) -> float:
    """Nearest rank of an already sorted list: the smallest value that at least `pct` % of
    them are within. The p90 card says "9 in 10 got a first response within this time; only
    1 in 10 took longer", which an interpolated figure broke: of 14 answered cases it fell
    between the 12th and 13th, and 2 of 14 (14 %) took longer than it."""
    rank = -(-pct * len(ordered) // 100)  # ceil(pct % of n), in whole numbers: 90 % of 10 is 9
    return ordered[max(rank, 1) - 1]


def change(now: int, before: int) -> float | None:
    """A reason's change from the previous period, percent; None when it had none then."""
    return (now - before) / before * 100 if before else None
