"""pt-BR (also pt-PT) for a case whose author's latest mention says the problem is solved
(resolution.py): the queue's badge and the case page's note, worded apart from praise since
such a post may well read as a complaint. And the badge of advice to another customer
(bystanders.py), which may read as a complaint too."""

from __future__ import annotations

SOLVED = {
    "says it’s solved: resolve?": "disse que foi resolvido: resolver?",
    "The author’s latest mention says the problem is solved: if it is, resolve the case.": (
        "A menção mais recente da pessoa diz que o problema foi resolvido: se foi mesmo, "
        "resolva o caso."
    ),
    # a reply in another customer's thread telling them what to do (bystanders.py)
    "advice to another customer in a thread": "conselho para outra pessoa em uma conversa",
    "Advice to another customer, not a complaint: no case, no apology.": (
        "Conselho para outra pessoa, não uma reclamação: sem caso nem pedido de desculpas."
    ),
}
