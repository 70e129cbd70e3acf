"""pt-BR (also pt-PT) for a case whose author's latest mention says the problem is solved
(resolution.py): the queue's badge and the case page's note, worded apart from praise since
such a post may well read as a complaint."""

from __future__ import annotations

SOLVED = {
    "says it’s solved: resolve?": "disse que foi resolvido: resolver?",
    "The author’s latest mention says the problem is solved: if it is, resolve the case.": (
        "A menção mais recente da pessoa diz que o problema foi resolvido: se foi mesmo, "
        "resolva o caso."
    ),
}
