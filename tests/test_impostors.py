"""A possible impostor of the brand (playbooks/impostors.py): a look-alike of one of its handles,
or its name or a handle with a support word, in EN and PT; never the brand's own accounts as
each platform writes them, nor a person merely named like the brand."""

from __future__ import annotations

import pytest

from mentiondesk.models import Brand
from playbooks.impostor_words import skeleton
from playbooks.impostors import Resemblance, is_own, resemblance

LUMORA = Brand(name="Lumora", handles=("@lumora", "@lumora_br", "@lumora_pt"))
NOVA = Brand(name="Nova", handles=("@nova_store",))


def _found(handle: str, name: str = "", *, platform: str = "x", brand: Brand = LUMORA) -> object:
    return resemblance(platform=platform, handle=handle, name=name, brand=brand)


def _bluesky(handle: str, name: str = "", *, brand: Brand = LUMORA) -> object:
    return _found(handle, name, platform="bluesky", brand=brand)


@pytest.mark.parametrize(
    ("handle", "name", "expected"),
    [
        # look-alikes of a brand handle: digits, rn for m, a doubled letter, separators, case
        ("1umora", "Lumora", Resemblance("@lumora", "handle")),
        ("lurnora", "", Resemblance("@lumora", "handle")),
        ("lumorra_br", "", Resemblance("@lumora_br", "handle")),
        ("lumora_", "", Resemblance("@lumora", "handle")),
        ("LUM0RA_PT", "", Resemblance("@lumora_pt", "handle")),
        ("lumоra", "", Resemblance("@lumora", "handle")),  # a Cyrillic о
        # the brand with a support word, in the handle: EN and PT, glued or not
        ("lumora_suporte", "Ana", Resemblance("Lumora", "handle")),
        ("LumoraHelpDesk", "", Resemblance("Lumora", "handle")),
        ("sac_lumora", "", Resemblance("Lumora", "handle")),
        ("lumoracustomercare", "", Resemblance("Lumora", "handle")),
        ("lumora_br_oficial", "", Resemblance("@lumora_br", "handle")),
        # …or in the display name, with region and small words around it
        ("mariana_88", "Lumora Atendimento", Resemblance("Lumora", "name")),
        ("x_2741", "Central de Atendimento da Lumora Brasil", Resemblance("Lumora", "name")),
        ("x_2742", "Apoio ao Cliente Lumora Portugal", Resemblance("Lumora", "name")),
        ("x_2743", "Lumora Support Team 24h", Resemblance("Lumora", "name")),
        ("x_2744", "Lumora ✅", Resemblance("Lumora", "name")),  # a "verified" tick
        ("x_2745", "𝐋𝐮𝐦𝐨𝐫𝐚 𝐎𝐟𝐢𝐜𝐢𝐚𝐥", Resemblance("Lumora", "name")),
        ("x_2746", "Lumorá Ajuda", Resemblance("Lumora", "name")),
        # a number tacked on is no letter; a | separates; SAC's own name
        ("lumora_suporte1", "Maria", Resemblance("Lumora", "handle")),
        ("lumora_br1", "Maria", Resemblance("@lumora_br", "handle")),
        ("LumoraHelp01", "", Resemblance("Lumora", "handle")),
        ("maria_ab", "Lumora | Suporte", Resemblance("Lumora", "name")),
        ("maria_ab", "Lumora | Atendimento Oficial", Resemblance("Lumora", "name")),
        ("maria_ab", "Lumora Atendimento ao Consumidor", Resemblance("Lumora", "name")),
    ],
)
def test_a_possible_impostor_says_what_it_resembles(
    handle: str, name: str, expected: Resemblance
) -> None:
    assert _found(handle, name) == expected


@pytest.mark.parametrize(
    ("handle", "name"),
    [
        ("lumora", "Lumora"),  # the brand itself, in any case (X ignores it)
        ("Lumora_BR", "Lumora Brasil — Atendimento Oficial"),
        ("night_owl_tom", "Tom B"),
        ("helpful_hannah", "Hannah | customer care at Vendra"),  # a support word, no brand
        ("ana_lumora", "Ana da Lumora"),  # an employee's own account: a person, named
        ("Lumora_Giveaways", "Lumora Giveaways 🎁"),  # spam, but no support word
        ("lumora_fan", "Lumora fan club"),
        ("lumoras", "Lumoras"),  # a letter more is not a look-alike
        ("isaac_s", "Isaac Sac"),
        ("atendimento", "Suporte Oficial"),  # support words alone
    ],
)
def test_customers_and_the_brand_s_own_accounts_are_not_flagged(handle: str, name: str) -> None:
    assert _found(handle, name) is None


@pytest.mark.parametrize(
    ("handle", "name", "flagged"),
    [
        ("nova", "Nova", False),  # a person called Nova: the brand's name is not its handle
        ("nova_silva", "Nova Silva", False),
        ("casanova", "Casanova", False),
        ("n0va_store", "Nova Store", True),  # a look-alike of its handle
        ("nova_help", "Nova", True),  # its name with a support word
        ("ajuda-nova.bsky.social", "Nova", True),
    ],
)
def test_a_brand_named_like_people_flags_only_support_words_and_look_alikes(
    handle: str, name: str, flagged: bool
) -> None:
    found = (
        _bluesky(handle, name, brand=NOVA) if "." in handle else _found(handle, name, brand=NOVA)
    )
    assert (found is not None) is flagged


@pytest.mark.parametrize(
    ("platform", "handle", "own"),
    [
        ("x", "LUMORA", True),
        ("reddit", "Lumora_BR", True),
        ("hackernews", "lumora", True),
        ("hackernews", "Lumora", False),  # Hacker News matches handles exactly
        ("mastodon", "lumora@mastodon.social", True),  # listed without a server: any
        ("mastodon", "lumora", True),
        ("bluesky", "lumora.bsky.social", True),
        ("bluesky", "lumora-br.bsky.social", False),  # list it as Bluesky writes it
        ("x", "lumora.bsky.social", False),
    ],
)
def test_the_brand_s_own_handles_as_each_platform_writes_them(
    platform: str, handle: str, own: bool
) -> None:
    assert is_own(platform=platform, handle=handle, brand=LUMORA) is own


def test_a_reddit_handle_listed_as_reddit_writes_it_is_the_brand_s() -> None:
    """Listed "u/Lumora_Official", the account the listener knows as the brand's was badged
    as its impostor when its posts reached the playbook."""
    brand = Brand(name="Lumora", handles=("@lumora", "u/Lumora_Official", "/u/lumora_care"))
    for handle in ("Lumora_Official", "lumora_care"):
        assert is_own(platform="reddit", handle=handle, brand=brand)
        assert _found(handle, handle, platform="reddit", brand=brand) is None


def test_a_handle_listed_with_its_server_or_domain_is_that_account_alone() -> None:
    brand = Brand(name="Lumora", handles=("@lumora", "@lumora@mastodon.social", "lumora.com"))
    assert is_own(platform="mastodon", handle="Lumora@Mastodon.Social", brand=brand)
    assert _found("lumora@lumora-help.social", platform="mastodon", brand=brand) == (
        Resemblance("@lumora", "handle")  # the server listed, another server's is not own
    )
    assert is_own(platform="bluesky", handle="suporte.lumora.com", brand=brand)  # its domain
    assert _bluesky("lumora.com.br", brand=brand) is not None
    assert _bluesky("atendimento-lumora.bsky.social", brand=brand) is not None


def test_the_skeleton_sets_case_accents_separators_and_look_alikes_aside() -> None:
    assert skeleton("Lum0ra_Suporte") == skeleton("lumora suporte") == "lumorasuporte"
    assert skeleton("Serviço") == skeleton("SERVICO")
    assert skeleton("@1umora") == skeleton("Iumora") == skeleton("lumora")


def test_a_long_name_is_not_read() -> None:
    assert _found("x_1", "Lumora " + "suporte " * 20) is None
