"""Which language and variant a draft is written in, and what the Portuguese drafts say."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from mentiondesk.models import ActionKind, Brand, History, Label
from playbooks import load_playbook
from playbooks.engine import Playbook
from tests.helpers import mention
from tests.test_playbooks import BRAND, _reading


def _dm(playbook: Playbook, text: str, lang: str | None = None) -> tuple[str, str]:
    pt = _reading(Label.NEGATIVE, lang="pt", reason="account_login", frustration=1)
    actions = playbook.decide(mention(1, text, lang=lang), pt, History())
    (dm,) = [a for a in actions if a.kind is ActionKind.DRAFT_PRIVATE]
    assert dm.text is not None and dm.lang is not None
    return dm.text, dm.lang


def test_portuguese_replies_are_brazils_unless_the_post_says_portugal() -> None:
    playbook = load_playbook([], brand=BRAND, handle_locales={"@lumora_pt": "pt-PT"})
    text, lang = _dm(playbook, "@lumora não consigo entrar na conta")
    assert lang == "pt" and "equipe" in text and "acessar" in text and "e-mail da sua" in text
    text, lang = _dm(playbook, "@Lumora_PT não consigo entrar na conta")
    assert lang == "pt-PT" and "equipa" in text and "aceder" in text and "email da sua" in text
    # Another handle that merely starts the same way is not the Portuguese one.
    assert _dm(playbook, "@lumora_pt2 não consigo entrar")[1] == "pt"
    assert _dm(playbook, "@lumora_pt.bsky.social não consigo entrar")[1] == "pt"
    assert _dm(playbook, "@lumora_pt@mastodon.social não consigo entrar")[1] == "pt"
    # A full stop after it ends the sentence, not the handle.
    assert _dm(playbook, "não consigo entrar na conta @lumora_pt.")[1] == "pt-PT"
    # The platform's own tag (Bluesky's langs, Mastodon's language) says the region too.
    assert _dm(playbook, "não consigo entrar na conta", lang="pt-pt")[1] == "pt-PT"
    assert _dm(playbook, "não consigo entrar na conta", lang="pt-BR")[1] == "pt"
    # A post too short to tell its language is answered in its handle's.
    und = _reading(Label.NEGATIVE, lang="und", frustration=1)
    actions = playbook.decide(mention(1, "@lumora_pt ???"), und, History())
    assert {a.lang for a in actions if a.kind is ActionKind.DRAFT_PRIVATE} == {"pt-PT"}
    actions = playbook.decide(mention(1, "@lumora ???"), und, History())
    assert {a.lang for a in actions if a.kind is ActionKind.DRAFT_PRIVATE} == {"en"}
    # A handle mapped to Portugal does not turn an English post's reply Portuguese.
    en = _reading(Label.NEGATIVE, reason="account_login", frustration=1)
    actions = playbook.decide(mention(1, "@lumora_pt can't log in"), en, History())
    assert {a.lang for a in actions if a.kind is ActionKind.DRAFT_PRIVATE} == {"en"}


@pytest.mark.parametrize(
    ("text", "handle", "lang"),
    [
        ("A Lumora bloqueou-me a conta e o telemóvel não recebe o SMS", "h_a1", "pt-PT"),
        ("estou a tentar entrar na conta há dois dias", "h_a1", "pt-PT"),
        ("não consigo entrar na conta", "ana@masto.pt", "pt-PT"),  # a Portuguese server
        ("não consigo entrar na conta", "ana.bsky.social", "pt"),
        # Brazilian words win over a European one: a Brazilian asking about Portugal.
        ("vcs entregam em Portugal? não consigo entrar na conta", "h_a1", "pt"),
        ("o app tá dando erro no celular, não consigo entrar", "h_a1", "pt"),
        ("continua dando erro, paguei R$ 20 em euros de taxa", "h_a1", "pt"),
        ("não consigo entrar na conta", "ana@mastodon.com.br", "pt"),
        # Portugal's "à espera", "o vosso": Brazil says "esperando", "o seu", "de vocês".
        ("Estou à espera da minha encomenda há duas semanas", "h_a1", "pt-PT"),
        ("O vosso serviço de entregas é uma vergonha", "h_a1", "pt-PT"),
        ("Cobraram-me duas vezes e ninguém responde", "h_a1", "pt-PT"),
        ("estou esperando a minha encomenda há duas semanas", "h_a1", "pt"),
        ("Você pode ver o vosso sistema? continuo sem acesso", "h_a1", "pt"),
        # A request opening its sentence takes the pronoun after it in formal Brazilian too.
        ("Bom dia, envie-me por favor o código de rastreio", "h_a1", "pt"),
        ("@lumora informe-me o prazo de entrega", "h_a1", "pt"),
        # "aceite" is Portugal's participle ("foi aceite"), and both regions' imperative.
        ("A minha devolução ainda não foi aceite", "h_a1", "pt-PT"),
        ("por favor, aceite a devolução do produto, veio com defeito", "h_a1", "pt"),
        ("espero que a loja aceite a troca do meu pedido", "h_a1", "pt"),
        ("comprei em Portugal mas a garantia não vale aqui no Brasil", "h_a1", "pt"),
        # Naming Brazil is a weak cue: Portugal's words outweigh it.
        (
            "O meu telemóvel veio do Brasil e chegou avariado, a equipa não responde",
            "h_a1",
            "pt-PT",
        ),
        ("Encomendei do Brasil e estou à espera há um mês", "h_a1", "pt-PT"),
    ],
)
def test_european_portuguese_is_told_from_the_authors_words_or_server(
    text: str, handle: str, lang: str
) -> None:
    playbook = load_playbook([], brand=BRAND)
    pt = _reading(Label.NEGATIVE, lang="pt", reason="account_login", frustration=1)
    post = mention(1, text)
    post = replace(post, author=replace(post.author, handle=handle))
    actions = playbook.decide(post, pt, History())
    (dm,) = [a for a in actions if a.kind is ActionKind.DRAFT_PRIVATE]
    assert dm.lang == lang
    assert dm.text is not None and ("equipa" in dm.text) == (lang == "pt-PT")


@pytest.mark.parametrize(
    ("lang", "text", "asks"),
    [
        ("en", "my parcel is late", "order number"),
        ("pt", "meu pedido atrasou", "número do seu pedido"),
        ("pt-PT", "@lumora_pt a encomenda atrasou", "número da sua encomenda"),
    ],
)
def test_a_follow_up_does_not_ask_again_for_what_the_case_has(
    lang: str, text: str, asks: str
) -> None:
    playbook = load_playbook([], brand=BRAND, handle_locales={"@lumora_pt": "pt-PT"})
    reading = _reading(Label.NEGATIVE, lang=lang[:2], reason="delivery", frustration=1)
    open_case = History(past_cases=("MD-000001",), open_cases=("MD-000001",))
    first, again = (
        [a for a in playbook.decide(mention(1, text), reading, h) if a.text and a.lang]
        for h in (History(), open_case)
    )
    assert asks in (first[0].text or "")
    assert asks not in (again[0].text or "") and "MD-000001" in (again[0].text or "")


@pytest.mark.parametrize(
    ("lang", "text", "asks"),
    [
        ("en", "kettle arrived broken", "order number for this one"),
        ("pt", "a chaleira chegou quebrada", "mandar por aqui o número do pedido?"),
        ("pt-PT", "@lumora_pt a chaleira chegou partida", "por aqui o número da encomenda?"),
    ],
)
def test_a_new_complaint_after_a_resolved_case_still_asks_for_the_order(
    lang: str, text: str, asks: str
) -> None:
    # Her last case was resolved last week: this complaint opens a new one, and the agent
    # on it has nothing to go on without the order number.
    playbook = load_playbook([], brand=BRAND, handle_locales={"@lumora_pt": "pt-PT"})
    reading = _reading(Label.NEGATIVE, lang=lang[:2], reason="product_quality", frustration=1)
    resolved = History(past_cases=("MD-000001", "MD-000007"), mentions_before=4)
    (dm,) = [
        a
        for a in playbook.decide(mention(1, text), reading, resolved)
        if a.kind is ActionKind.DRAFT_PRIVATE
    ]
    assert dm.lang == lang and dm.text is not None
    assert asks in dm.text and "MD-000001, MD-000007" in dm.text
    assert not any(on in dm.text for on in ("is on it", "já está"))


def test_portuguese_thanks_do_not_assume_the_brand_is_feminine() -> None:
    playbook = load_playbook([], brand=Brand(name="Bazar"), handle_locales={"@b_pt": "pt-PT"})
    praise = _reading(Label.POSITIVE, lang="pt")
    for text in ("amei o Bazar", "@b_pt adorei"):
        (draft,) = [a for a in playbook.decide(mention(1, text), praise, History()) if a.text]
        assert " na Bazar" not in (draft.text or "") and "Bazar" in (draft.text or "")


@pytest.mark.parametrize("lang", ["en", "pt", "pt-PT"])
def test_praise_while_their_complaint_is_open_is_thanked_as_news_of_the_case(lang: str) -> None:
    # Mariana complained three times and her case is still open: a public "great to hear
    # from you again" under her "it arrived, thanks" reads as if we had not noticed.
    playbook = load_playbook([], brand=BRAND, handle_locales={"@lumora_pt": "pt-PT"})
    text = "@lumora_pt chegou, obrigada" if lang == "pt-PT" else "chegou, obrigada"
    praise = _reading(Label.POSITIVE, lang=lang.split("-")[0])
    waiting = History(past_cases=("MD-000010",), open_cases=("MD-000010",), mentions_before=3)
    (draft,) = playbook.decide(mention(1, text), praise, waiting)
    assert draft.text is not None and draft.lang == lang
    assert not any(again in draft.text for again in ("again", "de novo", "voltar a ter"))
    # It answers the news about her case, not a fan's compliment ("made our day").
    assert any(news in draft.text for news in ("letting us know", "nos contar", "o aviso"))
    assert any(wait in draft.text for wait in ("patience", "paciência"))
    assert not any(fan in draft.text for fan in ("made our day", "nosso dia", "alegram-nos o dia"))
    (draft,) = playbook.decide(mention(1, text), praise, History(mentions_before=3))
    assert draft.text is not None and any(
        again in draft.text for again in ("again", "de novo", "voltar a ter")
    )


@pytest.mark.parametrize(
    ("text", "handle", "fired"),
    [
        ("estou a aguardar a encomenda há uma semana", "h_a1", ["pt", "portugal"]),
        ("@lumora_pt cadê?", "h_a1", ["pt", "portugal"]),  # a handle answered in pt-PT
        ("não consigo entrar na conta", "ana@masto.pt", ["pt", "portugal"]),
        ("meu pedido atrasou de novo", "h_a1", ["pt", "brazil"]),  # Brazil's by default
    ],
)
def test_a_rule_on_a_region_matches_the_replys_locale(
    tmp_path: Path, text: str, handle: str, fired: list[str]
) -> None:
    # The reading says only "pt": a rule on "pt-PT" matched nothing before, silently.
    rules = tmp_path / "r.toml"
    rules.write_text(
        "".join(
            f'[[rules]]\nname = "{name}"\nwhen = {{ lang = ["{lang}"] }}\n'
            f'actions = [{{ type = "assign", to = "{name}" }}]\n'
            for name, lang in (("pt", "pt"), ("portugal", "PT_pt"), ("brazil", "pt-BR"))
        )
    )
    playbook = load_playbook([rules], brand=BRAND, handle_locales={"@lumora_pt": "pt-PT"})
    post = mention(1, text)
    post = replace(post, author=replace(post.author, handle=handle))
    actions = playbook.decide(post, _reading(Label.NEGATIVE, lang="pt"), History())
    assert [a.to for a in actions] == fired


def test_the_locale_takes_the_mention_and_the_language_read() -> None:
    # The desk's saved-reply picker asks it for a stored case, with only the reading's lang.
    playbook = load_playbook([], brand=BRAND, handle_locales={"@lumora_pt": "pt-PT"})
    assert playbook.locale(mention(1, "@lumora_pt ???"), "und") == "pt-PT"
    assert playbook.locale(mention(1, "não consigo entrar", lang="pt-pt"), "pt") == "pt-PT"
    assert playbook.locale(mention(1, "não consigo entrar"), "pt") == "pt"


@pytest.mark.parametrize(
    ("lang", "text", "case_words"),
    [
        ("pt", "meu pedido atrasou", ("Seu atendimento (protocolo MD-000001)", "dele")),
        ("pt-PT", "@lumora_pt a encomenda atrasou", ("pedido de apoio (referência MD-000001)",)),
    ],
)
def test_portuguese_drafts_name_the_case_as_customers_know_it(
    lang: str, text: str, case_words: tuple[str, ...]
) -> None:
    # "Já temos o seu histórico (MD-…)" read as a file on the customer, not their case.
    playbook = load_playbook([], brand=BRAND, handle_locales={"@lumora_pt": "pt-PT"})
    reading = _reading(Label.NEGATIVE, lang="pt", reason="delivery", frustration=1)
    one, two = (
        next(a.text or "" for a in playbook.decide(mention(1, text), reading, h) if a.text)
        for h in (
            History(past_cases=("MD-000001",), open_cases=("MD-000001",)),
            History(past_cases=("MD-1", "MD-2"), open_cases=("MD-1", "MD-2")),
        )
    )
    assert all(w in one for w in case_words) and "histórico" not in one
    assert ("protocolos MD-1, MD-2" if lang == "pt" else "referências MD-1, MD-2") in two


@pytest.mark.parametrize(
    ("lang", "text", "greets", "sorry", "asks"),
    [
        (
            "pt",
            "o preço subiu",
            "Olá, Ana! Aqui é a equipe Lumora.",
            "Sentimos muito pelo problema com o preço.",
            "Se a compra já foi feita, pode mandar o número do pedido por aqui?",
        ),
        (
            "pt-PT",
            "@lumora_pt o preço subiu",
            "Olá, Ana! Somos a equipa Lumora.",  # "Aqui é a equipa" reads as Brazil's
            "Lamentamos muito o problema com o preço.",
            "Se já fez a encomenda, pode enviar-nos o número por aqui?",
        ),
    ],
)
def test_a_price_complaint_may_come_before_any_purchase(
    lang: str, text: str, greets: str, sorry: str, asks: str
) -> None:
    playbook = load_playbook([], brand=BRAND, handle_locales={"@lumora_pt": "pt-PT"})
    reading = _reading(Label.NEGATIVE, lang="pt", reason="price", frustration=1)
    (dm,) = [
        a
        for a in playbook.decide(mention(1, text, name="Ana Souza"), reading, History())
        if a.kind is ActionKind.DRAFT_PRIVATE
    ]
    assert dm.lang == lang and dm.text == f"{greets} {sorry} {asks}" + (
        " Uma pessoa da nossa equipe vai cuidar do seu caso."
        if lang == "pt"
        else " Uma pessoa da nossa equipa vai tratar do seu caso."
    )


@pytest.mark.parametrize(
    ("lang", "text", "sorry"),
    [
        ("pt", "fui mal atendido", "pela sua experiência com o nosso atendimento."),
        ("pt-PT", "@lumora_pt fui mal atendido", "a sua experiência com o nosso apoio ao cliente."),
    ],
)
def test_a_support_complaint_is_not_assumed_to_be_about_the_wait(
    lang: str, text: str, sorry: str
) -> None:
    # A rude answer is a support complaint too: "pela demora" told that customer they waited.
    playbook = load_playbook([], brand=BRAND, handle_locales={"@lumora_pt": "pt-PT"})
    reading = _reading(Label.NEGATIVE, lang="pt", reason="support", frustration=1)
    (dm,) = [
        a
        for a in playbook.decide(mention(1, text), reading, History())
        if a.kind is ActionKind.DRAFT_PRIVATE
    ]
    assert dm.lang == lang and sorry in (dm.text or "") and "demora" not in (dm.text or "")
