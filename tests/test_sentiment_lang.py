"""Language of short, noisy posts: pt, es and en are not confused; `und` when unknown."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

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


# A few letters are too little to tell German or French from slang: "obg" (obrigado), "amei",
# "valeu", "lol" were read as de / fr / it, and the reply went out in English.
@pytest.mark.parametrize(
    "text",
    ["", "😡😡", "@lumora @ana", "https://t.co/x", "12:30", "ok", "amei", "lol"],
)
def test_nothing_to_tell_is_und(text: str) -> None:
    assert lang.detect([text]) == [lang.UNDETERMINED]


# Brazilian slang lingua reads as French or Italian ("valeu demais galera": fr): a word only
# Portuguese writes makes a short post Portuguese, and the reply goes out in Portuguese.
@pytest.mark.parametrize(
    "text",
    [
        "valeu demais galera",
        "tmj valeu vcs sao top",
        "esse app e uma bosta",
        "top demais, valeu",
        "pfv me respondam logo",
        "obg!!",
        "valeu",
    ],
)
def test_brazilian_slang_is_portuguese(text: str) -> None:
    assert lang.detect([text]) == ["pt"]


# ...and a word Portuguese shares is no such cue: "ne" is French, Italian and German.
@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Je ne veux pas que l'écologie soit punitive", "fr"),
        ("Grazie :) me ne ricorderò, che bella giornata", "it"),
        ("War ne tolle Zeit! Bleib stark, wir sehen uns", "de"),
        ("vale, pero no me ha llegado el pedido todavía", "es"),
    ],
)
def test_other_languages_keep_their_own(text: str, code: str) -> None:
    assert lang.detect([text]) == [code]


@pytest.mark.parametrize("text", ["a" * 10000, "o" * 10000, "kkkkkkkk", "@lumora zzz"])
def test_a_run_of_one_or_two_letters_is_und(text: str) -> None:
    # Many letters but fewer than three different ones: nothing to tell a language by.
    assert lang.detect([text]) == [lang.UNDETERMINED]


def test_platform_hint_wins() -> None:
    assert lang.detect(["obrigado"], ["pt-BR"]) == ["pt"]


def test_bench_reports_our_brand_mentions(tmp_path: Path) -> None:
    # No shared data in tmp_path: the benchmark measures the sets that ship with the tests.
    script = Path(__file__).resolve().parent.parent / "bench" / "lang.py"
    out = subprocess.run(
        [sys.executable, str(script), "--data", str(tmp_path)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    figures = dict(item.split("=") for item in out.splitlines()[-1].split())
    assert set(figures) == {
        "desk_en_right",
        "desk_en_as_pt",
        "desk_pt_right",
        "desk_pt_as_es",
        "texts_per_s",
    }
    # Our own mentions are plain Portuguese and English: nearly every one must be told.
    assert float(figures["desk_pt_right"]) >= 0.95
    assert float(figures["desk_en_right"]) >= 0.95
    assert float(figures["desk_pt_as_es"]) <= 0.02
