"""A reply in another customer's thread that carries the writer's own complaint is no mere
advice: "mesma coisa comigo", the writer's own threat ("eu vou no Procon amanhã") or a clause
turned to the brand ("Also @lumora my refund is two weeks late") keeps it a complaint, decided
on its reading. Ordinary advice ("@ana try calling @lumora, they sorted mine") stays advice."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
import sqlalchemy as sa

from mentiondesk.bystanders import gives_advice
from mentiondesk.models import Mention
from mentiondesk.tables import CASE, MENTION, READING
from sentiment._threats import announces
from tests.helpers import COMPLAINT, mention, table_rows
from tests.test_pipeline import run_once

BRAND = ("@lumora", "@lumora_br", "@lumora_pt")


@pytest.mark.parametrize(
    "text",
    [
        "@ana_paula @lumora_br mesma coisa comigo, pedido parado há 20 dias. Liga pra eles",
        "@ana mesma coisa aqui, liga pra eles",
        "@ana comigo também, liga pra central",
        "@ana o mesmo comigo, experimente ligar de manhã",
        "@rita passa-se o mesmo, contacta a DECO",
        "@ana idem. Liga pra eles",
        # The writer's own threat, still to come.
        "@ana_paula liga pra eles, eu vou no Procon amanhã",
        "@ana just call them. I'm going to the BBB tomorrow",
        "@rui liga para a linha de apoio, senão vou ao Livro de Reclamações",
        # A clause turned to the brand, in the first person.
        "@ana_paula try calling them. Also @lumora my refund is two weeks late and nobody answers",
        "@ana try calling them. And @lumora, my order is late too",
        "@ana liga pra eles. E @lumora_br o meu pedido também está parado",
    ],
)
def test_a_reply_with_the_writer_s_own_complaint_is_no_advice(text: str) -> None:
    assert not gives_advice(text, BRAND)


@pytest.mark.parametrize(
    "text",
    [
        "@ana try calling @lumora, they sorted mine",
        "@ana @lumora try clearing the cache, worked for me",
        "@ana, @lumora: try calling them, worked for me",  # the reply's opening handles
        "@ana_paula @lumora_br liga pra eles, comigo resolveram",
        "@ana try calling them. @bob my refund took ages too, worked for me",  # not the brand
        "@ana idempotente, liga pra eles",  # "idem" whole words only
        # A step taken, told as advice; a threat word with no first person.
        "@ana vai no Procon, eu fui semana passada e resolveram na hora",
        "@fer o que resolveu foi mandar mensagem no Reclame Aqui",
        "Passei por algo parecido. O que resolveu foi o consumidor.gov.br, me ligaram logo",
        "@joao vai no Procon sim, resolve rapidinho",
    ],
)
def test_ordinary_advice_stays_advice(text: str) -> None:
    assert gives_advice(text, BRAND)


@pytest.mark.parametrize(
    ("text", "announced"),
    [
        ("eu vou no procon amanhã", True),
        ("amanhã cedo tô no procon com todos os prints", True),
        ("@ana amanhã vai no procon que resolve", False),
        ("i'll take my business elsewhere", True),
        ("resolve logo senão vai pro reclame aqui", True),
        ("fiz queixa no livro de reclamações e resolveram", False),
        ("o que resolveu foi o reclame aqui", False),
        ("vai no procon, faz o chargeback", False),
    ],
)
def test_only_a_step_still_to_come_is_announced(text: str, announced: bool) -> None:
    assert announces(text) is announced


def _reply(n: int, text: str, author: str) -> Mention:
    return replace(mention(n, text, author=author), thread_id="m1", parent_id="m1")


def _cases_and_advice(db_url: str) -> list[tuple[object, ...]]:
    has_case = sa.exists().where(CASE.c.mention_id == MENTION.c.id)
    query = sa.select(MENTION.c.external_id, READING.c.label, READING.c.advice, has_case)
    query = query.join(READING, READING.c.mention_id == MENTION.c.id)
    return table_rows(db_url, query.order_by(MENTION.c.id))


async def test_own_complaints_in_another_s_thread_open_cases_and_advice_does_not(
    tmp_path: Path, db_url: str
) -> None:
    replies = [
        "@h_a1 try calling them. Also @lumora my refund is two weeks late, terrible service",
        "@h_a1 just call them, their support is awful. I'm going to the BBB tomorrow",
        "@h_a1 try calling @lumora, they sorted mine. Their app is awful and support is terrible",
    ]
    thread = [replace(mention(1, COMPLAINT), thread_id="m1")]
    thread += [_reply(n, text, f"b{n}") for n, text in enumerate(replies, start=2)]
    await run_once(tmp_path, db_url, thread)
    assert _cases_and_advice(db_url) == [
        ("m1", "negative", False, True),
        ("m2", "negative", False, True),
        ("m3", "negative", False, True),
        ("m4", "negative", True, False),  # the bystander's advice: no case
    ]


@pytest.mark.parametrize(
    "text",
    [
        "@h_a1 what worked for me was going to the BBB, their support is useless",
        "@h_a1 going to Procon is what fixed mine, try it",
        "@h_a1 se nao resolverem em 3 dias abre reclamação no reclame aqui, comigo funcionou",
        "@h_a1 otherwise file a chargeback, worked for me",
        "@h_a1 try the live chat, the phone line is useless. @lumora fixed my order the next day",
    ],
)
def test_advice_with_a_condition_or_the_brand_as_subject_stays_advice(text: str) -> None:
    # A condition ("se não", "otherwise"), "going to" a place and the brand as the subject of
    # a sentence ("@lumora fixed my order") were read as the writer's own complaint.
    assert gives_advice(text, ("@lumora", "@lumora_br"))
