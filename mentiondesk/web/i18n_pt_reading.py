"""How the desk says a mention's frustration, and the case page's ways around itself on a phone,
in Brazilian Portuguese; also the base of pt-PT (i18n_pt_pt.py lays its few differences over)."""

from __future__ import annotations

READING = {
    # Frustration, one form everywhere (queue and case page): "2 of 3", the scale in a title.
    "Frustration, as read in the post: from 0 (none) to 3 (the most).": (
        "Frustração, conforme a classificação da menção: de 0 (nenhuma) a 3 (a maior)."
    ),
    "{n} of 3": "{n} de 3",
    "frustration {n} of 3": "frustração {n} de 3",
    # the queue row's: the case's (which orders it) first, the mention's small beside it
    "frustration {n} of 3 (the case’s highest)": "frustração {n} de 3 (a maior do caso)",
    "this mention: frustration {n} of 3": "esta menção: frustração {n} de 3",
    "The highest frustration of the case’s mentions, the one its priority counts: from 0 (none) "
    "to 3 (the most).": (
        "A maior frustração entre as menções do caso, a que conta na prioridade: de 0 (nenhuma) "
        "a 3 (a maior)."
    ),
    # The case page in one column (_case_jumps.html): links to its parts, the way back.
    "On this page": "Nesta página",
    "Back to the mention": "Voltar para a menção",
    "In reply to": "Em resposta a",
    # Author history: Do not contact under its own heading (the list stops private messages).
    "Private messages": "Mensagens privadas",
    # What a screen reader says for an empty field's "—" (_macros.html's empty_value): the
    # fields it stands in are masculine in both norms (Motivo, Assuntos, Chamado, Pedido de
    # apoio, the p90's "valor"), so pt-PT reads these as they are.
    "not yet": "ainda não",
    "none": "nenhum",
    "no rule": "nenhuma",  # the case page's Rule: regra is feminine
    # A wait's target in text after its timer, for keyboard and screen reader users.
    "(target {target})": "(meta de {target})",
}
