"""The name a draft greets its author by: a word that reads as a name, written as people
write it, or a plain greeting (usernames, business accounts, Hacker News)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from mentiondesk.models import ActionKind, History, Label
from playbooks.placeholders import greeting_name
from tests.helpers import mention
from tests.test_playbooks import SHIPPED, _reading


@pytest.mark.parametrize(
    ("name", "greeting"),
    [
        ("Ana Souza", "Ana"),
        ("🌸 Maria-João ✨", "Maria-João"),
        ("O'Neil", "O'Neil"),
        ("<img src=x>", ""),
        ("{{7*7}}", ""),
        ("steve_codes", ""),
        ("", ""),
        ("J", ""),
        ("Jose\u0301 Silva", "José"),  # decomposed é: the first name, not the surname
        ("𝓐𝓷𝓪 Souza", "Ana"),  # a styled-font name greets in plain letters
        ("thalita", "Thalita"),  # typed all lowercase: a greeting writes it capitalised
        ("maria-joão silva", "Maria-João"),
        ("McDonald", "McDonald"),  # any capital: written as its owner spells it
        ("d'Ávila", "d'Ávila"),
        ("ANA", "Ana"),  # in capitals: written as an all-lowercase name is
    ],
)
def test_greeting_name_is_a_word_that_reads_as_a_name(name: str, greeting: str) -> None:
    assert greeting_name(name) == greeting


@pytest.mark.parametrize(
    ("name", "greeting"),
    [
        ("ßara", "ßara"),  # "ß".upper() is "SS": left as written, not "Ssara"
        ("ǰan", "ǰan"),  # "ǰ".upper() is two characters (J + caron)
        ("ijsbrand", "Ijsbrand"),  # one letter up, the rest as typed
        ("ıldız", "Ildız"),  # Turkish dotless ı: its capital, the rest untouched
        ("ana-luísa", "Ana-Luísa"),  # each part of a hyphenated name
        ("o'neill", "O'Neill"),  # and after an apostrophe
        ("o’neill", "O’Neill"),
        ("jean-élie", "Jean-Élie"),
    ],
)
def test_a_lowercase_name_gets_one_capital_per_part(name: str, greeting: str) -> None:
    assert greeting_name(name) == greeting


@pytest.mark.parametrize(
    ("name", "handle", "greeting"),
    [
        ("kdrum", "kdrum", ""),  # Hacker News and Reddit give the username as the name
        ("@nickfromleeds", "nickfromleeds", ""),
        ("Lena", "lena.bsky.social", "Lena"),  # a handle made of one's name keeps the name
        ("Ana Souza", "ana", "Ana"),
        ("KDrum", "kdrum", ""),  # the username in another case is still the username
        ("Straße", "STRASSE", ""),
    ],
)
def test_a_username_given_as_the_name_is_not_a_greeting(
    name: str, handle: str, greeting: str
) -> None:
    assert greeting_name(name, handle=handle) == greeting


@pytest.mark.parametrize(
    ("name", "greeting"),
    [
        ("Cozinha da Bel", ""),  # a shop's account: "Olá, Cozinha!" reads worse than "Olá!"
        ("Coffee Geek", ""),
        ("☕ Café do Zé", ""),  # accents and emoji do not hide the opener
        ("Acme Inc.", ""),  # a legal form anywhere in the name
        ("Lumora Portugal, Lda", ""),
        ("Maria da Silva", "Maria"),  # the same shape as "Cozinha da Bel"
        ("Ana Sá", "Ana"),  # "Sá" is a surname, not "S.A."
        ("Rosa Mercado", "Rosa"),  # an opener's word later in the name is a surname
        ("The Coffee Lab", ""),
        ("Thế Anh", "Thế"),  # a Vietnamese given name, not "the" once its accent is folded
    ],
)
def test_a_business_account_is_greeted_without_a_name(name: str, greeting: str) -> None:
    assert greeting_name(name) == greeting


@pytest.mark.parametrize(
    ("name", "greeting"),
    [
        ("Juliana🌻 Costa", "Juliana"),  # glued to the first name: not "Olá, Costa!"
        ("🇵🇹Rui Madeira", "Rui"),  # a flag: two regional indicators
        ("Rui🇵🇹 Madeira", "Rui"),
        ("Ana:verified: Souza", "Ana"),  # a Mastodon custom emoji, written as its shortcode
        (":blobcat: Ana", "Ana"),
        ("Bia👍🏽 Lima", "Bia"),  # with a skin tone
        ("Lia❤️ Reis", "Lia"),  # with a variation selector
        ("Eva👩\u200d💻 Dias", "Eva"),  # a ZWJ sequence
        ("<img🌻 src=x>", ""),  # punctuation stays: still no name
        ("ANA🌻", "Ana"),
    ],
)
def test_an_emoji_glued_to_the_first_name_does_not_hide_it(name: str, greeting: str) -> None:
    assert greeting_name(name) == greeting


def test_hacker_news_authors_are_greeted_without_their_username() -> None:
    hn = mention(1, platform="hackernews", author="kdrum", name="kdrum")
    hn = replace(hn, author=replace(hn.author, handle="kdrum"))  # as listener/hackernews.py
    # Praise: Hacker News has no private messages, so a complaint gets no draft at all.
    (thanks,) = SHIPPED.decide(hn, _reading(Label.POSITIVE), History())
    assert thanks.text == "Thank you! It made our day at Lumora."


def test_no_name_reads_as_a_plain_greeting() -> None:
    (draft,) = SHIPPED.decide(mention(1, name="<img>"), _reading(Label.POSITIVE), History())
    assert draft.text == "Thank you! It made our day at Lumora."
    pt = _reading(Label.NEGATIVE, lang="pt", reason="support", frustration=1)
    actions = SHIPPED.decide(mention(1, name="🌸"), pt, History())
    (dm,) = [a for a in actions if a.kind is ActionKind.DRAFT_PRIVATE]
    assert dm.text is not None and dm.text.startswith("Olá! Aqui é a equipe Lumora.")
