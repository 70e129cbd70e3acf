"""Portugal's or Brazil's Portuguese: a euro glued to its amount, and the complaint bodies and
regulators each country's consumers name."""

from __future__ import annotations

import pytest

from mentiondesk.models import ActionKind, History, Label
from playbooks.variants import brazilian, european
from tests.helpers import mention
from tests.test_playbooks import SHIPPED, _reading


@pytest.mark.parametrize(
    "text",
    [
        "Paguei 50€ de taxa por uma chaleira?",  # glued to the number, as Portugal writes it
        "Paguei €50 de taxa por uma chaleira?",
        "Paguei 14,90€ de portes",
        "Paguei 50 € de taxa por uma chaleira?",  # spaced, as before
        "O preço é 50 €",
        "Vou apresentar queixa no Portal da Queixa, o preço mudou no pagamento",
        "Vou fazer queixa à ANACOM, o preço do tarifário subiu sem aviso",
        "A fatura da luz subiu, vou queixar à ERSE",
        "Vou reclamar no Banco de Portugal, cobraram uma comissão",
        "Vou levar isto ao julgado de paz",
        "Já abri processo no Centro de Arbitragem",
    ],
)
def test_portugals_euros_and_complaint_bodies_tell_portugal(text: str) -> None:
    assert european(text) and not brazilian(text)


@pytest.mark.parametrize(
    "text",
    [
        "Vou reclamar na Anatel, o preço do plano subiu sem aviso",
        "Abri reclamação no consumidor.gov.br, o preço mudou no pagamento",
        "Vou denunciar na Senacon",
        "A conta de luz subiu, vou reclamar na Aneel",
        "Vou reclamar no Bacen, cobraram tarifa",
    ],
)
def test_brazils_complaint_bodies_tell_brazil(text: str) -> None:
    assert brazilian(text) and not european(text)


@pytest.mark.parametrize(
    "text",
    [
        "Vou reclamar na ANAC, o voo foi cancelado",  # Portugal and Brazil both have one
        "Paguei 50 de taxa",  # no currency at all
        "comprei 3 unidades",
    ],
)
def test_what_both_say_tells_neither(text: str) -> None:
    assert not european(text) and not brazilian(text)


def test_the_shipped_playbook_answers_a_glued_euro_from_portugal() -> None:
    reading = _reading(Label.NEGATIVE, lang="pt", reason="price", frustration=1)
    actions = SHIPPED.decide(mention(1, "Paguei 50€ de taxa por uma chaleira?"), reading, History())
    (dm,) = [a for a in actions if a.kind is ActionKind.DRAFT_PRIVATE]
    assert dm.lang == "pt-PT" and dm.text is not None and "equipa" in dm.text
