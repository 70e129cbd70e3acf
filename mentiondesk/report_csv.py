"""`mentiondesk report --format csv`: a row per figure (section, figure, value, note) for the
weekly spreadsheet, the words in the report's language and the values as any spreadsheet
reads them, whatever its locale.

So a value is never written in one language's format: a count ungrouped (1234: Brazil's
"1.234" is 1.234 to an English sheet), a day ISO (2026-11-30: "30/11/2026" is text to a US
sheet), a wait as h:mm:ss (3:05:00, a duration to Excel, LibreOffice and Google Sheets, where
"3 h 05 min" is text), a share "63%". Each is the figure the desk and the text report show,
rounded once from the exact one (a wait to the unit the text shows, a share to the whole
percent), so the sheet agrees with them; no figure has decimals, so no decimal sign to get
wrong. Nothing to reckon from is an empty cell, not "—". Separated by ";" in Portuguese (the
list separator of Excel and LibreOffice in pt-BR and pt-PT, which open a comma CSV as one
column), "," in English, with a byte-order mark so Excel reads the accents as UTF-8: as the
dashboard's CSV export.
"""

from __future__ import annotations

import csv
import io
import math
import re
from dataclasses import dataclass, fields
from typing import Any

from mentiondesk.report_sections import Row, Section, heading, sections
from mentiondesk.report_words import ReportWords
from mentiondesk.wording import whole

_BOM = "\ufeff"
# A cell starting with one of these runs as a formula in some spreadsheet: a quote in front
# makes it text. A number of ours ("-13", "-100%") is left as it is: it is no formula.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"-?\d+(:\d\d)*%?")
_NOTHING = "—"  # the text's "nothing to reckon from"


@dataclass(frozen=True)
class SheetWords(ReportWords):
    """A language's words with values as every spreadsheet reads them (see the module)."""

    def number(self, n: int) -> str:
        return str(n)

    def signed(self, value: float | None) -> str:
        return _NOTHING if value is None else str(whole(value))  # "+13" is 13 to a sheet

    def change(self, value: float) -> str:
        n = whole(value)  # "+2600%" and "2600%" are one figure to a sheet
        return ("-" if n < 0 else "") + self.percent(abs(n))

    def duration(self, seconds: float | None, *, days: bool = True) -> str:
        """h:mm:ss of the wait the text shows: "3h 05m" is 3:05:00, "6d 12h" 156:00:00."""
        return _NOTHING if seconds is None else _clock(_shown(float(seconds), days=days))

    def day(self, iso_day: str) -> str:
        return iso_day


def sheet_words(words: ReportWords) -> SheetWords:
    """`words`' language, its values written for a spreadsheet."""
    return SheetWords(**{f.name: getattr(words, f.name) for f in fields(words)})


def csv_report(data: dict[str, Any], *, running: bool, words: ReportWords, week: str | None) -> str:
    """The report of `data` (period_report's) as CSV text, a row per figure."""
    w = sheet_words(words)
    rows = [[w.t("section"), w.t("figure"), w.t("value"), w.t("note")], *_period(data, w, running)]
    for part in sections(data, w, week):
        rows += ([part.title, row.figure, _value(row.value), _note(part, row)] for row in part.rows)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";" if words.lang != "en" else ",", lineterminator="\n")
    writer.writerows([_inert(cell) for cell in row] for row in rows)
    return _BOM + buffer.getvalue()


def _period(data: dict[str, Any], w: SheetWords, running: bool) -> list[list[str]]:
    p, section = data["period"], w.t("Period")
    title, _ = heading(data, w, running=running)
    return [
        [section, w.t("first day"), p["first_day"], title],
        [section, w.t("last day"), p["last_day"], ""],
        [section, w.t("days"), w.number(p["days"]), ""],
        [section, w.t("time zone"), p["timezone"], ""],
    ]


def _value(value: str) -> str:
    return "" if value == _NOTHING else value


def _note(part: Section, row: Row) -> str:
    """The note, or a table's further columns by name ("previous period: 3; change: 50%")."""
    more = zip(part.header[2:], row.more, strict=False)
    return row.note or "; ".join(f"{name}: {cell}" for name, cell in more if _value(cell))


def _inert(cell: str) -> str:
    return "'" + cell if cell.startswith(_FORMULA_STARTS) and not _NUMBER.fullmatch(cell) else cell


def _shown(seconds: float, *, days: bool) -> int:
    """The wait in seconds rounded as wording.duration rounds it for the text: to the second
    under a minute, then to the minute, and from a day on (`days`) to the hour."""
    s = max(seconds, 0.0)
    shown = _nearest(s, 1)
    if shown >= 60:
        shown = _nearest(s, 60) * 60
    if days and shown >= 24 * 3600:
        shown = _nearest(s, 3600) * 3600
    return shown


def _nearest(seconds: float, unit: int) -> int:
    return math.floor(seconds / unit + 0.5)  # halves up, as wording's


def _clock(seconds: int) -> str:
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}"
