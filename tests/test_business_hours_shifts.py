"""Shifts per weekday, split ones and night shifts past midnight: counted, and written as
people do."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from mentiondesk.business_hours import BusinessHours
from mentiondesk.business_week import DAY_NAMES, Day, Week, parse_shift
from mentiondesk.web.i18n import LOCALES
from tests.helpers import windows

SAO_PAULO = ZoneInfo("America/Sao_Paulo")
LISBON = ZoneInfo("Europe/Lisbon")
HOUR = 3600.0


def _week(**shifts: str | list[str]) -> Week:
    """_week(mon_fri="08:00-18:00", sat="09:00-13:00"); a list is a day's split shifts."""
    week: list[Day] = [()] * 7
    for days, texts in shifts.items():
        first, _, last = days.partition("_")
        for day in range(DAY_NAMES.index(first), DAY_NAMES.index(last or first) + 1):
            week[day] = tuple(
                parse_shift(t) for t in ([texts] if isinstance(texts, str) else texts)
            )
    return tuple(week)


BRAZIL = BusinessHours(_week(mon_fri="08:00-18:00", sat="09:00-13:00"), SAO_PAULO)
NIGHTS = BusinessHours(_week(mon_fri="20:00-02:00"), SAO_PAULO)
LUNCH = BusinessHours(_week(mon_fri=["08:00-12:00", "13:00-18:00"], sat="09:00-13:00"), SAO_PAULO)


def _sp(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=SAO_PAULO)  # type: ignore[misc]


@pytest.mark.parametrize(
    ("opened", "answered", "business"),
    [
        ((2026, 11, 27, 17), (2026, 11, 30, 8, 30), 5.5 * HOUR),  # Fri 1 + Sat 4 + Mon 0.5
        ((2026, 11, 28, 12), (2026, 11, 28, 15), 1 * HOUR),  # Saturday closes at 13:00
        ((2026, 11, 28, 7), (2026, 11, 30, 7), 4 * HOUR),  # Saturday's four hours only
    ],
)
def test_each_day_counts_its_own_shift(
    opened: tuple[int, ...], answered: tuple[int, ...], business: float
) -> None:
    assert BRAZIL.seconds_between(_sp(*opened), _sp(*answered)) == business


@pytest.mark.parametrize(
    ("opened", "answered", "business"),
    [
        ((2026, 11, 30, 19), (2026, 12, 1, 1), 5 * HOUR),  # Monday night, into Tuesday
        ((2026, 11, 27, 23), (2026, 11, 28, 3), 3 * HOUR),  # Friday's shift ends Saturday
        ((2026, 11, 28, 1), (2026, 11, 30, 21), 2 * HOUR),  # Sat 01–02, Mon 20–21
        ((2026, 11, 29, 23), (2026, 11, 30, 1), 0.0),  # no shift opens on Sunday
        ((2026, 11, 30, 3), (2026, 11, 30, 19), 0.0),  # Monday's day, between two nights
    ],
)
def test_a_night_shift_runs_past_midnight(
    opened: tuple[int, ...], answered: tuple[int, ...], business: float
) -> None:
    assert NIGHTS.seconds_between(_sp(*opened), _sp(*answered)) == business


@pytest.mark.parametrize(
    ("opened", "answered", "business"),
    [
        ((2026, 11, 30, 11), (2026, 11, 30, 14), 2 * HOUR),  # 11–12, lunch, 13–14
        ((2026, 11, 30, 12, 15), (2026, 11, 30, 12, 45), 0.0),  # within the lunch break
        ((2026, 11, 30, 8), (2026, 12, 1, 8), 9 * HOUR),  # a whole split day
        ((2026, 11, 27, 17), (2026, 11, 30, 8, 30), 5.5 * HOUR),  # Fri 1 + Sat 4 + Mon 0.5
    ],
)
def test_a_lunch_break_is_not_business_time(
    opened: tuple[int, ...], answered: tuple[int, ...], business: float
) -> None:
    assert LUNCH.seconds_between(_sp(*opened), _sp(*answered)) == business


def test_split_shifts_follow_the_clocks_across_a_summer_time_change() -> None:
    # Saturday 18:00–20:00 and 23:00–03:00 in Lisbon: the night one loses the hour skipped
    # on 29 Mar 2026 and gains the one repeated on 25 Oct, the evening one keeps its two.
    split = BusinessHours(_week(sat=["18:00-20:00", "23:00-03:00"]), LISBON)
    lengths = [
        [(close - opens).total_seconds() / HOUR for opens, close in windows(split, day)]
        for day in (date(2026, 3, 28), date(2026, 10, 24))
    ]
    assert lengths == [[2, 3], [2, 5]]
    saturday, monday = datetime(2026, 3, 28, tzinfo=UTC), datetime(2026, 3, 30, tzinfo=UTC)
    assert split.seconds_between(saturday, monday) == 5 * HOUR


def test_a_holiday_cancels_the_shift_that_opens_on_it() -> None:
    # Tuesday 1 Dec 2026 off: Monday's night still runs to 02:00 on Tuesday, Tuesday's does
    # not open at 20:00; Wednesday's does.
    off = replace(NIGHTS, holidays=frozenset({date(2026, 12, 1)}))
    opened, answered = _sp(2026, 11, 30, 23), _sp(2026, 12, 2, 21)
    assert NIGHTS.seconds_between(opened, answered) == (3 + 6 + 1) * HOUR
    assert off.seconds_between(opened, answered) == (3 + 1) * HOUR
    assert not off.shifts_on(date(2026, 12, 1)) and off.shifts_on(date(2026, 11, 30))


def test_a_night_shift_follows_the_clocks_across_a_summer_time_change() -> None:
    # Lisbon skips 01:00–02:00 on Sunday 29 Mar 2026 and repeats it on 25 Oct: Saturday's
    # 20:00–02:00 lasts 5 hours, then 7, by the clock on the wall.
    saturdays = BusinessHours(_week(sat="20:00-02:00"), LISBON)
    (march,), (october,) = (
        windows(saturdays, date(2026, 3, 28)),
        windows(saturdays, date(2026, 10, 24)),
    )
    assert (march[1] - march[0]).total_seconds() == 5 * HOUR
    assert (october[1] - october[0]).total_seconds() == 7 * HOUR
    assert saturdays.seconds_between(datetime(2026, 3, 28, tzinfo=UTC), march[1]) == 5 * HOUR
    assert saturdays.seconds_between(october[0], datetime(2026, 10, 26, tzinfo=UTC)) == 7 * HOUR
    # A close in the skipped hour comes when the clocks jump over it: 01:00 UTC.
    to_half_past = BusinessHours(_week(sat="20:00-01:30"), LISBON)
    assert windows(to_half_past, date(2026, 3, 28))[0][1] == datetime(2026, 3, 29, 1, tzinfo=UTC)


def test_shifts_read_as_people_write_them() -> None:
    assert parse_shift("08:00-18:00") == (480, 1080)
    assert parse_shift("20:00–02:00") == (1200, 120)  # an en dash, as the README writes it
    assert parse_shift("00:00-24:00") == (0, 1440)
    for bad in ("08:00", "8-18", "08:00-08:00", "24:00-02:00", "08:00-18:00-20:00"):
        with pytest.raises(ValueError, match=re.escape(bad)):
            parse_shift(bad)


@pytest.mark.parametrize(
    ("week", "english", "portuguese"),
    [
        (
            _week(mon_fri="08:00-18:00", sat="09:00-13:00"),
            "Mon–Fri 08:00–18:00, Sat 09:00–13:00",
            "seg–sex 08:00–18:00, sáb 09:00–13:00",
        ),
        (_week(mon_fri="20:00-02:00"), "Mon–Fri 20:00–02:00", "seg–sex 20:00–02:00"),
        (
            _week(mon_fri=["08:00-12:00", "13:00-18:00"], sat="09:00-13:00"),
            "Mon–Fri 08:00–12:00 and 13:00–18:00, Sat 09:00–13:00",
            "seg–sex 08:00–12:00 e 13:00–18:00, sáb 09:00–13:00",
        ),
        (  # the days of one split, apart from a day of its first shift only
            _week(mon_thu=["08:00-12:00", "13:00-18:00"], fri="08:00-12:00"),
            "Mon–Thu 08:00–12:00 and 13:00–18:00, Fri 08:00–12:00",
            "seg–qui 08:00–12:00 e 13:00–18:00, sex 08:00–12:00",
        ),
        (
            _week(mon_fri=["06:00-09:00", "20:00-02:00"]),
            "Mon–Fri 06:00–09:00 and 20:00–02:00",
            "seg–sex 06:00–09:00 e 20:00–02:00",
        ),
        (
            _week(mon="09:00-18:00", tue_wed="09:00-13:00", thu_fri="09:00-18:00"),
            "Mon, Thu–Fri 09:00–18:00, Tue–Wed 09:00–13:00",
            "seg, qui–sex 09:00–18:00, ter–qua 09:00–13:00",
        ),
        (  # Sunday last, unless a run of days goes on into Monday
            _week(mon_fri="08:00-18:00", sun="10:00-14:00"),
            "Mon–Fri 08:00–18:00, Sun 10:00–14:00",
            "seg–sex 08:00–18:00, dom 10:00–14:00",
        ),
        (
            _week(sun="08:00-17:00", mon_thu="08:00-17:00", fri="08:00-12:00"),
            "Sun–Thu 08:00–17:00, Fri 08:00–12:00",
            "dom–qui 08:00–17:00, sex 08:00–12:00",
        ),
    ],
)
def test_the_week_reads_in_each_language(week: Week, english: str, portuguese: str) -> None:
    hours = BusinessHours(week, SAO_PAULO)
    assert hours.describe() == english
    assert LOCALES["en"].hours(hours) == english
    assert LOCALES["pt-BR"].hours(hours) == portuguese
