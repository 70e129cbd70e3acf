"""Habits a native speakers' review of the desk's Portuguese found, kept out of both catalogs
(pt-BR and pt-PT), and the few wordings it settled between Brazil's usage and Portugal's."""

from __future__ import annotations

import re

import pytest

from mentiondesk.web import i18n_pt
from mentiondesk.web.i18n import EUROPEAN_PORTUGUESE, PORTUGUESE, Locale


def _texts(locale: Locale) -> list[str]:
    words = [w for kind in locale.words.values() for w in kind.values()]
    return [*locale.messages.values(), *words]


_EVERY_TEXT = _texts(PORTUGUESE) + _texts(EUROPEAN_PORTUGUESE)


@pytest.mark.parametrize(
    "habit",
    [
        # Portuguese leaves the subject out where the sentence before names it: "Resposta
        # aprovada: já está a caminho", never "…: ela já está a caminho".
        r"[:;] (?:el[ae]s?)\b",
        r"\bmaior do que a plataforma",  # a text is "mais longa", not "maior"
        r"\bmenção que \w+ \w+ responde",  # "responder a": "à qual" / "a que"
        r"\bparcela\b",  # a rate's share is "a proporção"
        r"\btrabalham a fila",  # agents "cuidam da fila" (pt-PT "tratam da fila")
        r"\bdas mais antigas\b",  # an order says both ends: "da mais antiga à mais recente"
        # A reading is "a classificação" on every page, never "a leitura" or "é lido como".
        r"\b(?:a|cuja) leitura\b|\bé lid[ao] como\b",
        r"\bnão dá para\b",  # colloquial: "não é possível"
        r"\brespondeu (?:este|esse|o) caso\b",  # "responder a": "respondeu a este caso"
        r"\bnova tentativa \w+ retida de novo\b",  # "também seria retida"
        r"\bno desk\b",  # the desk is "o atendimento"
        r"\bacaba com o bloqueio\b|\btermina o bloqueio\b",  # a lock is undone: "desfaz"
        # A sentence opens on no pronoun where the one before named it ("Ela tem 301
        # caracteres", "Ele passa a ser seu"): "São 301 caracteres", "Passa a ser seu".
        r"(?:^|[.!?] )El[ae] (?:tem|cabe|fica|passa)\b",
        r"\bmês antes dele\b",  # "the month before it": "o mês que o precede"
    ],
)
def test_a_habit_the_review_found_is_in_no_catalog(habit: str) -> None:
    assert not [t for t in _EVERY_TEXT if re.search(habit, t, re.IGNORECASE)]


def test_where_brazil_and_portugal_say_it_apart() -> None:
    since = "The author has written since the mention this draft answers."
    assert "menção à qual" in PORTUGUESE.t(since)
    assert "menção a que" in EUROPEAN_PORTUGUESE.t(since)
    assert PORTUGUESE.word("held", "too-long") == "longa demais para a plataforma"
    assert EUROPEAN_PORTUGUESE.word("held", "too-long") == "demasiado longa para a plataforma"


def test_the_people_page_says_access_not_a_gendered_person() -> None:
    """ "ativo", "Incluído em" would read a person as masculine: the words name their access."""
    assert [PORTUGUESE.t(s) for s in ("active", "disabled", "Added")] == [
        "acesso ativo",
        "acesso desativado",
        "Data de inclusão",
    ]
    disable = "Disable {name}? They cannot log in, and their open desk tabs are logged out now."
    assert PORTUGUESE.t(disable, name="ana").endswith("serão desconectadas agora.")  # one tense


def test_brazil_and_portugal_place_the_pronoun_apart() -> None:
    text = next(k for k in PORTUGUESE.messages if k.endswith("without splitting it."))
    assert PORTUGUESE.t(text).endswith("como está, sem dividi-lo.")
    assert EUROPEAN_PORTUGUESE.t(text).endswith("tal como está, sem o dividir.")


def test_every_withdrawn_note_agrees_with_the_draft_it_is_under() -> None:
    """A draft ("resposta", "mensagem") is feminine: "· retirada" heads it, and every note
    under it says "Retirada:", whichever reason withdrew it."""
    notes = [k for k in i18n_pt.MESSAGES if k.startswith("Withdrawn:")]
    assert len(notes) >= 5
    for locale in (PORTUGUESE, EUROPEAN_PORTUGUESE):
        for note in notes:
            assert locale.t(note).startswith("Retirada:"), locale.t(note)
