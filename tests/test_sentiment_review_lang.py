"""Short Spanish and Portuguese posts that lingua mixes up, and hostile text: `und` when
nothing tells a language, never an exception."""

from __future__ import annotations

import pytest

from sentiment import lang


# lingua reads these as Portuguese, but "gustó", "sin", "ese" and "muy" only Spanish writes.
@pytest.mark.parametrize(
    "text",
    [
        "no me gustó",
        "no me gustó nada",
        "No es bonito estar sin celular",
        "@user ese es mi estado continuo...",
        "@lumora no me gustó el servicio, muy lento",
    ],
)
def test_short_spanish_is_not_portuguese(text: str) -> None:
    assert lang.detect([text]) == ["es"]


# ...and these as Spanish: "quero" is Portuguese only (Spanish writes "quiero").
@pytest.mark.parametrize("text", ["quero cancelar", "Que fome!! Quero!!! #maisvoce"])
def test_quero_is_portuguese(text: str) -> None:
    assert lang.detect([text]) == ["pt"]


@pytest.mark.parametrize(
    "text",
    [
        "não gostei, muito ruim",  # a Portuguese word beside: stays Portuguese
        "o pedido chegou rápido, adorei",
        "cadê meu pedido?",
        "a encomenda não chegou",
    ],
)
def test_portuguese_stays_portuguese(text: str) -> None:
    assert lang.detect([text]) == ["pt"]


@pytest.mark.parametrize(
    "text",
    [
        "\x00\x00",
        "\ud800",
        "\u200f\u202e",
        "\u200d\u200c\u2060\ufeff",
        "a" + "\u0301" * 5000,
        "#fail #lumora",
        "$LMRA",  # a cashtag, like a hashtag, is no word: it was read as Portuguese
        "1234 567 !!! ...",
        "kkkk",
        "rsrs",
        "jajaja",
        "x" * 100_000,
    ],
)
def test_hostile_text_is_und(text: str) -> None:
    assert lang.detect([text]) == [lang.UNDETERMINED]


# X gives "qam" (mentions only), "qst" (very short), "qct" (cashtags): no language. They
# were kept as the reading's lang ("qst"), where `und` or the text's own was due.
@pytest.mark.parametrize(
    ("text", "hint", "code"),
    [
        ("@lumora @ana", "qam", lang.UNDETERMINED),
        ("ok", "qst", lang.UNDETERMINED),
        ("$LMRA", "qct", lang.UNDETERMINED),
        ("meu pedido não chegou até hoje", "qst", "pt"),
        ("my order never arrived", "mul", "en"),
        ("bom dia", "pt-BR", "pt"),  # a real hint still wins
    ],
)
def test_a_hint_that_names_no_language_is_no_hint(text: str, hint: str, code: str) -> None:
    assert lang.detect([text], [hint]) == [code]
