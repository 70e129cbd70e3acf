"""Frustration cue families: tone words, rhetorical questions, one shouted word, many tries,
churn said in passing, a formal complaint with no body named, and advice that worked.

Each family was missing: its posts read a level too low (or, for a charge counted twice and
a question to the crowd, too high), so the queue put an angry customer behind calm ones.
The sentences are written for these tests, in EN, pt-BR and pt-PT, not copied from the sets.
"""

from __future__ import annotations

import pytest

from bench.reasons import complaints
from mentiondesk.models import Brand, History, Label
from playbooks import load_playbook
from sentiment import topics
from sentiment._enrich import readings
from tests.helpers import mention

SHIPPED = load_playbook([], brand=Brand(name="Lumora"))


def _levels(texts: list[str]) -> list[int]:
    """Frustration as the shared reading gives it to a complaint (any classifier's)."""
    polarity = [(Label.NEGATIVE, 0.9)] * len(texts)
    return [r.frustration for r in readings(texts, [None] * len(texts), polarity, classifier="t")]


@pytest.mark.parametrize(
    "text",
    [
        "Honestly fed up with Lumora's courier, the box came back to the depot",
        "Unbelievable, the blender arrived without its lid",
        "That 'free delivery' banner is misleading, I paid £4 at checkout",
        "Estou farta de esperar pela coluna da Lumora",  # pt-PT
        "Fui atendido com uma arrogância que nem vos conto",  # pt-PT
        "Anunciam 20% de desconto e no carrinho não há nada. Publicidade enganosa",  # pt-PT
        "que falta de respeito, Lumora, trocaram o preço depois do pagamento",  # pt-BR
        "pedi o fone preto e veio rosa, só pode ser brincadeira",  # pt-BR
    ],
)
def test_tone_words_read_angry(text: str) -> None:
    assert _levels([text]) == [2]


@pytest.mark.parametrize(
    "text",
    [
        "Why should I pay for the courier's mistake?",
        "There's a £3 'service charge'. Where was this when I added it to the basket",
        "Quem me paga as horas que perdi ao telefone?",  # pt-PT
        "Como é possível perderem duas encomendas seguidas",
        "Porque é que tenho de ligar para saber onde está a encomenda",  # pt-PT
    ],
)
def test_questions_that_expect_no_answer_read_angry(text: str) -> None:
    assert topics.frustration(text) == 2


@pytest.mark.parametrize(
    "text",
    [
        "the refund took NINE days to show up",
        "a encomenda NUNCA foi enviada",
        "It was NOT in the box, only the cable",
        "esperei DUAS horas na linha",
    ],
)
def test_one_word_shouted_in_capitals_reads_angry(text: str) -> None:
    assert topics.frustration(text) == 2


@pytest.mark.parametrize(
    "text",
    [
        "o pagamento por MB Way falhou",  # an acronym, not a shout
        "o NIF não aparece na fatura",
        "the HDMI port on the Lumora TV is loose",
        "@LUMORA_PT a encomenda atrasou",  # a handle in capitals
    ],
)
def test_acronyms_and_handles_are_not_a_shout(text: str) -> None:
    assert topics.frustration(text) < 2


def test_many_tries_are_angry_but_a_double_charge_or_a_crowd_question_is_not() -> None:
    assert topics.frustration("typed my password twelve times and still locked out") == 2
    assert topics.frustration("cliquei em reenviar dez vezes e o código não vem") == 2
    # A charge counted twice is a fact about the bill; a question to other customers asks.
    assert topics.frustration("cobraram-me duas vezes a mesma encomenda") == 1
    assert topics.frustration("oi, acho que fui cobrado duas vezes, podem ver?") == 0
    assert topics.frustration("alguém sabe quando a Lumora repõe o stock do X200") == 1
    # Calling into the void still is anger.
    assert topics.frustration("Está aí alguém? Ninguém me diz nada") == 2


@pytest.mark.parametrize(
    "text",
    [
        "Subscription cancelled. Goodbye, Lumora.",
        "cancelei o plano, adeus",
        "Aumentaram a mensalidade. Não contem mais comigo.",
        "Third late parcel. We're done with this company",
        "You've just lost a loyal customer, Lumora",
        "Perderam mais um cliente, Lumora.",
    ],
)
def test_leaving_said_in_passing_is_a_threat(text: str) -> None:
    assert _levels([text]) == [3]


@pytest.mark.parametrize(
    "text",
    [
        "I'm done with the setup but the app won't pair",
        "the order was cancelled, can you tell me why?",
    ],
)
def test_look_alikes_of_leaving_are_not(text: str) -> None:
    assert topics.frustration(text) < 3


@pytest.mark.parametrize(
    "text",
    [
        "Se não me devolverem o dinheiro, vou apresentar queixa.",  # pt-PT, no body named
        "Já registei queixa e continuo sem resposta",
        "Reported the second charge to my bank as fraud.",
        "já fiz queixa na polícia por causa da encomenda",
    ],
)
def test_a_formal_complaint_or_a_fraud_report_is_a_threat(text: str) -> None:
    assert topics.frustration(text) == 3


def test_advice_to_complain_is_still_advice() -> None:
    assert topics.frustration("devias apresentar queixa, a loja não responde") < 3


def test_advice_the_writer_backs_with_their_own_success_is_calm() -> None:
    worked = [
        "tenta a DECO, comigo resolveu num instante",
        "just dispute the charge, worked for me",
    ]
    assert _levels(worked) == [0, 0]
    # Bare advice stays annoyed, and the author's own threat stays a threat.
    assert topics.frustration("just report them to trading standards") == 1
    assert topics.frustration("I'm reporting you to the BBB, it worked for me last time") == 3


def test_churn_said_in_passing_is_escalated_by_the_shipped_playbook() -> None:
    text = "Subiram o preço outra vez. Cancelei, adeus."
    (reading,) = readings([text], ["pt"], [(Label.NEGATIVE, 0.9)], classifier="t")
    actions = SHIPPED.decide(mention(1), reading, History())
    assert "escalate" in [a.kind.value for a in actions]


# set -> minimum frustration exact, a row or two under the measured figure (bench/reasons.py).
SET_FLOORS = {"ptpt_everyday": 0.91, "threats_en": 0.84, "threats_pt": 0.66}


@pytest.mark.parametrize("name", sorted(SET_FLOORS))
def test_frustration_on_the_pt_pt_and_threat_sets(name: str) -> None:
    rows = complaints(name)
    exact = sum(topics.frustration(r["text"]) == int(r["frustration"]) for r in rows)
    assert exact / len(rows) >= SET_FLOORS[name]
