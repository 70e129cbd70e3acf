"""`mentiondesk report`'s text: boxed tables for the terminal, or plain lines (`--format plain`)
that paste into an email as they read, in the language asked for (report_words)."""

from __future__ import annotations

import unicodedata
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from mentiondesk.business_hours import BusinessHours
from mentiondesk.report_sections import Row, Section, heading, sections
from mentiondesk.report_words import ENGLISH, ReportWords

_GAP = "   "  # between a plain line's value and its note, as the run summary has it


def print_report(
    console: Console,
    data: dict[str, Any],
    *,
    running: bool,
    words: ReportWords = ENGLISH,
    hours: BusinessHours | None = None,
) -> None:
    """The report of `data` (period_report's) in `words`' language; `hours`, the calendar
    `data["business_hours"]` describes, to write its days in that language."""
    title, period = heading(data, words, running=running)
    console.print(f"[bold]{escape(title)}[/]", highlight=False)
    console.print(escape(period), highlight=False)
    console.print(*(_table(part) for part in sections(data, words, week(data, words, hours))))


def plain_report(
    data: dict[str, Any],
    *,
    running: bool,
    words: ReportWords = ENGLISH,
    hours: BusinessHours | None = None,
) -> str:
    """The same report as lines with no box around them: a section's title, then a figure a
    line, its value lined up and its note after it, as the run summary is laid out. What an
    email or a chat keeps as it reads, where the tables' borders come out as stray glyphs."""
    title, period = heading(data, words, running=running)
    parts = sections(data, words, week(data, words, hours))
    # One column for every section's figures, so the whole block lines up in a fixed font.
    width = max(len(row.figure) for part in parts if not part.header for row in part.rows)
    lines = [title, period]
    for part in parts:
        lines += ["", part.title, *(_plain_rows(part, width))]
    return "".join(_printable(line).rstrip() + "\n" for line in lines)


def week(data: dict[str, Any], words: ReportWords, hours: BusinessHours | None) -> str | None:
    """The business hours in `words`' day names ("seg–sex 09:00–18:00"); None without them."""
    return words.hours(hours) if hours else data.get("business_hours")


def _plain_rows(part: Section, width: int) -> list[str]:
    if part.header and not any(row.value for row in part.rows):  # "no complaints…": no table
        return [f"  {row.figure}" for row in part.rows]
    if part.header:  # a table: its header, then its columns lined up
        cells = [part.header, *((row.figure, row.value, *row.more) for row in part.rows)]
        widths = [max(len(line[i]) for line in cells) for i in range(len(part.header))]
        return ["  " + _cells(line, widths) for line in cells]
    value = max(len(row.value) for row in part.rows)
    return [f"  {row.figure:<{width}}  {row.value:>{value}}{_note(row)}" for row in part.rows]


def _cells(line: tuple[str, ...], widths: list[int]) -> str:
    """The first cell to the left, the counts after it to the right."""
    head, *rest = line
    right = (f"{cell:>{n}}" for cell, n in zip(rest, widths[1:], strict=True))
    return "  ".join([f"{head:<{widths[0]}}", *right])


def _note(row: Row) -> str:
    return _GAP + row.note if row.note else ""


def _printable(line: str) -> str:
    """A control character in a stored value (a topic, a reason) written out, never sent to
    the terminal or the mail client, as the logs write it (`\\x1b`)."""
    return "".join(f"\\x{ord(c):02x}" if unicodedata.category(c) == "Cc" else c for c in line)


def _table(part: Section) -> Table:
    if part.header:
        table = Table(title=escape(part.title), title_justify="left")
        for i, column in enumerate(part.header):
            table.add_column(escape(column), justify="left" if i == 0 else "right")
        for row in part.rows:
            table.add_row(*(escape(cell) for cell in (row.figure, row.value, *row.more)))
        return table
    table = Table(title=escape(part.title), show_header=False, title_justify="left")
    table.add_column("what")
    table.add_column("count", justify="right")
    notes = any(row.note for row in part.rows)
    if notes:
        table.add_column("from", style="dim")
    for row in part.rows:
        cells = (row.figure, row.value, row.note) if notes else (row.figure, row.value)
        table.add_row(*(escape(cell) for cell in cells))
    return table
