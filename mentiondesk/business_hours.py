"""Business hours: the team's working week, and how much of it lies between two moments.

First-response time on the clock counts a complaint posted Friday 19:00 and answered Monday
09:30 as 62.5 hours; in business hours (Mon–Fri 09:00–18:00) it is 30 minutes, the time the
team actually had. Pure: no database, no config; the config section builds a BusinessHours.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")  # date.weekday() order
ENGLISH_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MIDNIGHT = 24 * 60  # "24:00": a close at the end of the day


@dataclass(frozen=True, slots=True)
class BusinessHours:
    """Open `opens` to `closes` (minutes after local midnight) on `days` (0 = Monday) in
    `zone`, except on `holidays` (local dates)."""

    days: frozenset[int]
    opens: int
    closes: int
    zone: tzinfo
    holidays: frozenset[date] = frozenset()

    def is_open_on(self, day: date) -> bool:
        return day.weekday() in self.days and day not in self.holidays

    def window(self, day: date) -> tuple[datetime, datetime]:
        """The day's opening hours as UTC instants. Each end is placed by the zone's rules
        for that very day, so a summer-time change moves the window with the clocks."""
        return _instant(day, self.opens, self.zone), _instant(day, self.closes, self.zone)

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
        parsing of thousands of datetimes). Each local day from the earliest moment to the
        latest is placed once, whole days adding up as they go, so a span costs a binary
        search however long it is: a dashboard's thousands of cases cost their period's
        days, and a wait of months costs months of days, not seconds."""
        stamps = [float(s) for span in spans for s in span]  # start, end, start, end…
        if not stamps:
            return []
        first, last = (self._local_day(s) for s in (min(stamps), max(stamps)))
        # Per local day from `first`: its midnight, its opening hours (a closed day's are
        # empty) and the seconds open on the days before it, all as POSIX timestamps.
        midnights: list[float] = []
        windows: list[tuple[float, float]] = []
        before = [0.0]
        for i in range((last - first).days + 1):
            day = first + timedelta(days=i)
            midnight = _instant(day, 0, self.zone).timestamp()
            window = (midnight, midnight)
            if self.is_open_on(day):
                open_at, close_at = self.window(day)
                window = (open_at.timestamp(), close_at.timestamp())
            midnights.append(midnight)
            windows.append(window)
            before.append(before[-1] + window[1] - window[0])
        since_first = []  # seconds open from `first`'s midnight to each moment
        for stamp in stamps:
            i = max(bisect_right(midnights, stamp) - 1, 0)  # the moment's local day
            opens, closes = windows[i]
            since_first.append(before[i] + min(max(stamp, opens), closes) - opens)
        starts, ends = since_first[0::2], since_first[1::2]
        return [max(end - start, 0.0) for start, end in zip(starts, ends, strict=True)]

    def _local_day(self, stamp: float) -> date:
        return datetime.fromtimestamp(stamp, self.zone).date()

    def describe(self, day_names: Sequence[str] = ENGLISH_DAYS) -> str:
        """The calendar as people write it: "Mon–Fri 09:00–18:00", "Sun–Thu 08:00–17:00",
        "Mon, Wed, Fri 09:00–13:00" (`day_names`: Monday first, in the reader's language)."""
        runs = [
            f"{day_names[a]}–{day_names[b]}" if a != b else day_names[a]
            for a, b in _runs(self.days)
        ]
        return f"{', '.join(runs)} {clock_text(self.opens)}–{clock_text(self.closes)}"


def _instant(day: date, minutes: int, zone: tzinfo) -> datetime:
    """`minutes` after local midnight of `day` as a UTC instant ("24:00" is the next day's
    midnight). A time the clocks skipped (São Paulo's midnight on the day summer time began)
    reads with the offset before the change, so it lands on the first moment after the jump."""
    if minutes == MIDNIGHT:
        day, minutes = day + timedelta(days=1), 0
    local = datetime.combine(day, time(minutes // 60, minutes % 60), tzinfo=zone)
    return local.astimezone(UTC)


def _stamp(moment: datetime) -> float:
    """A POSIX timestamp; a naive datetime is UTC, as the store keeps them."""
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).timestamp()


def _runs(days: frozenset[int]) -> list[tuple[int, int]]:
    """`days` as runs of consecutive weekdays, wrapping past Sunday ("Sun–Thu" is one run):
    each run starts at a day whose previous day is not in it, Monday first."""
    if len(days) == 7:
        return [(0, 6)]
    runs = []
    for first in sorted(d for d in days if (d - 1) % 7 not in days):
        last = first
        while (last + 1) % 7 in days:
            last = (last + 1) % 7
        runs.append((first, last))
    return runs


def parse_days(text: str) -> frozenset[int]:
    """ "mon-fri", "mon-fri,sat", "sun-thu", "mon,wed,fri" → weekday numbers (0 = Monday).
    Raises ValueError naming the part it cannot read."""
    days: set[int] = set()
    for part in text.lower().replace(" ", "").split(","):
        first, sep, last = part.partition("-")
        if first not in DAY_NAMES or (sep and last not in DAY_NAMES):
            raise ValueError(part)
        a = DAY_NAMES.index(first)
        b = DAY_NAMES.index(last) if last else a
        days.update((a + i) % 7 for i in range((b - a) % 7 + 1))
    return frozenset(days)


def parse_clock(text: str) -> int:
    """ "09:00" → minutes after midnight; "24:00" is the end of the day. ValueError else."""
    hours, sep, minutes = text.strip().partition(":")
    if not (sep and hours.isdigit() and minutes.isdigit() and len(minutes) == 2):
        raise ValueError(text)
    total = int(hours) * 60 + int(minutes)
    if int(minutes) > 59 or total > MIDNIGHT:
        raise ValueError(text)
    return total


def clock_text(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"
