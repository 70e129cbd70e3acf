"""The dashboard's summary export (csv_summary) in European Portuguese, where Portugal words
it differently from i18n_pt_dashboard.py (secção, horário de expediente, folha de cálculo)."""

from __future__ import annotations

SUMMARY = {
    "The figures of this page for this period, a row each, for a spreadsheet": (
        "Os números desta página neste período, um por linha, para uma folha de cálculo"
    ),
    "Section": "Secção",
    "Median first response, in business hours": (
        "Tempo da 1.ª resposta (mediana), em horário de expediente"
    ),
    "First response (p90), in business hours": (
        "Tempo da 1.ª resposta (p90), em horário de expediente"
    ),
    "Mean first response": "Tempo da 1.ª resposta (média)",
    "Waiting for a first response": "À espera da primeira resposta",
}
