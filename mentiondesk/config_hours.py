"""`[desk] business_hours`: the team's working week, validated at load like every other key."""

from __future__ import annotations

from datetime import date, time
from itertools import pairwise
from typing import Any
from zoneinfo import ZoneInfo

from pydantic import Field, ValidationInfo, field_validator, model_validator

from mentiondesk.business_hours import BusinessHours
from mentiondesk.business_week import (
    DAY_NAMES,
    Day,
    Shift,
    Week,
    clock_text,
    parse_clock,
    parse_days,
    parse_shift,
    same_shift_week,
)
from mentiondesk.config_hours_local import (
    clock_meant,
    date_meant,
    days_meant,
    shift_meant,
)
from mentiondesk.models import ConfigTable

DAYS_HELP = '"mon-fri", "mon-sat", "sun-thu" or "mon,wed,fri" (mon tue wed thu fri sat sun)'
HOURS_EXAMPLE = 'hours = { "mon-fri" = "08:00-18:00", sat = "09:00-13:00" }'
SPLIT_EXAMPLE = '"mon-fri" = ["08:00-12:00", "13:00-18:00"]'


class BusinessHoursSection(ConfigTable):
    """The same hours each open day, `business_hours = { days = "mon-fri", open = "09:00",
    close = "18:00" }`, or a shift per day, `business_hours = { hours = { "mon-fri" =
    "08:00-18:00", sat = "09:00-13:00" } }`, a list for a day of several (`"mon-fri" =
    ["08:00-12:00", "13:00-18:00"]`); in `[desk] timezone`. A close earlier than the open
    runs past midnight (20:00-02:00); `holidays` are whole local days off."""

    days: str | None = None  # "mon-fri" where open/close are given without it
    open: str | None = None
    close: str | None = None
    hours: dict[str, str | list[str]] | None = None
    holidays: list[date] = Field(default_factory=list)

    @field_validator("days")
    @classmethod
    def _days(cls, value: str) -> str:
        _days_of(value)
        return value

    @field_validator("open", "close", mode="before")
    @classmethod
    def _clock(cls, value: Any, info: ValidationInfo) -> Any:
        if isinstance(value, time):  # TOML's own local time: open = 09:00:00
            return clock_text(value.hour * 60 + value.minute)
        try:
            parse_clock(str(value))
        except ValueError:
            # "9h", "18h30": the line to write, not a format to work it out from.
            meant = clock_meant(str(value))
            example = f'{info.field_name} = "{meant}"' if meant else 'e.g. "09:00"'
            raise ValueError(
                f'{value!r} is not a time of day; write it as "HH:MM": {example} '
                '(close may be "24:00", the end of the day)'
            ) from None
        return value

    @field_validator("hours", mode="before")
    @classmethod
    def _hours(cls, value: Any) -> Any:
        if not isinstance(value, dict) or not value:
            raise ValueError(f"write a shift per day, e.g. {HOURS_EXAMPLE}")
        _week_of(value)
        return value

    @field_validator("holidays", mode="before")
    @classmethod
    def _dates(cls, value: Any) -> Any:
        if not isinstance(value, list):
            raise ValueError('write the holidays as a list of days: ["2026-12-25", "2027-01-01"]')
        unread = [day for day in value if not isinstance(day, date) and not _iso(str(day))]
        if not unread:
            return value
        meant = [date_meant(str(day)) for day in unread]  # "25/12/2026": the day first
        if None in meant:
            raise ValueError(
                f'{unread[meant.index(None)]!r} is not a day; write it as "YYYY-MM-DD", '
                'e.g. "2026-12-25"'
            )
        days = ", ".join(f'"{date_meant(str(d)) or d}"' for d in value)
        written = ", ".join(map(repr, unread))
        raise ValueError(
            f'{written}: a day is written year first, "YYYY-MM-DD": holidays = [{days}]'
        )

    @model_validator(mode="after")
    def _one_form(self) -> BusinessHoursSection:
        plain = [key for key in ("days", "open", "close") if getattr(self, key) is not None]
        if self.hours is not None and plain:
            raise ValueError(
                f"{', '.join(plain)} and hours both set; write the week one way: either days, "
                f"open and close (the same hours each day) or {HOURS_EXAMPLE}"
            )
        if self.hours is None and (self.open is None or self.close is None):
            missing = "open" if self.open is None else "close"
            raise ValueError(
                f"{missing}: required key is missing; add it "
                f'(open = "09:00", close = "18:00"), or write a shift per day: {HOURS_EXAMPLE}'
            )
        if self.hours is None and parse_clock(self.open or "") == parse_clock(self.close or ""):
            raise ValueError(
                f"open and close are both {self.open}; a shift needs a length (a close "
                'earlier than the open runs past midnight; a whole day is "00:00" to "24:00")'
            )
        return self

    def week(self) -> Week:
        """Each weekday's shifts, Monday first, from whichever form the section is in."""
        if self.hours is not None:
            return _week_of(self.hours)
        shift = parse_clock(self.open or ""), parse_clock(self.close or "")  # set: checked at load
        return same_shift_week(_days_of(self.days or "mon-fri"), shift)

    def calendar(self, zone: str) -> BusinessHours:
        """The calendar in `zone` ([desk] timezone), ready to count with."""
        return BusinessHours(self.week(), ZoneInfo(zone), frozenset(self.holidays))


def _iso(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _days_of(text: str) -> frozenset[int]:
    try:
        return parse_days(text)
    except ValueError as exc:
        # The part as written: parse_days reads without spaces ("segunda a sexta").
        part = str(exc) if str(exc) in text.lower() else text
        meant = days_meant(text)  # "seg-sex": the days in Portuguese, or spelt in full
        if meant:
            raise ValueError(
                f'cannot read {text!r}: the days are written in English, "{meant}" '
                "(mon tue wed thu fri sat sun)"
            ) from None
        raise ValueError(f"cannot read {part!r}; write the days as {DAYS_HELP}") from None


def _week_of(hours: dict[str, Any]) -> Week:
    """`hours = { "mon-fri" = ["08:00-12:00", "13:00-18:00"], sat = "09:00-13:00" }` as a
    Week; ValueError naming the day or shift it cannot read, a day given twice, or shifts
    that overlap: two of one day, or a night shift and the next day's first."""
    week: list[Day] = [()] * 7
    named: dict[int, str] = {}
    for days, value in hours.items():
        shifts = _day_of(days, value)
        for day in _days_of(days):
            if day in named:
                raise ValueError(
                    f"{DAY_NAMES[day]} is in both {named[day]!r} and {days!r}; give each day "
                    f"one key, its shifts in a list: {SPLIT_EXAMPLE}"
                )
            named[day], week[day] = days, shifts
    _no_overlap(week)
    return tuple(week)


def _day_of(days: str, value: Any) -> Day:
    """One key's shifts, in the order they open: a string is one shift, a list several
    (a split shift). ValueError where they overlap, naming the key."""
    texts = value if isinstance(value, list) else [value]
    if not texts:
        raise ValueError(f"{days!r}: no shift in the list; give one or more: {SPLIT_EXAMPLE}")
    shifts = sorted(_shift_of(days, text) for text in texts)
    for earlier, later in pairwise(shifts):
        if earlier[1] <= earlier[0]:  # a night shift: only the day's last may run past midnight
            raise ValueError(
                f"{days!r}: {_text(earlier)} runs past midnight, over {_text(later)}; a night "
                f"shift must be the day's last: end it by {clock_text(later[0])} or drop one"
            )
        if earlier[1] > later[0]:
            raise ValueError(
                f"{days!r}: {_text(earlier)} and {_text(later)} overlap; end the first by "
                f"{clock_text(later[0])} or open the second at {clock_text(earlier[1])} or later"
            )
    return tuple(shifts)


def _shift_of(days: str, text: Any) -> Shift:
    try:
        return parse_shift(str(text))
    except ValueError:
        meant = shift_meant(str(text))  # "9h-18h": the shift it reads as
        example = f'"{days_meant(days) or days}" = "{meant}"' if meant else 'e.g. "08:00-18:00"'
        raise ValueError(
            f'{days!r}: {text!r} is not a shift; write it as "HH:MM-HH:MM": {example} '
            '(a close earlier than the open runs past midnight: "20:00-02:00"; a whole day is '
            f'"00:00-24:00"; a day of several shifts is a list: {SPLIT_EXAMPLE})'
        ) from None


def _no_overlap(week: list[Day]) -> None:
    """A night shift must end before the next day's first shift opens: two shifts at once
    are almost surely a typo (20:00-08:00 meant to be 20:00-02:00)."""
    for day, shifts in enumerate(week):
        after = week[(day + 1) % 7]
        if not (shifts and after):
            continue
        (opens, closes), first = shifts[-1], after[0]
        if closes <= opens and closes > first[0]:
            tonight, tomorrow = DAY_NAMES[day], DAY_NAMES[(day + 1) % 7]
            raise ValueError(
                f"{tonight}'s shift {_text(shifts[-1])} runs to {clock_text(closes)} on "
                f"{tomorrow}, after {tomorrow}'s shift opens at {clock_text(first[0])}; end "
                f"{tonight}'s by then or open {tomorrow}'s at {clock_text(closes)} or later"
            )


def _text(shift: Shift) -> str:
    return f'"{clock_text(shift[0])}-{clock_text(shift[1])}"'
