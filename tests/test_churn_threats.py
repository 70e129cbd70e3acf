"""Churn threats the leaving cues missed: "take my business elsewhere", pt-PT "subscrição",
"rescindir o contrato", "encerrar a conta", "ir pra concorrência". Each was read below 3, so
the shipped `urgent-complaint` rule sent no ticket to the help desk."""

from __future__ import annotations

import pytest

from mentiondesk.models import Brand, History, Label, Reading
from playbooks import load_playbook
from sentiment import topics
from sentiment._threats import threatens
from tests.helpers import mention

SHIPPED = load_playbook([], brand=Brand(name="Lumora"))

MISSED = [
    "@lumora third late parcel this month. I'll take my business elsewhere.",
    "@lumora_pt terceira vez que a encomenda chega atrasada. Vou mudar de operadora e cancelar a"
    " minha subscrição.",
    "@lumora_pt a fatura veio errada outra vez. Quero rescindir o contrato, estou farto.",
    "@lumora_br de novo cobrança indevida. Vou encerrar a minha conta e ir pra concorrência.",
]


@pytest.mark.parametrize(
    "text",
    [
        *MISSED,
        "taking our money elsewhere after this",
        "I'm going to a competitor",
        "vou cancelar a minha subscrição",
        "cancelar a minha subscricao",  # no accents
        "vou mudar de operadora",
        "se não resolverem, mudo de operadora",
        "quero cancelar o contrato",
        "vou pedir a rescisão do contrato",
        "vou encerrar a minha conta",
        "vou pra concorrência",
        "vou para a concorrencia",
    ],
)
def test_a_churn_threat_is_level_3(text: str) -> None:
    assert topics.frustration(text) == 3


@pytest.mark.parametrize(
    "text",
    [
        # The brand's step, not the author's.
        "a Lumora cancelou o meu contrato sem aviso",
        "encerraram a minha conta sem explicação",
        # A store to collect from, a product's brand: no leaving.
        "dá para mudar de loja de levantamento?",
        "mudar de marca do produto",
        # Advice to another customer.
        "@ana muda de operadora",
        "você deveria rescindir o contrato",
        "@ana vai pra concorrência",
        "you should take your business elsewhere",
        "@ana just go to a competitor",
    ],
)
def test_no_churn_threat_of_the_author_s_stays_below_3(text: str) -> None:
    assert topics.frustration(text) < 3


@pytest.mark.parametrize("text", MISSED)
def test_the_shipped_playbook_escalates_a_churn_threat(text: str) -> None:
    reading = Reading(
        label=Label.NEGATIVE,
        score=0.9,
        lang="pt",
        topics=topics.topics(text),
        frustration=topics.frustration(text),
        is_question=topics.is_question(text),
    )
    kinds = [a.kind.value for a in SHIPPED.decide(mention(1, text), reading, History())]
    assert "escalate" in kinds


@pytest.mark.parametrize(
    "text",
    [
        "Lumora helped me take my business to the next level!",
        "acabei de mudar de operadora para a Lumora e estou adorando",
        "quero mudar de loja de levantamento, é possível?",
        "vou mudar de loja de levantamento, pode ser a do Colombo?",
    ],
)
def test_no_churn_in_what_only_looks_like_it(text: str) -> None:
    assert not threatens(text.lower())
