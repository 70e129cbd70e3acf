"""The advice cues (mentiondesk/bystanders.py) on a hand-written set of short replies per
language: advice to another customer, and look-alikes (the author's own complaint, questions
to the brand, negations, orders to the brand)."""

from __future__ import annotations

import pytest

from mentiondesk.bystanders import gives_advice
from tests.cue_sets import measured, read_set

_SET = "advice_cues.tsv"


@pytest.mark.parametrize("lang", ["en", "pt-BR", "pt-PT"])
def test_the_cues_find_advice_and_leave_look_alikes(lang: str) -> None:
    rows = [want for code, want, _ in read_set(_SET) if code == lang]
    assert 0 < sum(rows) < len(rows)  # both kinds in each language
    posts, precision, recall = measured(_SET, lang, gives_advice)
    assert posts >= 30
    # Measured when written (38/36/36 posts): en 1.00 / 1.00, pt-BR 1.00 / 0.94, pt-PT
    # 1.00 / 0.94 at first ("entra em contato", "o melhor é" missed); 1.00 / 1.00 in all three
    # after. The set was written with the cues: expect less on posts nobody tuned them on.
    # Reported advice and a writer's own open problem (6 rows more) left out: still 1.00 / 1.00.
    assert precision >= 0.9 and recall >= 0.9


@pytest.mark.parametrize(
    "text",
    [
        "I tried restarting and it still fails",
        "tentei de tudo e nada",
        "@lumora can you call me back?",
        "nothing worked for me",
        "comigo não funcionou",
        "faz três semanas que espero",
        "a Lumora não liga pra ninguém",
        "liguem-me por favor",
        "the call center is useless",
        "Reclame Aqui tá cheio de reclamação",
        "Try again later, they said. Still broken",
        "@ana same here! try calling them",
        "@joao tenta ligar, eu ainda estou esperando",
        "@ana me mandaram reiniciar e nada",
    ],
)
def test_own_complaints_questions_and_negations_are_no_advice(text: str) -> None:
    assert not gives_advice(text)


@pytest.mark.parametrize(
    "text",
    [
        "@ana try clearing the cache, worked for me",
        "@joao vai no Procon sim, resolve rapidinho",
        "@rui liga para a linha de apoio, comigo resolveram",
        "@maria faz reclamação no Reclame Aqui",
        "@bea experimente ligar de manhã",
        "@tom have you tried logging out?",
    ],
)
def test_advice_is_found(text: str) -> None:
    assert gives_advice(text)
