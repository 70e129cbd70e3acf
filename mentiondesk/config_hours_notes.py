"""What check-config and `run` say about `[desk] business_hours` beyond refusing it: how the
hours were read, and a warning for a night shift that looks like a slip.

A close earlier than the open is a night shift, and night shifts are real (20:00-02:00), so
"18:00"/"09:00" (swapped) or "9:00"/"6:00" (6 pm on a 12-hour clock) load without a word and
every business-hours figure is then counted over the wrong hours. Those slips give shifts
far longer than a night shift's, so past `LONG_NIGHT` the operator is told, not refused.
"""

from __future__ import annotations

from collections.abc import Callable

from mentiondesk.business_week import MIDNIGHT, Shift, clock_text, parse_clock, parse_shift
from mentiondesk.config_desk import DeskSection
from mentiondesk.config_hours import BusinessHoursSection

LONG_NIGHT = 12 * 60  # minutes: a night shift longer than this is more likely a slip
_NOON = 12 * 60
_KEY = "desk.business_hours"
# A shift written back the way the operator wrote it: open = …, close = …, or "mon-fri" = "…".
_Fix = Callable[[int, int], str]


def hours_read(desk: DeskSection) -> str | None:
    """The working week as the desk read it, "Mon–Fri 18:00–09:00 (Europe/Lisbon)", for
    check-config to show (where a swapped open and close is plain to see); None if unset."""
    if desk.business_hours is None:
        return None
    return f"{desk.business_hours.calendar(desk.timezone).describe()} ({desk.timezone})"


def long_night_shifts(section: BusinessHoursSection | None) -> list[str]:
    """A warning per night shift longer than `LONG_NIGHT`, naming the key and what was
    probably meant; none where the section is unset or its night shifts are short."""
    if section is None:
        return []
    if section.hours is None:  # open and close: checked at load, both set
        shift = parse_clock(section.open or ""), parse_clock(section.close or "")
        return [_warning("", shift, _plain_fix)] if _too_long(shift) else []
    warnings = []
    for days, value in section.hours.items():
        for text in value if isinstance(value, list) else [value]:
            shift = parse_shift(text)
            if _too_long(shift):
                warnings.append(_warning(f"{days!r}: ", shift, _shift_fix(days)))
    return warnings


def _too_long(shift: Shift) -> bool:
    opens, closes = shift
    return closes <= opens and closes + MIDNIGHT - opens > LONG_NIGHT


def _warning(where: str, shift: Shift, fix: _Fix) -> str:
    opens, closes = shift
    length = (closes + MIDNIGHT - opens) / 60
    return (
        f"{_KEY}: {where}{clock_text(opens)}-{clock_text(closes)} is read as a {length:g}-hour "
        f"night shift (past midnight); did you mean {_meant(shift, fix)}? Kept as written"
    )


def _meant(shift: Shift, fix: _Fix) -> str:
    """The shift probably meant: the close on the 24-hour clock where the open is a morning
    time and the close plus 12 hours falls after it ("9:00"-"6:00" → 18:00), else the
    open and close swapped ("18:00"-"09:00")."""
    opens, closes = shift
    if opens < _NOON and closes < _NOON and closes + _NOON > opens:
        return f"{fix(opens, closes + _NOON)} (the 24-hour clock)"
    return f"{fix(closes, opens)} (open and close swapped)"


def _plain_fix(opens: int, closes: int) -> str:
    return f'open = "{clock_text(opens)}", close = "{clock_text(closes)}"'


def _shift_fix(days: str) -> _Fix:
    def fix(opens: int, closes: int) -> str:
        return f'"{days}" = "{clock_text(opens)}-{clock_text(closes)}"'

    return fix
