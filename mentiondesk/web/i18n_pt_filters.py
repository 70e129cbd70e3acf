"""The queue's answer to its filters, in Portuguese: how many cases and drafts match, said
as the page loads. Brazil's and Portugal's wording is the same here ("correspondem aos
filtros", "na fila"), so pt-PT takes these as they are (i18n_pt_pt lays nothing over them)."""

from __future__ import annotations

FILTERS = {
    "{n} case matches the filters": "{n} caso corresponde aos filtros",
    "{n} cases match the filters": "{n} casos correspondem aos filtros",
    "{n} draft without a case matches the filters": "{n} rascunho sem caso corresponde aos filtros",
    "{n} drafts without a case match the filters": (
        "{n} rascunhos sem caso correspondem aos filtros"
    ),
    # "{cases}" and "{drafts}" are "3 casos", "1 rascunho sem caso": together, plural.
    "{cases} and {drafts} match the filters": "{cases} e {drafts} correspondem aos filtros",
    "Nothing waiting matches the filters.": "Nada do que está na fila corresponde aos filtros.",
    # said as Clear (or Filter with nothing chosen) loads the whole queue
    "No filters: {n} case waiting": "Sem filtros: {n} caso na fila",
    "No filters: {n} cases waiting": "Sem filtros: {n} casos na fila",
    "No filters: {n} draft without a case waiting": "Sem filtros: {n} rascunho sem caso na fila",
    "No filters: {n} drafts without a case waiting": (
        "Sem filtros: {n} rascunhos sem caso na fila"
    ),
    "No filters: {cases} and {drafts} waiting": "Sem filtros: {cases} e {drafts} na fila",
}
