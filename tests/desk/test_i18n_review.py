"""Wordings a native speakers' review of the desk settled, in Brazil's and Portugal's
Portuguese, and the habits it found (a subject pronoun after a colon) kept out of the catalogs."""

from __future__ import annotations

import re

import pytest

from mentiondesk.web import i18n_pt_pt
from mentiondesk.web.i18n import EUROPEAN_PORTUGUESE, PORTUGUESE
from mentiondesk.web.i18n_pt import MESSAGES
from mentiondesk.web.i18n_pt_words import WORDS

_TOO_LONG = "The reply is longer than the platform allows: shorten it first."
_SINCE = "The author has written since the mention this draft answers."
_RATE = "Resolution rate: of the cases opened in this period that needed a resolution, the share "

# English text → (pt-BR, pt-PT), or a part of them where the text is long.
REVIEWED = {
    "Longer than the platform allows: shorten it first": (
        "Mais longa do que a plataforma permite: encurte antes de enviar",
        "Mais longa do que a plataforma permite: encurte-a antes de enviar",
    ),
    _TOO_LONG: (
        "A resposta é mais longa do que a plataforma permite: encurte antes de enviar.",
        "A resposta é mais longa do que a plataforma permite: encurte-a primeiro.",
    ),
    "Reply approved: it is on its way.": ("Resposta aprovada: já está a caminho.",) * 2,
    "Draft restored: it waits for approval again.": (
        "Rascunho restaurado: voltou a aguardar aprovação.",
        "Rascunho restaurado: volta a aguardar aprovação.",
    ),
    "Label corrected, thank you: it is kept for retraining.": (
        "Classificação corrigida, obrigado: a correção fica guardada para o retreino.",
    )
    * 2,
    _SINCE: (
        "A pessoa escreveu de novo depois da menção à qual este rascunho responde.",
        "A pessoa escreveu de novo depois da menção a que este rascunho responde.",
    ),
    "{n} mentions by the author, oldest first": (
        "{n} menções da pessoa, da mais antiga à mais recente",
    )
    * 2,
}
# A part of a long text: (English key, pt-BR's part, pt-PT's part).
PARTS = [
    (_RATE, "a proporção resolvida", "a proporção resolvida"),
    ("Agents work the queue; managers", "Agentes cuidam da fila;", "Os agentes tratam da fila;"),
]


@pytest.mark.parametrize("english", REVIEWED)
def test_the_reviewed_wordings(english: str) -> None:
    brazil, portugal = REVIEWED[english]
    assert (PORTUGUESE.t(english), EUROPEAN_PORTUGUESE.t(english)) == (brazil, portugal)


@pytest.mark.parametrize(("start", "brazil", "portugal"), PARTS)
def test_the_reviewed_parts(start: str, brazil: str, portugal: str) -> None:
    english = next(key for key in MESSAGES if key.startswith(start))
    assert brazil in PORTUGUESE.t(english) and portugal in EUROPEAN_PORTUGUESE.t(english)
    assert "parcela" not in PORTUGUESE.t(english) and "trabalham a fila" not in MESSAGES[english]


def test_a_reply_too_long_reads_as_each_country_says_it() -> None:
    assert PORTUGUESE.word("held", "too-long") == "longa demais para a plataforma"
    assert EUROPEAN_PORTUGUESE.word("held", "too-long") == "demasiado longa para a plataforma"


def test_no_subject_pronoun_after_a_colon() -> None:
    """Portuguese leaves the subject out where the sentence before names it: "Resposta
    aprovada: já está a caminho", never "…: ela já está a caminho"."""
    texts = [*MESSAGES.values(), *i18n_pt_pt.MESSAGES.values()]
    texts += [w for words in WORDS.values() for w in words.values()]
    assert not [t for t in texts if re.search(r"[:;] (?:el[ae]s?)\b", t, re.IGNORECASE)]
