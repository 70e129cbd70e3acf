"""Reject in bulk (pages_bulk, bulk_reject.html) in Brazilian Portuguese; i18n_pt_pt_bulk.py
has Portugal's differences."""

from __future__ import annotations

BULK = {
    "Reject in bulk…": "Rejeitar em massa…",
    "Reject drafts in bulk": "Rejeitar rascunhos em massa",
    "For a crisis day: the pending drafts one playbook rule made, rejected at once. Preview "
    "first: nothing is rejected until you confirm, and a draft someone edits or decides after "
    "the preview is left as it is.": (
        "Para um dia de crise: os rascunhos pendentes de uma regra do playbook, rejeitados de "
        "uma vez. Veja a prévia antes: nada é rejeitado até você confirmar, e um rascunho que "
        "alguém editar ou decidir depois da prévia fica como está."
    ),
    "No draft is waiting: nothing to reject.": "Nenhum rascunho aguardando: nada a rejeitar.",
    "rule": "regra",
    "choose a rule": "escolha uma regra",
    "{rule} ({n} pending draft)": "{rule} ({n} rascunho pendente)",
    "{rule} ({n} pending drafts)": "{rule} ({n} rascunhos pendentes)",
    "public or private": "pública ou privada",
    "both": "ambas",
    "older than": "mais antigos que",
    "e.g. 2h": "ex.: 2h",
    "Not an age: write it as 30m, 2h, 1d or 1h30m.": (
        "Tempo inválido: escreva como 30m, 2h, 1d ou 1h30m."
    ),
    "30m, 2h, 1d or 1h30m; empty: any age": "30m, 2h, 1d ou 1h30m; em branco: qualquer tempo",
    "Preview": "Ver prévia",
    "No pending draft matches: nothing to reject.": (
        "Nenhum rascunho pendente corresponde: nada a rejeitar."
    ),
    "{n} pending draft matches": "{n} rascunho pendente corresponde",
    "{n} pending drafts match": "{n} rascunhos pendentes correspondem",
    "One confirm rejects the oldest {n}; preview again for the rest.": (
        "Uma confirmação rejeita os {n} mais antigos; veja a prévia de novo para o restante."
    ),
    "The oldest {n}:": "Os {n} mais antigos:",
    "They are:": "São eles:",
    "Drafted": "Criado",
    "no case": "sem caso",  # a draft outside any case, said where the eye sees "—"
    "Reject {n} draft": "Rejeitar {n} rascunho",
    "Reject {n} drafts": "Rejeitar {n} rascunhos",
    "{n} draft rejected": "{n} rascunho rejeitado",
    "{n} drafts rejected": "{n} rascunhos rejeitados",
    "{n} draft skipped (changed by someone since the preview)": (
        "{n} ignorado (alterado por alguém desde a prévia)"
    ),
    "{n} drafts skipped (changed by someone since the preview)": (
        "{n} ignorados (alterados por alguém desde a prévia)"
    ),
}
