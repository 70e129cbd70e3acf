"""Business hours: the team's working week, and how much of it lies between two moments.

First-response time on the clock counts a complaint posted Friday 19:00 and answered Monday
09:30 as 62.5 hours; in business hours (Mon–Fri 09:00–18:00) it is 30 minutes, the time the
team actually had. A weekday may have several shifts (08:00–12:00 and 13:00–18:00, a lunch
break between), and a shift that closes at or before it opens (20:00–02:00) runs past
midnight. Pure: no database, no config; the config section builds a BusinessHours.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from mentiondesk.business_week import ENGLISH_DAYS, MIDNIGHT, Day, Shift, Week, describe_week

# No team worked before 1970: an earlier moment is counted from then. A post's date is its
# app's or its server's ("0001-01-01T00:00:00Z" opens its case in year 1), and the day before
# year 1 is no date: one such case answered stopped the run summary and the queue's figures.
EARLIEST = 0.0


@dataclass(frozen=True, slots=True)
class BusinessHours:
    """Each weekday's shifts in `week` (Monday first; none: closed), in `zone`, except that
    the shifts that open on one of `holidays` (local dates) do not run. The hours after
    midnight of an overnight shift belong to the day it opened: a holiday on Tuesday cancels
    Tuesday's 20:00–02:00, not the end of Monday's."""

    week: Week
    zone: tzinfo
    holidays: frozenset[date] = frozenset()

    def shifts_on(self, day: date) -> Day:
        """The shifts that open on `day`, in order; none on a day off or a holiday."""
        return () if day in self.holidays else self.week[day.weekday()]

    def window(self, day: date, shift: Shift) -> tuple[datetime, datetime]:
        """`shift` opening on `day` as UTC instants. Each end is placed by the zone's rules
        for its very day, so a summer-time change moves the window with the clocks, and a
        night the clocks skip an hour of is an hour shorter."""
        opens, closes = shift
        last = day + timedelta(days=1) if closes <= opens else day
        return _instant(day, opens, self.zone), _instant(last, closes, self.zone)

    def seconds_between(self, start: datetime, end: datetime) -> float:
        """Seconds of opening hours from `start` to `end` (aware datetimes; naive ones are
        read as UTC, as the store keeps them). A reply stamped before the case opened
        (clocks of two machines) counts as 0."""
        return self.waits([(start, end)])[0]

    def waits(self, spans: Iterable[tuple[datetime, datetime]]) -> list[float]:
        """`seconds_between` of many spans at once."""
        return self.stamp_waits((_stamp(a), _stamp(b)) for a, b in spans)

    def stamp_waits(self, spans: Iterable[tuple[float, float]]) -> list[float]:
        """`waits` of spans given as POSIX timestamps (as a query can give them, sparing the
        parsing of thousands of datetimes). Each shift from the earliest moment to the latest
        is placed once as a window, whole windows adding up as they go (a split day is two
        windows, not a day with a hole to subtract), so a span costs a binary search
        however long it is: a dashboard's thousands of cases cost their period's days, and
        a wait of months costs months of days, not seconds."""
        stamps = [max(float(s), EARLIEST) for span in spans for s in span]  # start, end…
        if not stamps:
            return []
        # From the day before the earliest moment: its night shift may run into it.
        first = self._local_day(min(stamps)) - timedelta(days=1)
        opens, closes, before = self._placed(first, self._local_day(max(stamps)))
        since_first = []  # seconds open from `first`'s midnight to each moment
        for stamp in stamps:
            i = bisect_right(opens, stamp) - 1  # the last window opened by then
            since_first.append(before[i] + min(stamp, closes[i]) - opens[i] if i >= 0 else 0.0)
        starts, ends = since_first[0::2], since_first[1::2]
        return [max(end - start, 0.0) for start, end in zip(starts, ends, strict=True)]

    def _placed(self, first: date, last: date) -> tuple[list[float], list[float], list[float]]:
        """The windows of the shifts opening from `first` to `last` as POSIX timestamps, in
        order: when each opens, when it closes, and the seconds open in the windows before
        it. A window starts no earlier than the one before it ended, so no second is counted
        twice even where the clocks' changes (or two overlapping shifts) would have it."""
        opens: list[float] = []
        closes: list[float] = []
        before: list[float] = []
        total, end = 0.0, float("-inf")
        for i in range((last - first).days + 1):
            day = first + timedelta(days=i)
            for shift in self.shifts_on(day):
                open_at, close_at = (moment.timestamp() for moment in self.window(day, shift))
                open_at = max(open_at, end)
                end = max(close_at, open_at)
                opens.append(open_at)
                closes.append(end)
                before.append(total)
                total += end - open_at
        return opens, closes, before

    def _local_day(self, stamp: float) -> date:
        return datetime.fromtimestamp(stamp, self.zone).date()

    def describe(self, day_names: Sequence[str] = ENGLISH_DAYS, joiner: str = "and") -> str:
        """The week as people write it: "Mon–Fri 09:00–18:00", "Sun–Thu 08:00–17:00",
        "Mon–Fri 08:00–12:00 and 13:00–18:00, Sat 09:00–13:00", "Mon–Fri 20:00–02:00"
        (`day_names`: Monday first, and `joiner`, in the reader's language)."""
        return describe_week(self.week, day_names, joiner)


def _instant(day: date, minutes: int, zone: tzinfo) -> datetime:
    """`minutes` after local midnight of `day` as a UTC instant ("24:00" is the next day's
    midnight). A time the clocks repeat is its first occurrence; a time they skip (São
    Paulo's midnight on the day summer time began, Lisbon's 01:30 on the last Sunday of
    March) is reached when they jump over it."""
    if minutes == MIDNIGHT:
        day, minutes = day + timedelta(days=1), 0
    local = datetime.combine(day, time(minutes // 60, minutes % 60), tzinfo=zone)
    at = local.astimezone(UTC)  # fold=0: a skipped time reads with the offset before the jump
    if at.astimezone(zone).replace(tzinfo=None) == local.replace(tzinfo=None):
        return at
    return _jump(local.replace(fold=1).astimezone(UTC), at, zone)


def _jump(before: datetime, after: datetime, zone: tzinfo) -> datetime:
    """The moment the clocks jumped, between `before` (on the old offset) and `after` (on
    the new): found to the second, as no zone jumps twice within a few hours."""
    low, high = int(before.timestamp()), int(after.timestamp())
    new_offset = after.astimezone(zone).utcoffset()
    while high - low > 1:
        middle = (low + high) // 2
        if datetime.fromtimestamp(middle, zone).utcoffset() == new_offset:
            high = middle
        else:
            low = middle
    return datetime.fromtimestamp(high, UTC)


def _stamp(moment: datetime) -> float:
    """A POSIX timestamp; a naive datetime is UTC, as the store keeps them."""
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).timestamp()
