"""The period a figure covers: whole calendar days in the desk's time zone, today the last."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any

import sqlalchemy as sa

DEFAULT_DAYS = 30  # the dashboard's period until a manager picks another


@dataclass(frozen=True, slots=True)
class Period:
    """`days` calendar days, the first starting at `since` (its midnight in the desk's zone).

    `until` is the midnight after the last day once that day is over; None while the period
    runs to now, so a post stamped a little ahead of our clock still counts in it.
    """

    since: datetime
    days: int
    until: datetime | None = None
    # Where the previous period starts when it is not as many days back: a calendar month's
    # is the month before (October's trend is on September, not on 31 August–30 September).
    before: datetime | None = None

    @property
    def first_day(self) -> date:
        return self.since.date()

    @property
    def last_day(self) -> date:
        return self.first_day + timedelta(days=self.days - 1)

    def span(self, now: datetime) -> timedelta:
        """How long the period has lasted: the previous period, for trends, is as long."""
        return (self.until or now) - self.since

    def previous_since(self, span: timedelta) -> datetime:
        """Where the previous period, `span` (`self.span(now)`) long, starts.

        A closed period's span is whole days on the wall clock (both ends in the desk's zone),
        taken back on it to the midnight as many days before. One running to now lasted real
        time, taken back in UTC: on the wall clock a summer-time change between the two
        periods would make the previous one an hour longer or shorter."""
        if self.before is not None:
            return self.before
        if self.until is None:
            return self.since.astimezone(UTC) - span
        return self.since - span


def period_start(now: datetime, days: int, zone: tzinfo = UTC) -> datetime:
    """Midnight (in the desk's time zone) of the first of the `days` calendar days the chart
    shows, today last.

    Every figure starts here, not at `now - days`: a rolling start would count the part of an
    extra day the chart has no bar for, so the totals and the bars would disagree.
    """
    today = now.astimezone(zone).date()
    return datetime.combine(today - timedelta(days=days - 1), time.min, tzinfo=zone)


def last_days(now: datetime, days: int, zone: tzinfo = UTC) -> Period:
    """The `days` calendar days up to today, as the dashboard shows them."""
    return Period(period_start(now, days, zone), days)


def days_from(first: date, *, days: int | None, now: datetime, zone: tzinfo = UTC) -> Period:
    """From the day `first` for `days` days, or up to today when `days` is None.

    A period cannot reach past today: `days` beyond it are cut, and one that ends today runs
    to now. Raises ValueError for a first day after today.
    """
    today = now.astimezone(zone).date()
    if first > today:
        raise ValueError(f"{first.isoformat()} is after today ({today.isoformat()})")
    last = today if days is None else min(first + timedelta(days=days - 1), today)
    end = None if last == today else _midnight(last + timedelta(days=1), zone)
    return Period(_midnight(first, zone), (last - first).days + 1, end)


def calendar_month(month: date, *, now: datetime, zone: tzinfo = UTC) -> Period:
    """The calendar month of `month` in `zone`, as a board's monthly figures are: from its
    first midnight to the next month's (a summer-time change inside it moves neither).

    Once over, its trend is on the month before, whatever its length. One under way runs to
    now, and is compared, as `days_from`, with as long a time before it: a week of December
    against the whole of November would read every reason as falling. Raises ValueError for
    a month after this one."""
    first = month.replace(day=1)
    following = (first + timedelta(days=31)).replace(day=1)
    period = days_from(first, days=(following - first).days, now=now, zone=zone)
    if period.until is None:
        return period
    previous = (first - timedelta(days=1)).replace(day=1)
    return replace(period, before=_midnight(previous, zone))


def within(column: Any, period: Period | None) -> Any:
    """The condition that a timestamp column falls in `period` (None: any time at all)."""
    if period is None:
        return sa.true()
    if period.until is None:
        return column >= period.since
    return sa.and_(column >= period.since, column < period.until)


def posted(dialect: str, created: Any, ingested: Any) -> Any:
    """When a mention was posted, as far as we can know: its platform's stamp, or when we
    stored it where that is later. A stamp ahead of our clock (Bluesky's createdAt is the
    author's app's) cannot be when the post was made: read as it was, a post of today counted
    again in next week's figures and in neither when a period was over."""
    least = sa.func.least if dialect == "postgresql" else sa.func.min  # SQLite: scalar min
    return least(created, ingested)


def posted_within(created: Any, ingested: Any, period: Period | None) -> Any:
    """The condition that `posted(created, ingested)` falls in `period`, written so that an
    index on `created` still finds the period's rows (the least of two is indexed by neither)."""
    if period is None:
        return sa.true()
    return posted_between(created, ingested, period.since, period.until)


def posted_between(created: Any, ingested: Any, start: datetime, end: datetime | None) -> Any:
    """`start <= posted(created, ingested) < end` (`end` None: no end)."""
    after = sa.and_(created >= start, ingested >= start)
    return after if end is None else sa.and_(after, sa.or_(created < end, ingested < end))


def _midnight(day: date, zone: tzinfo) -> datetime:
    return datetime.combine(day, time.min, tzinfo=zone)
