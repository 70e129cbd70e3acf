"""Complaint reason: praised delivery, crashing apps, logging in and paid shipping (EN, PT).

A reviewer's posts that the rules misread; the figures on the labelled sets are in
sentiment/MODEL_CARD.md (`python bench/reasons.py`).
"""

from __future__ import annotations

import pytest

from sentiment import reasons


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        # A clause that praises the delivery, or says it went well, is no delivery evidence.
        ("a encomenda chegou a tempo, mas a palavra-passe não funciona", "account_login"),
        ("Entrega rápida, sem problemas, mas veio a cor errada", "other"),
        ("The parcel arrived on time but I was charged twice", "refund_payment"),
        ("Delivery was quick, no issues, but the lid is cracked", "product_quality"),
    ],
)
def test_a_praised_delivery_is_not_the_reason(text: str, reason: str) -> None:
    assert reasons.complaint_reason(text) == reason


@pytest.mark.parametrize(
    "text",
    [
        "a encomenda não chegou a tempo",  # negated praise is a complaint
        "a entrega não foi rápida",
        "I paid for fast shipping and it took 2 weeks",
    ],
)
def test_a_delivery_praised_only_to_be_negated_is_still_the_reason(text: str) -> None:
    assert reasons.complaint_reason(text) == "delivery"


@pytest.mark.parametrize(
    "text",
    [
        "the app keeps crashing",
        "app crashes every time I open it",
        "o app fecha sozinho",
        "o app está travando",
        "the app freezes every morning",
    ],
)
def test_a_crashing_app_is_a_faulty_product_not_a_login(text: str) -> None:
    assert reasons.complaint_reason(text) == "product_quality"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("não consigo logar", "account_login"),
        ("o app me deslogou de novo", "account_login"),
        ("não consigo entrar desde ontem", "account_login"),
        ("nao consigo entrar no app", "account_login"),
        # Getting in touch is not getting in.
        ("não consigo entrar em contacto com o apoio ao cliente", "support"),
        ("nao consigo entrar em contato com o suporte", "support"),
    ],
)
def test_cant_log_in_in_portuguese(text: str, reason: str) -> None:
    assert reasons.complaint_reason(text) == reason


@pytest.mark.parametrize(
    "text",
    [
        "paguei frete expresso e demorou 12 dias",
        "paguei 30 reais de frete e levou 3 semanas",
        "paid for express shipping and it took 10 days",
    ],
)
def test_paid_shipping_that_took_long_is_a_delivery_complaint(text: str) -> None:
    assert reasons.complaint_reason(text) == "delivery"
