"""The text report's numbers, waits, weeks and stored values as each language writes them:
1.234 in Brazil, 1234 and 12 345 in Portugal, "3 h 05 min", "seg–sex", "reembolso/pagamento"."""

from __future__ import annotations

from typing import Any

import pytest
from rich.console import Console

from mentiondesk.business_hours import BusinessHours
from mentiondesk.config_hours import BusinessHoursSection
from mentiondesk.report_text import plain_report, print_report
from mentiondesk.report_words import REPORT_WORDS

_NBSP = "\u00a0"


def report_data(**figures: Any) -> dict[str, Any]:
    """A report's JSON: big counts, a week of waits, a reason that grew 27-fold."""
    fr = {"count": 12, "p50_seconds": 11_100, "p90_seconds": 558_000, "mean_seconds": 2_700}
    data: dict[str, Any] = {
        "period": {"first_day": "2026-11-30", "last_day": "2026-12-06", "days": 7},
        "mentions": 12_345,
        "mentions_unread": 1_234,
        "by_label": {"negative": 8_000, "neutral": 3_000, "positive": 1_345},
        "by_topic": {"refund_payment": 2_000, "[b]x[/b]": 1},
        "first_response": fr,
        "business_hours": "Mon–Fri 08:00–12:00 and 13:00–18:00",
        "first_response_business_hours": fr,
        "first_response_waiting": 0,
        "resolution_rate": 62.5,
        "csat": {"percent": 99.5, "answers": 1_500, "small_sample": False},
        "nps": {"score": -12.5, "answers": 1, "small_sample": True},
        "won_back": 0,
        "complaint_reasons": [{"reason": "refund_payment", "cases": 1_080, "previous_period": 40}],
        "complaint_cases": {"cases": 1_080, "previous_period": 40},
        "previous_period_had_complaints": True,
        "cases_total": 2_002,
        "cases_resolved": 1_000,
        "cases_closed": 2,
    }
    data["period"]["timezone"] = "Europe/Lisbon"
    for key in ("cases_open", "drafts_pending", "replies_sent", "alerts_sent", "tickets_opened"):
        data[key] = 0
    for key in ("outbox_waiting", "outbox_held", "outbox_dropped"):
        data[key] = 0
    return data | figures


def _week() -> BusinessHours:
    hours = {"mon-fri": ["08:00-12:00", "13:00-18:00"]}
    return BusinessHoursSection.model_validate({"hours": hours}).calendar("Europe/Lisbon")


def _printed(lang: str, *, running: bool = False, **figures: Any) -> str:
    console = Console(width=250, record=True)
    words = REPORT_WORDS[lang]
    print_report(console, report_data(**figures), running=running, words=words, hours=_week())
    return " ".join(console.export_text().split(" "))


def test_brazil_groups_with_a_dot_and_writes_its_dates_and_waits() -> None:
    text = " ".join(_printed("pt-BR").split())
    assert "Relatório do mentiondesk · 30/11/2026 a 06/12/2026" in text
    assert "│ menções │ 12.345 │" in text and "ainda não lidas (fora dos números) │ 1.234 │" in text
    assert "│ reclamações │ 8.000 │" in text and "assunto: reembolso/pagamento │ 2.000 │" in text
    assert "│ 1ª resposta: mediana (p50) │ 3 h 05 min │ 12 casos respondidos" in text
    assert (
        "│ 1ª resposta: p90 │ 6 d 11 h │" in text
        and "│ TMR (tempo médio de 1ª resposta) │ 45 min" in text
    )
    assert (
        "p90 em horário comercial │ 155 h 00 min │ 1ª resposta, seg–sex 08:00–12:00 e 13:00–18:00"
        in text
    )
    assert "│ taxa de resolução │ 63% │ 1.000 de 2.000 casos que precisavam de solução" in text
    assert "│ CSAT (4–5 de 5) │ >99% │ 1.500 respostas │" in text
    assert "│ NPS │ -13 │ 1 resposta · amostra pequena │" in text
    assert "│ reembolso/pagamento │ 1.080 │ 40 │ +2.600% │" in text


def test_portugal_groups_from_five_digits_with_a_space() -> None:
    text = _printed("pt-PT")
    assert f"12{_NBSP}345" in text and "│ 1234 │" in " ".join(text.split())
    assert "+2600%" in text and "pedidos de apoio abertos" in text


def test_english_writes_topics_and_labels_as_the_desk_does() -> None:
    text = " ".join(_printed("en", running=True).split())
    assert "mentiondesk report · last 7 days" in text
    assert "2026-11-30 – 2026-12-06, 7 days in Europe/Lisbon" in text
    assert "│ complaints │ 8,000 │" in text and "│ topic: refund/payment │ 2,000 │" in text
    assert "│ refund/payment │ 1,080 │ 40 │ +2,600% │" in text
    assert "first response mean │ 45m │ 12 answered" in text
    assert "topic: [b]x[/b]" in text  # a topic is data: printed as written, not as markup


@pytest.mark.parametrize("lang", ["pt-BR", "pt-PT"])
def test_one_day_is_today(lang: str) -> None:
    period = {"first_day": "2026-12-06", "last_day": "2026-12-06", "days": 1}
    text = _printed(lang, running=True, period=period | {"timezone": "UTC"})
    assert "· último dia\n06/12/2026 – 06/12/2026, 1 dia, fuso horário UTC" in text


@pytest.mark.parametrize(
    ("lang", "says"),
    [("en", "no case needed one"), ("pt-BR", "nenhum caso precisava de solução")],
)
def test_no_case_to_resolve_is_said_not_counted(lang: str, says: str) -> None:
    text = _printed(lang, cases_total=0, cases_resolved=0, cases_closed=0, resolution_rate=None)
    assert says in text and "0 of 0" not in text and "0 de 0" not in text


def test_plain_has_no_reasons_table_without_a_complaint() -> None:
    text = plain_report(
        report_data(complaint_reasons=[]), running=True, words=REPORT_WORDS["pt-PT"]
    )
    assert text.endswith(
        "\nProblemas recorrentes (casos por motivo)\n  nenhuma reclamação neste período\n"
    )
