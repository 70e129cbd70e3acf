"""`report --format csv`'s values as any spreadsheet reads them, whatever its locale: counts
ungrouped, waits as h:mm:ss rounded as the text shows them, no "+" or "—", no formula."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest

from mentiondesk.report_csv import csv_report, sheet_words
from mentiondesk.report_text import plain_report
from mentiondesk.report_words import REPORT_WORDS
from tests.test_report_words import report_data


def _rows(lang: str, **figures: Any) -> list[list[str]]:
    text = csv_report(report_data(**figures), running=False, words=REPORT_WORDS[lang], week=None)
    delimiter = "," if lang == "en" else ";"
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff")), delimiter=delimiter))


def _value(rows: list[list[str]], figure: str) -> str:
    return next(row[2] for row in rows if row[1] == figure)


@pytest.mark.parametrize("lang", ["en", "pt-BR", "pt-PT"])
def test_counts_are_ungrouped_in_every_language(lang: str) -> None:
    rows = _rows(lang)
    words = REPORT_WORDS[lang]
    assert _value(rows, words.t("mentions")) == "12345"  # not 12.345, 12,345 or 12 345
    assert _value(rows, words.t("first response p50")) == "3:05:00"
    assert _value(rows, words.t("first response p90")) == "155:00:00"
    assert _value(rows, words.t("NPS")) == "-13"
    assert _value(rows, "reembolso/pagamento" if lang != "en" else "refund/payment") == "1080"
    assert [row[1:3] for row in rows if row[2] == "2026-11-30"]  # the first day, ISO


def test_the_change_has_no_plus_and_the_period_before_is_named() -> None:
    reason = next(row for row in _rows("pt-BR") if row[1] == "reembolso/pagamento")
    assert reason[3] == "período anterior: 40; variação: 2600%"


@pytest.mark.parametrize(
    ("seconds", "days", "shown"),
    [
        (44.6, True, "0:00:45"),
        (3_580, True, "1:00:00"),  # 59 min 40 s: "1h 00m" in the text
        (6 * 86_400 + 56 * 60, True, "145:00:00"),  # "6d 1h"
        (6 * 86_400 + 56 * 60, False, "144:56:00"),  # business hours: "144h 56m"
        (None, True, "—"),
    ],
)
def test_a_wait_is_the_one_the_text_shows(seconds: float | None, days: bool, shown: str) -> None:
    assert sheet_words(REPORT_WORDS["pt-BR"]).duration(seconds, days=days) == shown


def test_nothing_to_reckon_from_is_an_empty_cell() -> None:
    fr = {"count": 0, "p50_seconds": None, "p90_seconds": None, "mean_seconds": None}
    rows = _rows("en", first_response=fr, nps={"score": None, "answers": 0, "small_sample": True})
    assert _value(rows, "first response p50") == "" and _value(rows, "NPS") == ""


def test_a_stored_value_never_runs_as_a_formula() -> None:
    reasons = [{"reason": '=HYPERLINK("x")', "cases": 2, "previous_period": 0}]
    rows = _rows("en", complaint_reasons=reasons)
    assert ['\'=HYPERLINK("x")', "2"] in [row[1:3] for row in rows]


def test_plain_writes_out_a_control_character() -> None:
    text = plain_report(report_data(by_topic={"late\x1b[2J": 1}), running=False)
    assert "topic: late\\x1b[2J" in text and "\x1b" not in text
