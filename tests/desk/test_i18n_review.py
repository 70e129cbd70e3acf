"""Habits a native speakers' review of the desk's Portuguese found, kept out of both catalogs
(pt-BR and pt-PT), and the few wordings it settled between Brazil's usage and Portugal's."""

from __future__ import annotations

import re

import pytest

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
