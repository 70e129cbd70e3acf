"""Business seconds between two moments: weekends, holidays, summer time, long waits."""

from __future__ import annotations

import random
import re
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from mentiondesk.business_hours import BusinessHours
from mentiondesk.business_week import (
    MIDNIGHT,
    Week,
    parse_clock,
    parse_days,
    parse_shift,
    same_shift_week,
)
from tests.helpers import windows

SAO_PAULO = ZoneInfo("America/Sao_Paulo")  # summer time until 2019: UTC−2 Nov–Feb
LISBON = ZoneInfo("Europe/Lisbon")  # WET/WEST, the change at 01:00 UTC
HOUR = 3600.0


def _hours(
    zone: ZoneInfo = SAO_PAULO, days: str = "mon-fri", opens: str = "09:00", closes: str = "18:00"
) -> BusinessHours:
    shift = parse_clock(opens), parse_clock(closes)
    return BusinessHours(same_shift_week(parse_days(days), shift), zone)


def _at(zone: ZoneInfo, *parts: int) -> datetime:
    return datetime(*parts, tzinfo=zone)  # type: ignore[misc]


def test_friday_evening_to_monday_morning_is_half_an_hour() -> None:
    # Friday 27 Nov 2026 19:00 to Monday 30 Nov 09:30 in São Paulo: 62.5 h on the clock.
    hours = _hours()
    opened, answered = _at(SAO_PAULO, 2026, 11, 27, 19), _at(SAO_PAULO, 2026, 11, 30, 9, 30)
    assert (answered - opened).total_seconds() == 62.5 * HOUR
    assert hours.seconds_between(opened.astimezone(UTC), answered.astimezone(UTC)) == 1800


@pytest.mark.parametrize(
    ("opened", "answered", "business"),
    [
        ((2026, 11, 30, 10), (2026, 11, 30, 10, 45), 0.75 * HOUR),  # within one day's hours
        ((2026, 11, 30, 7), (2026, 11, 30, 9, 15), 0.25 * HOUR),  # opened before opening
        ((2026, 11, 30, 17), (2026, 11, 30, 22), 1 * HOUR),  # answered after closing
        ((2026, 11, 30, 19), (2026, 11, 30, 23), 0.0),  # all of it after hours
        ((2026, 11, 30, 19), (2026, 12, 1, 8, 59), 0.0),  # overnight, answered before opening
        ((2026, 11, 28, 10), (2026, 11, 29, 16), 0.0),  # Saturday to Sunday
        ((2026, 11, 28, 10), (2026, 11, 30, 10), 1 * HOUR),  # Saturday to Monday
        ((2026, 11, 30, 17), (2026, 12, 2, 10), 11 * HOUR),  # 1 + 9 + 1 over three days
        ((2026, 11, 30, 9), (2026, 12, 28, 9), 4 * 5 * 9 * HOUR),  # four whole weeks
    ],
)
def test_business_seconds(
    opened: tuple[int, ...], answered: tuple[int, ...], business: float
) -> None:
    hours = _hours()
    assert hours.seconds_between(_at(SAO_PAULO, *opened), _at(SAO_PAULO, *answered)) == business


def test_holidays_and_days_off_count_nothing() -> None:
    # Christmas 2026 is a Friday: a case of Thursday 17:00 answered Monday 09:30 had 1.5 h.
    christmas = replace(_hours(), holidays=frozenset({date(2026, 12, 25)}))
    opened, answered = _at(SAO_PAULO, 2026, 12, 24, 17), _at(SAO_PAULO, 2026, 12, 28, 9, 30)
    assert christmas.seconds_between(opened, answered) == 1.5 * HOUR
    assert _hours().seconds_between(opened, answered) == 10.5 * HOUR  # no holiday: Friday too
    # A desk open on Saturdays counts Saturday; one open Sunday to Thursday counts neither.
    saturday, monday = _at(SAO_PAULO, 2026, 11, 28, 12), _at(SAO_PAULO, 2026, 11, 30, 10)
    assert _hours(days="mon-sat").seconds_between(saturday, monday) == 7 * HOUR
    friday, sunday = _at(SAO_PAULO, 2026, 11, 27, 12), _at(SAO_PAULO, 2026, 11, 29, 10)
    assert _hours(days="sun-thu").seconds_between(friday, sunday) == 1 * HOUR


def test_a_reply_stamped_before_the_case_counts_nothing() -> None:
    later, earlier = _at(SAO_PAULO, 2026, 11, 30, 12), _at(SAO_PAULO, 2026, 11, 30, 11)
    assert _hours().seconds_between(later, earlier) == 0.0
    days_before = _at(SAO_PAULO, 2026, 11, 25, 12)
    assert _hours().waits([(later, days_before), (days_before, later)]) == [
        0.0,
        27 * HOUR,
    ]  # Wed 6 + Thu 9 + Fri 9 + Mon 3


def test_many_waits_at_once_are_each_counted_alone() -> None:
    hours = replace(_hours(LISBON, "mon-sat"), holidays=frozenset({date(2026, 3, 31)}))
    rng = random.Random(3)
    spans = []
    for _ in range(200):
        start = datetime(2026, 3, 1, tzinfo=UTC) + timedelta(minutes=rng.randrange(60_000))
        spans.append((start, start + timedelta(minutes=rng.randrange(-600, 20_000))))
    assert hours.waits(spans) == [hours.seconds_between(a, b) for a, b in spans]
    assert hours.waits([]) == []


def test_opening_hours_follow_the_clocks_across_a_summer_time_change() -> None:
    # Lisbon moved to summer time on Sunday 29 Mar 2026: Friday 17:30 is 17:30 UTC, Monday
    # 09:30 is 08:30 UTC. Half an hour each day; a fixed UTC offset would lose Monday's.
    opened, answered = datetime(2026, 3, 27, 17, 30, tzinfo=UTC), datetime(2026, 3, 30, 8, 30)
    assert _hours(LISBON).seconds_between(opened, answered.replace(tzinfo=UTC)) == HOUR
    # São Paulo began summer time at midnight on Sunday 4 Nov 2018 (that midnight never came):
    # the day had 23 hours, and a desk open all day counts 23 of them.
    always = _hours(SAO_PAULO, "mon-sun", "00:00", "24:00")
    (day,) = windows(always, date(2018, 11, 4))
    assert (day[1] - day[0]).total_seconds() == 23 * HOUR
    # It ended on 17 Feb 2019, the clocks going from midnight back to 23:00 on Saturday the
    # 16th: that Saturday had 25 hours.
    (day,) = windows(always, date(2019, 2, 16))
    assert (day[1] - day[0]).total_seconds() == 25 * HOUR


@pytest.mark.parametrize("zone", [SAO_PAULO, LISBON], ids=str)
def test_a_desk_open_all_the_time_counts_clock_time(zone: ZoneInfo) -> None:
    """Over random spans of up to ten weeks across 2018-2019's summer-time changes."""
    always = _hours(zone, "mon-sun", "00:00", "24:00")
    rng = random.Random(7)
    for _ in range(300):
        start = datetime(2018, 9, 1, tzinfo=UTC) + timedelta(minutes=rng.randrange(700_000))
        end = start + timedelta(minutes=rng.randrange(100_000))
        assert always.seconds_between(start, end) == (end - start).total_seconds()


def _minute_by_minute(hours: BusinessHours, start: datetime, end: datetime) -> float:
    """The slow, obvious count: every minute in a shift by the local clock. The clock read
    is the latest it has shown (from a few hours before `start`), so a shift that opens or
    closes in an hour the clocks repeat does so the first time, and one in an hour they
    skip, when they jump past it."""
    seconds, at, shown = 0.0, start - timedelta(hours=3), datetime.min
    while at < end:
        shown = max(shown, at.astimezone(hours.zone).replace(tzinfo=None))
        if at >= start and _in_a_shift(hours, shown):
            seconds += 60
        at += timedelta(minutes=1)
    return seconds


def _in_a_shift(hours: BusinessHours, shown: datetime) -> bool:
    minute = shown.hour * 60 + shown.minute
    today, yesterday = hours.shifts_on(shown.date()), hours.shifts_on(shown.date() - timedelta(1))
    if any(o <= minute < (c if c > o else MIDNIGHT) for o, c in today):
        return True
    return any(c <= o and minute < c for o, c in yesterday)


def _week(**shifts: str | list[str]) -> Week:
    """_week(mon="08:00-18:00", sat=["09:00-12:00", "13:00-15:00"]): a list is a split day."""
    days = {day: [text] if isinstance(text, str) else text for day, text in shifts.items()}
    return tuple(tuple(parse_shift(text) for text in days.get(day, [])) for day in DAYS)


DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
WEEKS = {
    "mon-sat 08:30-17:45": _week(**dict.fromkeys(DAYS[:6], "08:30-17:45")),
    "per day": _week(**dict.fromkeys(DAYS[:5], "08:00-18:00"), sat="09:00-13:00"),
    # Night shifts crossing both zones' changes, Saturday's ending (and Sunday's opening) in
    # Lisbon's skipped hour in March and its repeated one in October; São Paulo's ran at
    # midnight, through Saturday night's shifts.
    "overnight": _week(
        **dict.fromkeys(DAYS[:5], "20:00-02:00"), sat="23:30-01:30", sun="01:30-06:00"
    ),
    # São Paulo skipped 00:00-01:00 on Sunday 4 Nov 2018: a shift ending, one opening there.
    "at midnight": _week(fri="18:00-00:30", sat="20:00-00:30", sun="00:45-08:00"),
    # A lunch break, and Saturday's and Sunday's split shifts opening and closing in (and
    # around) the hour São Paulo skipped on 4 Nov 2018 and Lisbon repeated on 28 Oct 2018.
    "split": _week(
        **{key: ["08:00-12:00", "13:00-18:00"] for key in DAYS[:5]},
        sat=["09:00-13:00", "22:00-00:30"],
        sun=["00:40-01:10", "01:20-03:00", "10:00-12:00"],
    ),
    # A day shift and a night shift each weekday; Saturday's second runs over Lisbon's skipped
    # hour on 31 Mar 2019 (its close lands on the jump) and São Paulo's on 4 Nov 2018.
    "split nights": _week(
        **{key: ["06:00-09:00", "20:00-02:00"] for key in DAYS[:5]},
        sat=["10:00-14:00", "23:30-01:30"],
        sun=["14:00-15:00"],
    ),
}


@pytest.mark.parametrize("week", WEEKS.values(), ids=WEEKS.keys())
@pytest.mark.parametrize("zone", [SAO_PAULO, LISBON], ids=str)
def test_the_count_agrees_with_counting_minute_by_minute(zone: ZoneInfo, week: Week) -> None:
    hours = BusinessHours(
        week, zone, holidays=frozenset({date(2018, 11, 2), date(2018, 11, 15), date(2019, 3, 31)})
    )
    rng = random.Random(11)
    starts = [datetime(2018, 10, 27), datetime(2019, 2, 14), datetime(2019, 3, 28)]
    for _ in range(30):
        start = rng.choice(starts).replace(tzinfo=UTC) + timedelta(minutes=rng.randrange(10_000))
        end = start + timedelta(minutes=rng.randrange(12_000))
        assert hours.seconds_between(start, end) == _minute_by_minute(hours, start, end)


def test_naive_moments_are_utc_as_the_store_keeps_them() -> None:
    hours = _hours(LISBON)  # WET in December: local time is UTC
    naive = hours.seconds_between(datetime(2026, 12, 1, 8), datetime(2026, 12, 1, 10))
    assert naive == HOUR


def test_days_read_as_people_write_them() -> None:
    assert parse_days("mon-fri") == frozenset(range(5))
    assert parse_days("Sun-Thu") == frozenset({6, 0, 1, 2, 3})
    assert parse_days("mon, wed,fri") == frozenset({0, 2, 4})
    assert parse_days("mon-fri,sat") == frozenset(range(6))
    for bad in ("mon-fry", "mon;fri", "weekdays", "mon-"):
        with pytest.raises(ValueError, match=re.escape(bad)):
            parse_days(bad)
    with pytest.raises(ValueError, match=r"^$"):
        parse_days("")
    assert (parse_clock("09:00"), parse_clock("7:30"), parse_clock("24:00")) == (540, 450, 1440)
    for bad in ("9", "09:60", "24:01", "09h00", "-1:00", "09:0"):
        with pytest.raises(ValueError, match=re.escape(bad)):
            parse_clock(bad)


def test_the_calendar_describes_itself() -> None:
    assert _hours().describe() == "Mon–Fri 09:00–18:00"
    assert _hours(days="sun-thu", opens="08:00", closes="17:00").describe() == (
        "Sun–Thu 08:00–17:00"
    )
    assert _hours(days="mon,wed,fri,sat").describe() == "Mon, Wed, Fri–Sat 09:00–18:00"
    assert _hours(days="sat-fri").describe() == "Mon–Sun 09:00–18:00"
    portuguese = ("seg", "ter", "qua", "qui", "sex", "sáb", "dom")
    assert _hours(days="mon-sat").describe(portuguese) == "seg–sáb 09:00–18:00"
