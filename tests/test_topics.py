"""Keyword reading: topics, complaint reason, frustration, questions, spam — EN and PT."""

from __future__ import annotations

import pytest

from sentiment import lang, topics


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("my parcel never arrived, UPS lost it", "delivery"),
        ("a encomenda está parada nos CTT há uma semana", "delivery"),
        ("still no refund for the double charge", "refund_payment"),
        ("o estorno no cartão não caiu", "refund_payment"),
        ("the air fryer broke after a week", "product_quality"),
        ("o aspirador parou de funcionar", "product_quality"),
        ("your support never answers, the bot loops", "support"),
        ("ninguém responde no atendimento", "support"),
        ("the price went up overnight", "price"),
        ("não consigo entrar na conta, a senha não funciona", "account_login"),
        ("this is just bad", "other"),
    ],
)
def test_reason(text: str, reason: str) -> None:
    assert topics.reason(topics.topics(text)) == reason


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("the box was a bit dented", 1),
        ("THIRD time writing to you, STILL NOTHING", 2),
        ("já é a terceira vez que escrevo", 2),
        ("vou abrir reclamação no Procon", 3),
        ("vou pro Reclame Aqui", 3),
        ("cancelling my Lumora+ today", 3),
        ("wtf is this service", 3),
        ("vou fazer queixa no livro de reclamações", 3),
        ("Portal da Queixa, cá vou eu. O sofá chegou rasgado", 3),
        ("vou reclamar no consumidor.gov.br", 3),
        ("já fiz queixa à DECO", 3),
    ],
)
def test_frustration(text: str, level: int) -> None:
    assert topics.frustration(text) == level


@pytest.mark.parametrize(
    "text",
    [
        "🎁 GIVEAWAY! Claim here bit.ly/free-x200 @lumora",
        "Ganhe 300 € por dia a partir de casa!! bit.ly/ganhar",
        "follow for follow f4f @lumora",
        "Earn £500/day from home, DM me INFO",
    ],
)
def test_spam(text: str) -> None:
    assert "spam" in topics.topics(text)


def test_genuine_complaint_is_not_spam() -> None:
    assert "spam" not in topics.topics("@lumora my refund is late, order 123, please help")


@pytest.mark.parametrize(
    "text",
    [
        "sigam @lumora_br e me sigam que eu sigo de volta",  # read as praise, thanked in public
        "I follow back 💯 #teamfollowback @lumora",
        "I'll follow you back, promise @lumora",
        "follow4follow @lumora",
        "sigam e sigo @lumora_br",
        "me segue de volta @lumora_br",
        "segue de volta 🔁 @lumora_br",
        "segue de volta que eu sigo",
        "quem me seguir, eu sigo @lumora_br",
        "sdv garantido #sdv @lumora_br",
        "sigo todos de volta #sigodevolta",
    ],
)
def test_follow_for_follow_bait_is_spam(text: str) -> None:
    assert "spam" in topics.topics(text)


@pytest.mark.parametrize(
    "text",
    [
        "vou seguir a Lumora de volta depois do atendimento",
        "@lumora_br a encomenda segue de volta para o remetente e ninguém me avisa",
        "@lumora_br o pedido segue de volta?",
        "segue de volta pro CD, que absurdo",
        "sigo de volta para a loja amanhã para trocar o fone",
        "@lumora I'll follow back up with support tomorrow",
        "please follow up on my refund @lumora",
    ],
)
def test_following_or_going_back_in_a_genuine_post_is_not_spam(text: str) -> None:
    assert "spam" not in topics.topics(text)


@pytest.mark.parametrize(
    "text", ["@lumora don't DM me again", "please dont dm me, just fix it", "do not DM me @lumora"]
)
def test_asking_not_to_be_messaged_is_an_opt_out_not_spam(text: str) -> None:
    found = topics.topics(text)
    assert "opt_out" in found and "spam" not in found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("@lumora does the X200 work with Alexa?", True),
        ("vocês entregam em Manaus", True),
        ("great lamp", False),
    ],
)
def test_question(text: str, expected: bool) -> None:
    assert topics.is_question(text) is expected


def test_language_of_short_noisy_posts() -> None:
    texts = [
        "@lumora_br meu pedido não chegou até hoje https://t.co/x",
        "@lumora my order is late",
        "@lumora mi pedido no ha llegado todavía",
        "https://t.co/abc @lumora",
        "🙂🙂",
        "",
    ]
    assert lang.detect(texts) == ["pt", "en", "es", "und", "und", "und"]


def test_platform_language_hint_wins() -> None:
    assert lang.detect(["ok ok ok"], ["pt-BR"]) == ["pt"]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # Money out of the bank account is a payment, not a sign-in.
        ("o pix foi descontado da minha conta e o pedido sumiu", ("refund_payment",)),
        ("o valor foi debitado na minha conta duas vezes", ("refund_payment",)),
        # A customer leaving names no sign-in problem; one who cannot leave does.
        ("vou fechar minha conta, atendimento horrível", ("support",)),
        ("não consigo fechar minha conta", ("account_login",)),
        ("minha conta foi bloqueada", ("account_login",)),
    ],
)
def test_an_account_that_is_no_sign_in(text: str, found: tuple[str, ...]) -> None:
    assert topics.topics(text) == found
