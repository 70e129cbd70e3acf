"""The dashboard's CSV export: as a spreadsheet in the page's language opens it, or in the
stable format scripts read (English headers, platform codes, commas)."""

from __future__ import annotations

import csv
import io
import re

from mentiondesk.figures import LABELS
from mentiondesk.web.data_dash import LANG_COLUMN
from mentiondesk.web.i18n import Locale

DATA = "data"  # ?format=data: the stable format, whatever the page's language
# Without a byte-order mark Excel reads a CSV in the system's ANSI code page: "Reclamação"
# would open as "ReclamaÃ§Ã£o".
_BOM = "\ufeff"
# A cell starting with one of these runs as a formula in some spreadsheet (a tab or a
# carriage return in those that skip leading blanks first): a quote in front makes it text.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# A figure of the summary's ("-13", an NPS; "-6.25"; "1:30:00") is no formula: left a number.
_NUMBER = re.compile(r"-?\d+(\.\d+)?(:\d\d)*%?")


def data_csv(rows: list[list[str]]) -> str:
    """csv_rows's rows as they are, comma-separated: what scripts have always read."""
    return _write(rows, delimiter=",")


def spreadsheet_csv(rows: list[list[str]], loc: Locale) -> str:
    """csv_rows's rows for a Portuguese spreadsheet: ";" separated (the list separator of
    Excel and LibreOffice in pt-BR and pt-PT, which open a comma CSV as one column), a BOM,
    headers and platform names in the page's language. Days stay ISO (YYYY-MM-DD) and counts
    ungrouped: every locale's spreadsheet reads those as dates and numbers."""
    # Column headers of their own, not the desk's singular chips ("Reclamação", "Neutro"): a
    # column counts complaints, neutral mentions, praise.
    counted = {
        "negative": loc.t("Complaints"),
        "neutral": loc.t("Neutral mentions"),
        "positive": loc.t("Praise"),
    }
    # The language columns after the total (csv_rows: lang_en…), named as the page names them.
    languages = [c.removeprefix(LANG_COLUMN) for c in rows[0][3 + len(LABELS) :]]
    header = [
        loc.t("Day"),
        loc.t("Platform"),
        *(counted[label] for label in LABELS),
        loc.t("Total"),
        *(loc.t("Language: {language}", language=loc.word("lang", c)) for c in languages),
    ]
    body = [[day, loc.word("platform", code), *counts] for day, code, *counts in rows[1:]]
    return _BOM + _write([header, *body], delimiter=";")


def sheet_csv(rows: list[list[str]], loc: Locale) -> str:
    """Any table for a spreadsheet in the page's language (the Privacy log's): a BOM, each
    cell guarded against formulas, ";" separated in Portuguese and "," in English."""
    return _BOM + _write(rows, delimiter="," if loc.lang == "en" else ";")


def summary_csv(rows: list[list[str]], loc: Locale | None) -> str:
    """The dashboard's summary (csv_summary): for a spreadsheet in `loc`'s language as
    sheet_csv writes it, or (None) the data form, comma-separated with no BOM as data_csv.
    Each cell guarded against formulas, except a plain number, which stays one."""
    if loc is None:
        return _write(rows, delimiter=",", numbers=True)
    return _BOM + _write(rows, delimiter="," if loc.lang == "en" else ";", numbers=True)


def _write(rows: list[list[str]], *, delimiter: str, numbers: bool = False) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    for row in rows:
        writer.writerow([_inert(c, numbers) for c in row])
    return buffer.getvalue()


def _inert(cell: str, numbers: bool) -> str:
    if not cell.startswith(_FORMULA_STARTS) or (numbers and _NUMBER.fullmatch(cell)):
        return cell
    return "'" + cell
