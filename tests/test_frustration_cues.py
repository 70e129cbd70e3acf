"""Frustration and question cues: a request is not a threat, praise is not a question.

Frustration 3 sends a complaint to the help desk (the shipped `urgent-complaint` rule) and a
question keeps praise from being thanked, so each misread here reached a person.
"""

from __future__ import annotations

import pytest

from mentiondesk.models import Brand, History, Label, Reading
from playbooks import load_playbook
from sentiment import topics
from tests.helpers import mention

SHIPPED = load_playbook([], brand=Brand(name="Lumora"))


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("I have an issue with my order, can you help?", 0),  # "sue" inside "issue"
        ("Quero cancelar meu pedido", 1),
        ("My order was cancelled", 1),
        ("Can I cancel my order please?", 0),
        ("I'm cancelling the order, it's too late for the party", 1),
        ("Queria cancelar a encomenda, por favor", 0),
        ("ainda estão a processar o meu reembolso", 1),
        ("a Lumora cancelou minha compra sem explicação", 1),
        ("vou trocar o fone pela cor preta", 1),
    ],
)
def test_a_request_to_cancel_or_an_issue_is_not_a_threat(text: str, level: int) -> None:
    assert topics.frustration(text) == level


@pytest.mark.parametrize(
    "text",
    [
        "I'm cancelling my subscription",
        "cancel my account, I'm done",
        "switching to Amazon after this",
        "never buying from you again",
        "I will sue you",
        "my lawyer will be in touch",
        "reporting you to the BBB and the FTC",
        "closing my account today",
        "vou cancelar minha assinatura",
        "vou trocar de operadora",
        "nunca mais compro aqui",
        "vou processar vocês",
        "vou falar com meu advogado",
        "reclamação na Anatel e no consumidor.gov",
        "vou deixar isto no Portal da Queixa",  # pt-PT, as the escalation rule names it
        "próximo passo: consumidor.gov.br",
        "vou falar com a DECO",
        "vou fechar a minha conta e não volto a comprar",  # pt-PT
        "cancelling my Lumora+ today",
    ],
)
def test_a_real_threat_to_leave_or_complain_is_level_3(text: str) -> None:
    assert topics.frustration(text) == 3


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("Worst customer service ever. Please refund me", 2),
        ("Olá, péssimo atendimento… por favor", 2),
        ("Can you explain why I was charged twice? Unacceptable", 2),
        ("Hi, this is a disgrace. Please sort it out", 2),
        ("Bom dia, isto é inadmissível. Podem verificar?", 2),  # pt-PT
        ("por favor, que vergonha esse atendimento", 2),
        ("oi, atendimento ridículo, por favor me respondam", 2),
        ("Hi, could you check my refund please?", 0),  # no anger cue: politeness still calms
    ],
)
def test_politeness_lowers_the_level_only_without_anger(text: str, level: int) -> None:
    assert topics.frustration(text) == level


@pytest.mark.parametrize(
    "text",
    [
        "Vocês são demais, amei o atendimento!",
        "loved the lamp 😍 youtu.be/x?si=abc123",
        "great lamp https://lumora.com/aura?utm_source=x",
        "Tem que ver como ficou lindo o candeeiro",
        "Como eu amo essa loja",
        "Há dois dias que o candeeiro funciona na perfeição",  # pt-PT
        "Do love this lamp",
        "Can't wait for my new lamp",
        "Can you believe how fast it came!",
        "What a service",
    ],
)
def test_praise_is_not_a_question(text: str) -> None:
    assert not topics.is_question(text)


@pytest.mark.parametrize(
    "text",
    [
        "vocês entregam em Portugal",
        "do you ship to Canada",
        "como faço para trocar",
        "@lumora_br vocês aceitam Pix",
        "tem como parcelar em 10x",
        "how long does shipping take",
        "is this your site lumora.com/promo?",
        "A Lumora entrega na Madeira?",
    ],
)
def test_a_real_question_is_still_a_question(text: str) -> None:
    assert topics.is_question(text)


def _reading(text: str, label: Label) -> Reading:
    return Reading(
        label=label,
        score=0.9,
        lang="pt",
        topics=topics.topics(text),
        frustration=topics.frustration(text),
        is_question=topics.is_question(text),
    )


def test_praise_gets_its_thank_you() -> None:
    praise = _reading("Vocês são demais, amei o atendimento!", Label.POSITIVE)
    actions = SHIPPED.decide(mention(1), praise, History())
    assert [a.kind.value for a in actions] == ["draft_public"]


def test_an_order_cancellation_request_is_not_escalated() -> None:
    request = _reading("Quero cancelar meu pedido", Label.NEGATIVE)
    actions = SHIPPED.decide(mention(1), request, History())
    assert "escalate" not in [a.kind.value for a in actions]


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # How long it has been is not how angry: the level design's 2 is shouting, "!!!",
        # repeated contact and sarcasm.
        ("Sent the lamp back ten days ago and the refund still says processing.", 1),
        ("Devolvi a coluna há dez dias e o reembolso ainda não chegou.", 1),
        ("oi Lumora, o email de redefinir senha ainda não chegou, podem reenviar?", 0),
        ("Hi, the reset email hasn't come through yet. Could you send it again?", 0),
        ("third email about my refund, still nothing", 2),
        ("o estorno ainda não caiu, já liguei duas vezes", 2),
        ("STILL NO REFUND after 3 weeks", 2),
        ("terceiro email sobre o reembolso e nada", 2),
    ],
)
def test_waiting_alone_is_annoyance_and_repeat_contact_is_anger(text: str, level: int) -> None:
    assert topics.frustration(text) == level


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # Advice to another customer names Procon or the BBB but threatens nothing: the rest of
        # the post gives the level (here 1, annoyed: no politeness, no anger).
        ("@kat_p you should file a chargeback, they ignored me too", 1),
        ("just report them to trading standards", 1),
        ("take Vendra to small claims, it is cheap", 1),
        ("I'd go to the ombudsman if I were you", 1),
        ("ask your bank for a chargeback, it took a week", 1),
        ("cancel the Lumora+ trial before it renews", 1),
        ("@leo_r abre reclamação no Procon que eles resolvem", 1),
        ("tenta o consumidor.gov, é rápido", 1),
        ("vc deveria ir no Procon", 1),
        ("devias fazer queixa à DECO", 1),  # pt-PT
        ("pede o Livro de Reclamações na loja", 1),  # pt-PT
        ("olha a nota da Zuna no Reclame Aqui", 1),  # a rating, not a complaint
        # The author's own step, in any tense, or a bare threat at the brand stays 3.
        ("reporting Lumora to the BBB tonight", 3),
        ("I'll see you in small claims", 3),
        ("Report filed with the BBB", 3),  # a noun, not "report them"
        ("refund me by Friday or it's small claims", 3),
        ("Go ahead, keep ignoring me. My lawyer will be in touch", 3),
        ("vou abrir reclamação no Reclame Aqui hoje", 3),
        ("devolve o dinheiro ou vai pro Procon", 3),  # "vai pro" after "ou": where it goes
        ("resolvam senão é Procon", 3),
        ("registei queixa na ASAE", 3),  # pt-PT
        ("pedi o Livro de Reclamações ao funcionário", 3),  # "pedi", not "pede"
        ("consumidor.gov neles", 3),
    ],
)
def test_advice_is_no_threat_but_the_authors_own_step_is(text: str, level: int) -> None:
    assert topics.frustration(text) == level


def test_advice_to_other_customers_is_not_escalated() -> None:
    advice = _reading("vai no Procon, faz o chargeback que resolve", Label.NEGATIVE)
    threat = _reading("vou no Procon amanhã", Label.NEGATIVE)
    kinds = [
        [a.kind.value for a in SHIPPED.decide(mention(1), r, History())] for r in (advice, threat)
    ]
    assert ["escalate" in k for k in kinds] == [False, True]


@pytest.mark.parametrize(
    "text",
    [
        # "nunca mais chega" is "it is taking forever", not leaving: only a verb of buying or
        # coming back after it (or "Nunca mais." alone) is a threat.
        "a encomenda nunca mais chega",
        "o estorno nunca mais cai na conta",
        "mandei email e nunca mais me responderam",
    ],
)
def test_nunca_mais_without_a_verb_of_leaving_is_no_threat(text: str) -> None:
    assert topics.frustration(text) < 3


@pytest.mark.parametrize(
    "text",
    ["nunca mais volto nessa loja", "nunca mais vou comprar aqui", "Péssimo serviço. Nunca mais."],
)
def test_nunca_mais_with_a_verb_of_leaving_is_still_a_threat(text: str) -> None:
    assert topics.frustration(text) == 3


@pytest.mark.parametrize(
    "text",
    [
        "vou fazer queixa à ANACOM",
        "vou reclamar na ERSE",
        "vou fazer queixa ao Banco de Portugal",
        "vou reclamar no Banco Central",
        "vou abrir reclamação no consumidor gov",
        "I'm reporting you to the CFPB",
        "I'm complaining to Ofgem",
    ],
)
def test_a_complaint_to_a_regulator_is_a_threat(text: str) -> None:
    assert topics.frustration(text) == 3


@pytest.mark.parametrize(
    "text",
    [
        "abri uma disputa que o PayPal ainda não resolveu, cadê o reembolso",  # "puta que"
        "the shitake mushrooms arrived rotten",  # "shit"
    ],
)
def test_profanity_is_not_read_inside_other_words(text: str) -> None:
    assert topics.frustration(text) < 3


@pytest.mark.parametrize("text", ["this is bullshit", "que merda de serviço", "foda-se, Lumora"])
def test_profanity_as_a_word_is_still_level_3(text: str) -> None:
    assert topics.frustration(text) == 3


@pytest.mark.parametrize(
    "text",
    [
        "Fiz um PIX e o SAC não responde",
        "o NFC e o GPS não funcionam",
        "CTT perdeu a encomenda do DPD",
    ],
)
def test_acronyms_are_not_shouting(text: str) -> None:
    assert topics.frustration(text) < 2


@pytest.mark.parametrize(
    "text",
    [
        "PÉSSIMO ATENDIMENTO da loja",
        "WORST ORDER ever from you",
        "NUNCA CHEGOU o meu pedido",
        "WHY DID YOU SEND THIS",
    ],
)
def test_words_in_capitals_still_shout(text: str) -> None:
    assert topics.frustration(text) == 2
