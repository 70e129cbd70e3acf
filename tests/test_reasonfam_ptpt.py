"""Complaints with no cue word of their own used to read `other`, the board's useless top reason.

One case list per family of sentiment/_reason_words_families.py and of the rewrites it came
with (a code that is no sign-in code, tax details on an invoice, a customer leaving, a
chargeback threatened); sentences written for these tests, not taken from the labelled sets.
"""

from __future__ import annotations

import pytest

from bench.reasons import complaints
from mentiondesk.models import Label
from sentiment._enrich import readings
from sentiment.reasons import REASONS, complaint_reason

DELIVERY = [
    "Enviaram tudo para a minha morada antiga, Lumora.",
    "Está no cacifo há três dias e não o consigo abrir.",
    "Três semanas depois continua por expedir.",
    "ja ninguem sabe onde anda o meu pedido",
    "Estou a aguardar o pedido desde o início do mês.",
    "The DPD guy marked it as left with a neighbour I don't have.",
]
REFUND_PAYMENT = [
    "A referência multibanco expirou e a encomenda foi anulada.",
    "A subscrição renovou sozinha depois de eu a cancelar.",
    "They renewed my plan without asking me.",
    "Devolveram-me só metade do valor.",
]
PRODUCT_QUALITY = [
    "A tampa do tacho já não fecha bem.",
    "O carregador inchou todo.",
    "O forno da Lumora não aquece.",
    "The soles came apart after one walk.",
    "The kettle lid won't close anymore.",
    "O comando não responde a metade das teclas.",
    "Saiu fumo da torradeira, Lumora!",
]
SUPPORT = [
    "A chamada caiu três vezes seguidas.",
    "Passaram-me para outro departamento, e depois para outro.",
    "Ficaram de me ligar de volta na sexta. Estamos a quarta.",
    "o robô da Lumora só repete a mesma frase",
    "They transferred me four times and I'm still in the queue.",
    "The guy on the phone was so condescending.",
    "Asked a simple question and they sent me the FAQ.",
]
PRICE = [
    "O novo tarifário é um abuso.",
    "Aumentaram tudo outra vez, Lumora.",
    "They hiked the Lumora+ plan again.",
    "O código promocional da Lumora dá sempre erro.",
    "Publicidade enganosa, Lumora.",
]
ACCOUNT_LOGIN = [
    "Não consigo mudar o email do cadastro.",
    "O meu registo na Lumora desapareceu.",
    "How do I change my email? The button does nothing.",
]
OTHER = [
    "A fatura veio sem o meu NIF, Lumora.",
    "Cancelei a newsletter e continuo a receber emails todos os dias.",
    "A nota fiscal da Lumora nunca chega no email.",
]
# A customer leaving or a chargeback is no account nor payment complaint: the grievance is.
REMEDIES = [
    ("Worst customer service ever. Closing my Lumora account today.", "support"),
    ("Nobody answers the phone. Account closed.", "support"),
    ("Two weeks in transit and no update. Filing a chargeback.", "delivery"),
    ("The blender is faulty and nobody helps. Chargeback filed.", "product_quality"),
]
CASES = [
    *((text, "delivery") for text in DELIVERY),
    *((text, "refund_payment") for text in REFUND_PAYMENT),
    *((text, "product_quality") for text in PRODUCT_QUALITY),
    *((text, "support") for text in SUPPORT),
    *((text, "price") for text in PRICE),
    *((text, "account_login") for text in ACCOUNT_LOGIN),
    *((text, "other") for text in OTHER),
    *REMEDIES,
]


@pytest.mark.parametrize(("text", "reason"), CASES)
def test_a_family_without_a_cue_word_reads_its_reason(text: str, reason: str) -> None:
    assert complaint_reason(text) == reason


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        # Look-alikes each family must leave alone.
        ("o robô aspirador parou de funcionar", "product_quality"),
        (
            "the FAQ says one year and the product page two, which is it? refund me",
            "refund_payment",
        ),
        ("levaram 3 dias pra desbloquear a minha conta", "account_login"),
        ("o código SMS nunca chega", "account_login"),
        ("a fatura do cartão veio cobrada duas vezes", "refund_payment"),
        ("a encomenda foi devolvida ao remetente", "delivery"),
    ],
)
def test_look_alikes_keep_their_reason(text: str, reason: str) -> None:
    assert complaint_reason(text) == reason


def test_a_complaint_reading_carries_the_family_reason() -> None:
    texts = ["O tarifário subiu outra vez", "A tampa já não fecha bem"]
    polarity = [(Label.NEGATIVE, 0.9), (Label.NEGATIVE, 0.9)]
    got = readings(texts, ["pt", "pt"], polarity, classifier="test")
    assert [r.reason for r in got] == ["price", "product_quality"]


def test_the_pt_pt_family_set_covers_every_reason_and_reads_right() -> None:
    rows = complaints("ptpt_everyday")
    assert len(rows) >= 40
    assert {r["reason"] for r in rows} == set(REASONS)
    right = sum(complaint_reason(r["text"]) == r["reason"] for r in rows)
    assert right / len(rows) >= 0.95  # the cues were written from this set: 0.612 before them
