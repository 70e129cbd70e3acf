"""What to write for `[desk] timezone` when an operator wrote an offset ("GMT-3", "UTC+1").

The zone database's own offset zones are a trap: POSIX inverts their sign, so "Etc/GMT-3" is
UTC+3. A hint that echoes the operator's sign puts the desk hours off without a word, so the
hint prefers a city's zone (which also follows summer time) and, where it names an Etc zone,
names the one with the sign turned and says so.
"""

from __future__ import annotations

import re

# "GMT-3", "utc+01:00", "UTC −3" (a typographic minus, as copied from a web page).
# No sign ("GMT3") is read as an offset too, one whose sign nobody can tell.
_OFFSET = re.compile(r"(?:GMT|UTC)\s*([+\-−]?)\s*(\d{1,2})(?::?(\d{2}))?", re.IGNORECASE)
# A city's zone per whole-hour offset, for the desk's regions (Brazil, Portugal and the
# Portuguese-speaking world): a city follows summer time where an offset cannot.
_CITY_ZONES = {
    -5: "America/Rio_Branco",
    -4: "America/Manaus",
    -3: "America/Sao_Paulo",
    -2: "America/Noronha",
    -1: "Atlantic/Azores",
    0: "Europe/Lisbon",
    1: "Europe/Lisbon",  # Lisbon in summer (WEST); Angola all year
    2: "Africa/Maputo",
    5.5: "Asia/Kolkata",
}
_ETC_RANGE = range(-12, 15)  # UTC-12 (Etc/GMT+12) to UTC+14 (Etc/GMT-14)
_ANY_CITY = '"America/Sao_Paulo" or "Europe/Lisbon"'


def offset_problem(value: str) -> str | None:
    """What to write instead of the UTC offset `value`; None if `value` is no offset."""
    match = _OFFSET.fullmatch(value.strip())
    if match is None:
        return None
    said = f"{value!r} is a UTC offset, not a time zone name"
    if not match[1]:
        return f"{said}; write your city's zone, e.g. {_ANY_CITY}"
    sign = -1 if match[1] in "-−" else 1
    hours = sign * (int(match[2]) + int(match[3] or 0) / 60)
    city = _CITY_ZONES.get(hours)
    etc = _etc_zone(hours)
    if city and etc:
        return f'{said}; write your city\'s zone, e.g. "{city}", or {etc}'
    if city:
        return f'{said}; write your city\'s zone, e.g. "{city}"'
    if etc:
        return f'{said}; write your city\'s zone ("Region/City"), or {etc}'
    return f"{said}; write your city's zone, e.g. {_ANY_CITY}"


def _etc_zone(hours: float) -> str | None:
    """The Etc zone for a whole-hour offset, with a word on its inverted sign; None where
    the zone database has none (half hours, past ±14)."""
    if hours != int(hours) or int(hours) not in _ETC_RANGE:
        return None
    whole = int(hours)
    if whole == 0:
        return '"Etc/UTC"'
    name = f"Etc/GMT{-whole:+d}"
    return f'"{name}" (its sign is inverted: {name} is UTC{whole:+d})'
