"""Hints for a value TOML cannot read, as people type them by hand: text without quotes
(`timezone = America/Sao_Paulo`), `True`, a decimal comma, a unit after a number, a missing
comma in a list, an unclosed quote, a Windows path's backslashes."""

from __future__ import annotations

import json
import re

from mentiondesk.config_hours_local import clock_meant, date_meant, shift_meant
from mentiondesk.config_toml_lines import (
    KEY_LINE,
    Stop,
    code_part,
    first_error,
    parses,
    stop_at,
    value_span,
)

Hint = tuple[str, str | None]  # what is wrong and what to do; the line as it should read

# Words for true and false in the team's own tongue or another format's (YAML, Python).
_BOOLS = {
    "true": "true",
    "false": "false",
    "yes": "true",
    "no": "false",
    "on": "true",
    "off": "false",
    "sim": "true",
    "não": "false",
    "nao": "false",
    "verdadeiro": "true",
    "falso": "false",
}
_NUMBER_AND_WORDS = re.compile(r"([+-]?\d+(?:\.\d+)?)\s*[^\W\d_].*")
_DECIMAL_COMMA = re.compile(r"[+-]?\d+,\d+")
# In `{ min_score = 0,5 }` TOML reads 0, then 5 as the next key, and stops wanting its `=`.
_COMMA_READ_AS_KEY = re.compile(r"=\s*[+-]?\d+,\d+\s*$")
_COMMA_IN_BRACES = re.compile(r"(=\s*[+-]?\d+),(\d+)(?=\s*(?:[,}\]]|$))")
_POINT = "a number takes a decimal point, not a comma"
_UNCLOSED = ("Illegal character '\\n'", "Unterminated string", "Found invalid character '\\n'")
_BARE = ("Invalid value", "Expected newline", "Unclosed", "Invalid date")  # where one stops
# A line of business hours (`open = 9h`, `business_hours = 9h-18h`, `"mon-fri" = 9h-18h`,
# `holidays = [25/12/2026]`): there "9h" is a time of day, not the number 9 with a unit.
_HOURS_LINE = re.compile(
    r"""^\s*(?:(?:.*[{,]\s*)?(?:open|close|holidays)\s*=|(?:business_)?hours\s*=|["']?(?:mon|tue|"""
    r"""wed|thu|fri|sat|sun)[a-z,\-]*["']?\s*=)"""
)
_AT_MOST = 8  # values rewritten on one line: a line holds a few, not a pasted page
_ESCAPES = ("Unescaped '\\' in a string", "Invalid hex value", "Escaped character")


def value_hint(stop: Stop) -> Hint | None:
    """A hint for a value the parser stopped in, or None where none fits (a decimal comma is
    decimal_comma's, which hint_for asks before it reads a key)."""
    for rule in (_unclosed_text, _backslashes, _bare_value, _missing_comma):
        found = rule(stop)
        if found:
            return found
    return None


def decimal_comma(stop: Stop) -> Hint | None:
    """`poll_seconds = 1,5`: TOML stops at the comma, after the number 1; in `{ }` (a rule's
    `when = { min_score = 0,5 }`) after the 5, taken for a key."""
    if stop.said.startswith("Expected '=' after a key"):
        if not _COMMA_READ_AS_KEY.search(stop.text[: stop.index]):
            return None
        return _POINT, _checked(_COMMA_IN_BRACES.sub(r"\1.\2", stop.text))  # all its numbers
    if not stop.said.startswith("Expected newline") or stop.char() != ",":
        return None
    start, end = value_span(stop.text, stop.index)
    value = stop.text[start:end]
    if not _DECIMAL_COMMA.fullmatch(value):
        return None
    fixed = stop.text[:start] + value.replace(",", ".") + stop.text[end:]
    return _POINT, _checked(fixed)


def _unclosed_text(stop: Stop) -> Hint | None:
    """`timezone = "America/Sao_Paulo`: the line ends inside quoted text."""
    if stop.said not in _UNCLOSED:
        return None
    quote = "'" if stop.said.startswith("Found") else '"'  # 'literal' text says it so
    return (
        f"the text opened with {quote} is not closed on this line: end it with {quote} (text "
        "in quotes stays on one line)",
        _checked(stop.text.rstrip() + quote),
    )


def _backslashes(stop: Stop) -> Hint | None:
    r"""`path = "C:\Users\ana"`: `\U` starts an escape in "…" text."""
    if not stop.said.startswith(_ESCAPES):
        return None
    fixed = None
    for quoted in re.finditer(r'"((?:[^"\\]|\\.)*)"', stop.text):
        if quoted.start() < stop.index < quoted.end() and "'" not in quoted[1]:
            fixed = f"{stop.text[: quoted.start()]}'{quoted[1]}'{stop.text[quoted.end() :]}"
    return (
        '\\ starts an escape in "…" text (\\n, \\t, \\u…); write a Windows path in single '
        "quotes, or with / in place of \\",
        _checked(fixed),
    )


def _bare_value(stop: Stop) -> Hint | None:
    """A value that is no TOML value at all: text without quotes, True, `10 segundos`."""
    if not stop.said.startswith(_BARE):
        return None
    start, end = value_span(stop.text, stop.index)
    value = stop.text[start:end]
    if not value:
        key = _key(stop.text)
        return f"{key or 'this key'!r} has no value after =: write one, or delete the line", None
    if value[0] in "\"'[{" or parses(f"_ = {value}"):
        return None
    advice, written = _written(value, stop.text)
    return advice, _rest_written(stop.text[:start] + written + stop.text[end:])


def _rest_written(line: str) -> str | None:
    """`line` with its other bare values written too (`open = 09:00, close = 18:00`), if
    that makes it valid TOML."""
    for _ in range(_AT_MOST):
        said = first_error(line)
        stop = stop_at(said, (line,)) if said else None
        if said is None or stop is None or not stop.said.startswith(_BARE):
            return None if said else line
        start, end = value_span(line, stop.index)
        value = line[start:end]
        if not value or value[0] in "\"'[{" or parses(f"_ = {value}"):
            return None
        line = line[:start] + _written(value, line)[1] + line[end:]
    return None


def _written(value: str, line: str) -> tuple[str, str]:
    """What is wrong with the bare `value` and how TOML writes what was meant (on `line`)."""
    hours = _hours_written(value, line) if _HOURS_LINE.match(line) else None
    if hours:
        return hours
    if value.lower() in _BOOLS:
        return "true and false are written in lower case, without quotes", _BOOLS[value.lower()]
    number = _NUMBER_AND_WORDS.fullmatch(value)
    if number:
        return "a number is written alone, without a unit or words after it", number[1]
    return 'text goes in straight double quotes, "like this"', json.dumps(value, ensure_ascii=False)


def _hours_written(value: str, line: str) -> tuple[str, str] | None:
    """`open = 9h` → "09:00", `business_hours = 9h-18h` → the table, `"mon-fri" = 9h-18h` →
    "09:00-18:00", `holidays = [25/12/2026]` → "2026-12-25"; not the number 9 that "a unit
    after a number" would leave, which is refused next."""
    clock, shift, day = clock_meant(value), shift_meant(value), date_meant(value)
    if clock:
        return 'a time of day is text in quotes, "HH:MM"', json.dumps(clock)
    if shift and re.match(rf"\s*business_hours\s*=\s*{re.escape(value)}", line):
        opens, closes = shift.split("-")
        table = f'{{ days = "mon-fri", open = "{opens}", close = "{closes}" }}'
        return "business hours are a table of days, open and close (the days yours)", table
    if shift:
        return 'a shift is text in quotes, "HH:MM-HH:MM"', json.dumps(shift)
    if day:
        return 'a day is text in quotes, year first: "YYYY-MM-DD"', json.dumps(day)
    return None


def _missing_comma(stop: Stop) -> Hint | None:
    """`alert = ["console" "cases"]`: two items with no comma between them."""
    if not stop.said.startswith("Unclosed") or not stop.char():
        return None
    before = code_part(stop.text[: stop.index]).rstrip()
    if not before or before.endswith((",", "[", "{")):
        return None
    cut = len(before)
    fixed = stop.text[:cut] + "," + stop.text[cut:]
    inside = "a list [ ]" if stop.said == "Unclosed array" else "{ }"
    return f"the items in {inside} are separated by commas: one is missing here", _checked(fixed)


def two_statements(stop: Stop) -> Hint | None:
    """`timezone = "UTC" language = "pt-BR"`: two settings on one line."""
    rest = stop.text[stop.index :].strip()
    if not stop.said.startswith("Expected newline") or not KEY_LINE.match(rest):
        return None
    return f"one key = value a line: put {rest} on a line of its own", None


def _key(line: str) -> str | None:
    found = KEY_LINE.match(line)
    return found[1] if found else None


def _checked(line: str | None) -> str | None:
    """`line`, if it is valid TOML: no hint suggests a line that fails in its turn."""
    return line if line is not None and parses(line) else None
