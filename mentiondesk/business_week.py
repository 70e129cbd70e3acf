"""The working week as people write it: days ("mon-fri"), clocks ("09:00"), shifts
("20:00-02:00"), and back ("Mon–Fri 08:00–12:00 and 13:00–18:00, Sat 09:00–13:00"). Pure
text."""

from __future__ import annotations

from collections.abc import Sequence

DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")  # date.weekday() order
ENGLISH_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MIDNIGHT = 24 * 60  # "24:00": a close at the end of the day

# (opens, closes) in minutes after local midnight; a close at or before the open is on the
# next day (20:00–02:00).
Shift = tuple[int, int]
# A weekday's shifts, in the order they open (a lunch break splits 08:00–12:00 and
# 13:00–18:00); a night shift is the day's last. Empty: closed.
Day = tuple[Shift, ...]
Week = tuple[Day, ...]  # one entry per weekday, Monday first


def same_shift_week(days: frozenset[int], shift: Shift) -> Week:
    """`shift` on each of `days` (0 = Monday), the others closed: `days`, `open`, `close`."""
    return tuple((shift,) if day in days else () for day in range(7))


def describe_week(week: Week, day_names: Sequence[str] = ENGLISH_DAYS, joiner: str = "and") -> str:
    """ "Mon–Fri 09:00–18:00", "Sun–Thu 08:00–17:00", "Mon, Wed 09:00–18:00, Sat
    09:00–13:00", "Mon–Fri 08:00–12:00 and 13:00–18:00": the days of each distinct set of
    shifts, in the week's order, Monday first but for a run through Sunday into Monday, which
    comes first ("Sun–Thu …, Fri …"); a day's shifts joined by `joiner` ("e" in Portuguese),
    as a comma already parts the days."""
    groups: dict[Day, list[int]] = {}
    for weekday, shifts in enumerate(week):
        if shifts:
            groups.setdefault(shifts, []).append(weekday)
    runs = {
        shifts: sorted(_runs(frozenset(days)), key=_run_order) for shifts, days in groups.items()
    }
    parts = []
    for shifts, day_runs in sorted(runs.items(), key=lambda item: _run_order(item[1][0])):
        names = [f"{day_names[a]}–{day_names[b]}" if a != b else day_names[a] for a, b in day_runs]
        times = f" {joiner} ".join(f"{clock_text(a)}–{clock_text(b)}" for a, b in shifts)
        parts.append(f"{', '.join(names)} {times}")
    return ", ".join(parts)


def _run_order(run: tuple[int, int]) -> int:
    first, last = run
    return -1 if first > last else first  # a run wrapping past Sunday starts the week


def _span(first: int, last: int) -> list[int]:
    return [(first + i) % 7 for i in range((last - first) % 7 + 1)]


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
    """ "mon-fri", "mon-fri,sat", "sun-thu", "mon,wed,fri" → weekday numbers (0 = Monday);
    an en dash too ("Mon–Fri", as the report and `describe_week` write it, and as shifts take
    it). Raises ValueError naming the part it cannot read."""
    days: set[int] = set()
    for part in text.lower().replace(" ", "").replace("–", "-").split(","):
        first, sep, last = part.partition("-")
        if first not in DAY_NAMES or (sep and last not in DAY_NAMES):
            raise ValueError(part)
        days.update(_span(DAY_NAMES.index(first), DAY_NAMES.index(last or first)))
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


def parse_shift(text: str) -> Shift:
    """ "08:00-18:00" (or with an en dash, "08:00–18:00") → (480, 1080); "20:00-02:00" runs
    past midnight. ValueError naming the text where it is not two clocks, where it opens at
    24:00, or where it opens and closes at the same time (a shift of no length, or of 24
    hours: write "00:00-24:00" for a whole day)."""
    opens, sep, closes = text.replace("–", "-").partition("-")
    try:
        shift = parse_clock(opens), parse_clock(closes)
    except ValueError:
        raise ValueError(text) from None
    if not sep or shift[0] == MIDNIGHT or shift[0] == shift[1]:
        raise ValueError(text)
    return shift


def clock_text(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"
