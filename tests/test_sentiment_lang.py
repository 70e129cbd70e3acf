"""Language of short, noisy posts: pt, es and en are not confused; `und` when unknown."""

from __future__ import annotations

import pytest

from sentiment import lang


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("@lumora_br meu pedido não chegou até hoje, que absurdo", "pt"),
        ("vcs são péssimos, cadê meu estorno???", "pt"),
        ("a encomenda está parada nos CTT há uma semana", "pt"),
        ("kkkkk q raiva dessa loja", "pt"),
        ("@lumora mi pedido no ha llegado todavía, qué vergüenza", "es"),
        ("el servicio al cliente es horrible, nadie contesta", "es"),
        ("my order never arrived and nobody answers @lumora", "en"),
        ("love it!! thanks so much 😍 https://t.co/abc", "en"),
    ],
)
def test_short_posts(text: str, code: str) -> None:
    assert lang.detect([text]) == [code]


@pytest.mark.parametrize("text", ["", "😡😡", "@lumora @ana", "https://t.co/x", "12:30", "ok"])
def test_nothing_to_tell_is_und(text: str) -> None:
    assert lang.detect([text]) == [lang.UNDETERMINED]


def test_platform_hint_wins() -> None:
    assert lang.detect(["obrigado"], ["pt-BR"]) == ["pt"]
