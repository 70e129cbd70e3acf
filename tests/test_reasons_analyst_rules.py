"""The rules behind tests/test_reasons_analyst_rows.py, each with the reading it must not break."""

from __future__ import annotations

from collections import Counter

from mentiondesk.models import folded
from sentiment._reason_rewrites import rewritten
from sentiment.reasons import complaint_reason


def test_a_bad_answer_stays_support_though_a_refund_is_named() -> None:
    # Not "nobody answered": the answer itself is the complaint.
    text = "o atendente foi grosso e mandou eu reinstalar o app pra resolver o estorno"
    assert complaint_reason(text) == "support"


def test_no_answer_about_a_problem_is_the_problem() -> None:
    assert complaint_reason("cobraram em dobro e ninguem responde") == "refund_payment"
    assert complaint_reason("cobraram em dobro") == "refund_payment"


def test_money_from_the_account_is_no_sign_in_but_a_sign_in_stays_one() -> None:
    assert complaint_reason("o valor saiu 2x, descontaram da minha conta") == "refund_payment"
    assert complaint_reason("levaram 3 dias pra desbloquear a minha conta") == "account_login"
    assert complaint_reason("o site caiu, nao consigo entrar na minha conta") == "account_login"


def test_leaving_is_no_account_problem_but_cannot_leave_is() -> None:
    assert complaint_reason("vou encerrar a minha conta, a fatura veio errada") == (
        "refund_payment"
    )
    assert complaint_reason("nao consigo excluir minha conta") == "account_login"


def test_a_delay_denied_leaves_the_real_problem() -> None:
    assert complaint_reason("o envio nao demorou, mas o ecra veio partido") == "product_quality"
    assert complaint_reason("the parcel wasn't late, but I was billed twice") == "refund_payment"
    # Still a delay when the clause says so.
    assert complaint_reason("a encomenda atrasou e o reembolso ok") == "delivery"


def test_a_month_of_complaints_counts_each_problem_where_it_belongs() -> None:
    month = [
        "meu pedido n chegou ate hj e ngm responde",
        "pedido atrasado de novo e o sac nao responde",
        "veio com defeito e ninguem responde no sac",
        "o app n abre desde ontem",
        "descontaram o pix da minha conta e cancelaram o pedido",
        "me cobraram 2x e vc liga e ngm atende",
        "o chat so tem robo, ninguem humano",
    ]
    counts = Counter(complaint_reason(text) for text in month)
    assert counts == {
        "delivery": 2,
        "product_quality": 2,
        "refund_payment": 2,
        "support": 1,
    }


def test_an_order_number_is_no_shorthand_for_nao() -> None:
    # "n.º 4521" and "n° 55" are número: read as "não", a praised clause became a negated one.
    for text in ("a encomenda n.º 4521 chegou rápido", "pedido n° 55 chegou"):
        assert "nao" not in rewritten(folded(text))
    assert rewritten(folded("n chegou ainda")) == "nao chegou ainda"
