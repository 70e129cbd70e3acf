"""Reject in bulk (pages_bulk) in European Portuguese, where Portugal words it differently
from i18n_pt_bulk.py: pré-visualização (Brazil's "prévia"), "à espera", no "você"."""

from __future__ import annotations

BULK = {
    "For a crisis day: the pending drafts one playbook rule made, rejected at once. Preview "
    "first: nothing is rejected until you confirm, and a draft someone edits or decides after "
    "the preview is left as it is.": (
        "Para um dia de crise: os rascunhos pendentes de uma regra do playbook, rejeitados de "
        "uma vez. Pré-visualize primeiro: nada é rejeitado até confirmar, e um rascunho que "
        "alguém edite ou decida depois da pré-visualização fica como está."
    ),
    "No draft is waiting: nothing to reject.": "Nenhum rascunho à espera: nada a rejeitar.",
    "Preview": "Pré-visualizar",
    "One confirm rejects the oldest {n}; preview again for the rest.": (
        "Uma confirmação rejeita os {n} mais antigos; pré-visualize de novo para os restantes."
    ),
    "{n} draft skipped (changed by someone since the preview)": (
        "{n} ignorado (alterado por alguém desde a pré-visualização)"
    ),
    "{n} drafts skipped (changed by someone since the preview)": (
        "{n} ignorados (alterados por alguém desde a pré-visualização)"
    ),
}
