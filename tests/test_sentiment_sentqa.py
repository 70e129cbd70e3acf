"""A Brazilian NLP engineer's review of the default reading (QA sweep, tag sentqa): an English
post signed with a Portuguese name, a short threat to Procon or the BBB, and pt-BR / pt-PT
complaints whose words the reason cues lacked."""

from __future__ import annotations

import numpy as np
import pytest

from mentiondesk.models import Classifier, Label
from sentiment import _threats, lang
from sentiment.e5 import E5Classifier
from sentiment.ngram import NgramClassifier
from sentiment.reasons import complaint_reason
from sentiment.topics import frustration


# lingua takes "ç" and "ã" as near proof of Portuguese: these read as `pt` or `und`, and the
# e5 reader and the reply went Portuguese for an English-speaking customer.
@pytest.mark.parametrize(
    "text",
    [
        "Hi, Conceição here. My refund is missing",
        "Sr. Gonçalves: my order never came",
        "Gonçalo here, where is my package?",
        "My name is Sebastião and my account is locked",
        "Estêvão from Lisbon: the app crashed again",
    ],
)
def test_english_beside_a_portuguese_name_is_english(text: str) -> None:
    assert lang.detect([text]) == ["en"]


@pytest.mark.parametrize(
    "text",
    [
        "Não chegou o pedido",
        "João, cadê o pedido?",
        "Gonçalo está à espera da encomenda",
        "Ângela comprou e não recebeu",
        "Sebastião reclamou do atraso",
        "PEDIDO NÃO CHEGOU",
    ],
)
def test_portuguese_with_names_or_capitals_stays_portuguese(text: str) -> None:
    assert lang.detect([text]) == ["pt"]


@pytest.fixture(scope="module", params=["ngram", "e5"])
def classifier(request: pytest.FixtureRequest) -> Classifier:
    built: Classifier = NgramClassifier() if request.param == "ngram" else E5Classifier()
    return built


# Both readers called these neutral, and a neutral reading has frustration 0: the threat
# that frustration 3 exists for was dropped before the rules saw it.
@pytest.mark.parametrize(
    "text",
    ["@lumora vou no Procon", "I will report you to the BBB", "I'm reporting you to the BBB"],
)
def test_a_short_threat_to_an_outside_body_is_a_frustrated_complaint(
    classifier: Classifier, text: str
) -> None:
    reading = classifier.classify([text], [None])[0]
    assert (reading.label, reading.frustration) == (Label.NEGATIVE, 3)


@pytest.mark.parametrize(
    "text",
    [
        "@ana vai no Procon, resolve rapidinho",  # advice to someone else
        "you should report them to the BBB",
        "I'm switching to Lumora, best shop ever",  # leaving another brand for us
        "A Lumora tem nota 9 no Reclame Aqui",
    ],
)
def test_advice_praise_and_ratings_keep_their_reading(text: str) -> None:
    probs = np.array([[0.1, 0.3, 0.6]], dtype=np.float32)
    assert _threats.escalated([text], probs.copy()).tolist() == probs.tolist()


def test_an_escalated_post_keeps_its_probability_mass() -> None:
    probs = np.array([[0.2, 0.7, 0.1]], dtype=np.float32)
    _threats.escalated(["vou abrir reclamação no Procon amanhã"], probs)
    assert probs[0].tolist() == pytest.approx([1.0, 0.0, 0.0])


# Obvious complaints that read as "other" (or the wrong reason) for want of a common word.
@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("a máquina avariou ao fim de uma semana", "product_quality"),  # pt-PT "avariou"
        ("o produto é uma porcaria, não presta", "product_quality"),
        ("comprei um fone e veio sem som de um lado", "product_quality"),
        ("o fone veio com chiado", "product_quality"),
        ("o tênis descolou com uma semana de uso", "product_quality"),
        ("a camisola desbotou na primeira lavagem", "product_quality"),
        ("o telemóvel não carrega", "product_quality"),
        ("sem internet há 3 dias", "product_quality"),
        ("abri um chamado faz 10 dias e nada", "support"),
        ("estou há 40 minutos em linha de espera", "support"),
        ("o valor foi debitado duas vezes", "refund_payment"),  # was price ("valor")
        ("o débito direto foi feito duas vezes", "refund_payment"),
        ("até agora nada do meu pedido", "delivery"),
        ("a encomenda foi devolvida ao remetente", "delivery"),  # was refund ("devolvi")
        ("o código de rastreio não atualiza", "delivery"),  # was account_login ("código")
        ("I was billed twice this month", "refund_payment"),
        ("no one answers the phone", "support"),
        ("the screen went black", "product_quality"),
        ("reset email never comes", "account_login"),  # was support ("email")
        ("two-step code never arrives", "account_login"),  # was delivery ("arriv")
        ("o produto não corresponde ao anúncio", "other"),  # was support ("respond")
    ],
)
def test_common_complaint_words(text: str, reason: str) -> None:
    assert complaint_reason(text) == reason


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("o código de verificação não chega", "account_login"),
        ("não recebo o código", "account_login"),
        ("o produto chamado Lumora Max quebrou", "product_quality"),  # "chamado": named
    ],
)
def test_sign_in_codes_and_named_products_keep_their_reason(text: str, reason: str) -> None:
    assert complaint_reason(text) == reason


# Threats and profanity as they are typed: a misspelt Procon, internetês, Portugal's "livro
# amarelo", a chargeback by another name. Each read 1 (annoyed), not 3.
@pytest.mark.parametrize(
    "text",
    [
        "vou no procom amanhã",
        "vou pro reclame aki",
        "vou pedir o livro amarelo",
        "vou na defensoria pública",
        "se não devolverem vou contestar a compra no cartão",
        "I'm disputing the charge with my bank",
        "I'll file a complaint with the FCC",
        "filho da puta, cadê meu pedido",
        "vsf, 3 semanas esperando",
        "vtnc lumora",
        "crl, a encomenda outra vez atrasada",
        "são uns cabrões",
        "FFS where is my parcel",
    ],
)
def test_threats_and_profanity_as_typed_read_3(text: str) -> None:
    assert frustration(text) == 3


@pytest.mark.parametrize(
    "text",
    [
        "vc pode contestar a compra no cartão",  # advice to another customer
        "uma disputa que nunca acaba",  # "puta" inside a word
        "o fim de semana foi longo e o pedido não veio",
    ],
)
def test_advice_and_innocent_words_stay_below_3(text: str) -> None:
    assert frustration(text) < 3


# Repeated contact as typed read 1 (annoyed); the level design makes it 2.
@pytest.mark.parametrize(
    "text",
    [
        "é a 3a vez que reclamo",
        "3x que ligo e nada",
        "liguei 3x hoje",
        "estou a ligar pela quinta vez",
        "já enviei três emails",
        "ja abri 3 chamados",
        "ja falei com 5 atendentes diferentes",
        "já reclamei várias vezes",
        "I've emailed you 4 times",
        "I've contacted support several times",
    ],
)
def test_repeated_contact_as_typed_reads_2(text: str) -> None:
    assert frustration(text) == 2


@pytest.mark.parametrize(
    "text",
    ["fui cobrado 2x", "a 3a edição veio com defeito", "I ordered 3 times from you before"],
)
def test_counts_that_are_no_contact_stay_1(text: str) -> None:
    assert frustration(text) == 1
