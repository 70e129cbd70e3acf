"""`[desk] business_hours`: the team's working week, validated at load like every other key."""

from __future__ import annotations

from datetime import date, time
from typing import Any
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict, field_validator, model_validator

from mentiondesk.business_hours import BusinessHours, clock_text, parse_clock, parse_days


class BusinessHoursSection(BaseModel):
    """e.g. `business_hours = { days = "mon-fri", open = "09:00", close = "18:00" }`, in
    `[desk] timezone`; `holidays` are whole local days off."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    days: str = "mon-fri"
    open: str
    close: str
    holidays: list[date] = []

    @field_validator("days")
    @classmethod
    def _days(cls, value: str) -> str:
        try:
            parse_days(value)
        except ValueError as exc:
            raise ValueError(
                f"cannot read {str(exc)!r}; write the days as "
                '"mon-fri", "mon-sat", "sun-thu" or "mon,wed,fri" (mon tue wed thu fri sat sun)'
            ) from None
        return value

    @field_validator("open", "close", mode="before")
    @classmethod
    def _clock(cls, value: Any) -> Any:
        if isinstance(value, time):  # TOML's own local time: open = 09:00:00
            return clock_text(value.hour * 60 + value.minute)
        try:
            parse_clock(str(value))
        except ValueError:
            raise ValueError(
                f'{value!r} is not a time of day; write it as "HH:MM", e.g. "09:00" '
                '(close may be "24:00", the end of the day)'
            ) from None
        return value

    @field_validator("holidays", mode="before")
    @classmethod
    def _dates(cls, value: Any) -> Any:
        if not isinstance(value, list):
            raise ValueError('write the holidays as a list of days: ["2026-12-25", "2027-01-01"]')
        for day in value:
            if isinstance(day, date):
                continue
            try:
                date.fromisoformat(str(day))
            except ValueError:
                raise ValueError(
                    f'{day!r} is not a day; write it as "YYYY-MM-DD", e.g. "2026-12-25"'
                ) from None
        return value

    @model_validator(mode="after")
    def _open_before_close(self) -> BusinessHoursSection:
        if parse_clock(self.open) >= parse_clock(self.close):
            raise ValueError(
                f"close ({self.close}) must be after open ({self.open}) on the same day; "
                'a desk open past midnight is not supported: close at "24:00" instead'
            )
        return self

    def calendar(self, zone: str) -> BusinessHours:
        """The calendar in `zone` ([desk] timezone), ready to count with."""
        return BusinessHours(
            days=parse_days(self.days),
            opens=parse_clock(self.open),
            closes=parse_clock(self.close),
            zone=ZoneInfo(zone),
            holidays=frozenset(self.holidays),
        )
