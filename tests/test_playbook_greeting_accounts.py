"""The name a draft greets its author by: past a title, out of capitals, never a username given
as the name on Mastodon or Bluesky, nor an account named after the brand or a country."""

from __future__ import annotations

from dataclasses import replace

import pytest

from mentiondesk.models import History, Label
from playbooks.placeholders import greeting_name, mention_values
from tests.helpers import mention
from tests.test_playbooks import SHIPPED, _reading


@pytest.mark.parametrize(
    ("name", "greeting"),
    [
        ("Mr John Smith", "John"),  # a title without its full stop
        ("Mr. John Smith", "John"),  # and with it, as before
        ("Ms Kate Brown", "Kate"),
        ("MRS JANE DOE", "Jane"),
        ("Miss Ana", "Ana"),
        ("Mx Sam", "Sam"),
        ("Sir Elton", "Elton"),
        ("Dame Judi Dench", "Judi"),
        ("Dr Who", "Who"),
        ("Prof Marta Reis", "Marta"),
        ("Rev Al Green", "Al"),
        ("Dona Maria Aparecida", "Maria"),
        ("Dom Phillips", "Dom"),  # a first name as often as a title: not skipped
        ("Sr Gomes", "Gomes"),
        ("Sra. Fernanda", "Fernanda"),
        ("Srta Ana", "Ana"),
        ("Senhor Gomes", "Gomes"),
        ("senhora dona maria", "Maria"),  # titles in a row, in any case
        ("Doutor Carlos", "Carlos"),
        ("Doutora Fernanda Lima", "Fernanda"),
        ("Sir", ""),  # a title alone: no name to greet
        ("Dr.", ""),
        ("Dona 🌸", ""),
        ("Ana Dona", "Ana"),  # a title's word after the name is the name's
    ],
)
def test_a_title_before_the_name_is_skipped(name: str, greeting: str) -> None:
    assert greeting_name(name) == greeting


@pytest.mark.parametrize(
    ("name", "greeting"),
    [
        ("MARIA APARECIDA", "Maria"),  # as many Brazilian accounts write their name
        ("JOHN SMITH", "John"),
        ("ANA", "Ana"),
        ("ANA🌻", "Ana"),
        ("JOÃO", "João"),
        ("JEAN-LUC", "Jean-Luc"),  # each part, as an all-lowercase name's
        ("O'NEILL", "O'Neill"),
        ("JP", "JP"),  # two capitals: initials, as written
        ("McDonald", "McDonald"),  # both cases: as its owner spells it, as before
    ],
)
def test_a_name_in_capitals_is_greeted_as_a_name(name: str, greeting: str) -> None:
    assert greeting_name(name) == greeting


@pytest.mark.parametrize(
    ("name", "handle", "greeting"),
    [
        ("nope", "nope@infosec.exchange", ""),  # Mastodon: the user before the server
        ("nope", "@nope@infosec.exchange", ""),
        ("@nope", "nope@infosec.exchange", ""),
        ("kdrum", "kdrum.bsky.social", ""),  # Bluesky
        ("kdrum", "kdrum.com", ""),  # a Bluesky handle on its own domain: the first label
        ("KDrum", "kdrum.bsky.social", ""),  # not written as a name is
        ("nope", "nope", ""),  # X, as before
        ("Lena", "lena.bsky.social", "Lena"),  # written as a name: the handle is made of it
        ("Nope", "nope@infosec.exchange", "Nope"),
        ("Ana Souza", "ana@masto.pt", "Ana"),
        ("Ana", "ana.souza.bsky.social", "Ana"),
        ("kdrummond", "kdrum.bsky.social", "Kdrummond"),  # another word than the user's
    ],
)
def test_the_user_part_of_a_handle_given_as_the_name_is_a_username(
    name: str, handle: str, greeting: str
) -> None:
    assert greeting_name(name, handle=handle) == greeting


@pytest.mark.parametrize(
    ("name", "greeting"),
    [
        ("Lumora Fan Club", ""),  # holding the brand's name
        ("Fãs da LUMORA", ""),
        ("Lumora's biggest fan", ""),
        ("João (Lumora)", ""),
        ("Lumoraholic Ana", "Lumoraholic"),  # the brand's name inside a word is not it
        ("Green Living UK", ""),  # ending in a country's tag
        ("Gadget Geek UK 🇬🇧", ""),
        ("Dicas Brasil", ""),
        ("Oportunidades PT 💶", ""),
        ("Passatempos Portugal", ""),
        ("Deals (USA)", ""),
        ("Tech US", ""),
        ("Ofertas BR", ""),
        ("Ana Souza", "Ana"),
        ("Uma Thurman", "Uma"),  # a tag's letters elsewhere in the name say nothing
        ("Brasilina Souza", "Brasilina"),
    ],
)
def test_an_account_named_after_the_brand_or_a_country_is_no_persons(
    name: str, greeting: str
) -> None:
    assert greeting_name(name, brand="Lumora") == greeting


def test_a_brand_of_several_words_is_found_as_those_words() -> None:
    assert greeting_name("The North Face fans", brand="The North Face") == ""
    assert greeting_name("North Fans", brand="The North Face") == "North"
    # Without a brand (saved replies' preview for none), only the country rule applies.
    assert greeting_name("Lumora Fan Club") == "Lumora"


def test_drafts_greet_by_the_rules() -> None:
    def greets(platform: str, handle: str, name: str, label: Label) -> str:
        post = mention(1, "@lumora my parcel never arrived", platform=platform, name=name)
        post = replace(post, author=replace(post.author, handle=handle))
        reading = _reading(label, reason="delivery", frustration=1)
        (draft,) = [a for a in SHIPPED.decide(post, reading, History()) if a.text]
        assert draft.text is not None
        return draft.text

    negative, positive = Label.NEGATIVE, Label.POSITIVE
    assert greets("x", "jsmith", "Mr John Smith", negative).startswith("Hi John, this is")
    assert greets("mastodon", "nope@infosec.exchange", "nope", negative).startswith("Hi, this")
    assert greets("bluesky", "kdrum.bsky.social", "kdrum", negative).startswith("Hi, this")
    assert greets("x", "lumorafan", "Lumora Fan Club", negative).startswith("Hi, this")
    assert greets("x", "greenliving_uk", "Green Living UK", positive).startswith("Thank you!")
    values = mention_values(mention(1, name="Lumora Fan Club"), brand="Lumora")
    assert values["name"] == "" and values["full_name"] == "Lumora Fan Club"
