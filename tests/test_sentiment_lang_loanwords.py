"""Portuguese full of English borrowings ("o app deu bug no login de novo", "o streaming fica
em loading eterno") is Portuguese: read as English or German, the desk drafted the reply in
English and the English model read it. English with a Portuguese word or two stays English,
Spanish with the same borrowings stays Spanish."""

from __future__ import annotations

import pytest

from sentiment import lang
from tests.lang_sets import share_right, tagged_rows

_ROWS = tagged_rows("lang_loanwords.tsv")
# Share read right per tag, set just under what the detector reaches (pt-BR 42/42, pt-PT 42/42,
# en 30/32, es 22/22); before the grammar words counted: pt-BR 36/42, pt-PT 38/42, en 29/32,
# es 21/22 (pt-PT 41/42 before Portuguese word order counted).
_FLOORS = {"pt-BR": 0.97, "pt-PT": 0.95, "en": 0.9, "es": 0.95}


def _accuracy(tag: str) -> float:
    texts = [text for t, text in _ROWS if t == tag]
    code = lang.primary_code(tag)
    return share_right(texts, lambda found: found == code)


def test_the_set_is_big_enough() -> None:
    tags = [tag for tag, _ in _ROWS]
    sizes = {"pt-BR": 40, "pt-PT": 40, "en": 30, "es": 20}
    assert all(tags.count(tag) >= size for tag, size in sizes.items())


@pytest.mark.parametrize("tag", sorted(_FLOORS))
def test_each_language_is_read_right(tag: str) -> None:
    assert _accuracy(tag) >= _FLOORS[tag]


def test_no_spanish_post_becomes_portuguese() -> None:
    spanish = [text for tag, text in _ROWS if tag == "es"]
    assert "pt" not in lang.detect(spanish)


@pytest.mark.parametrize(
    "text",
    [
        "o app deu bug no login de novo",  # was German
        "o checkout travou na hora do pix",  # was English
        "a live de black friday foi um fail total",  # English at 0.7
        "o streaming fica em loading eterno",
        "o reset da password nunca chega ao email",  # was Italian
        "o software da box está sempre a reiniciar",  # was `und`, Spanish close behind
        "a app pede login a toda a hora, que chatice",  # was `und`: no word only Portuguese
    ],
)
def test_borrowed_words_do_not_outweigh_portuguese_grammar(text: str) -> None:
    assert lang.detect([text]) == ["pt"]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("thanks for sorting out my order so fast, parabéns to the team", "en"),
        ("pagué el upgrade y sigo en el plan free", "es"),
        # lingua is sure of these; their "o", "e", "da", "uns" are Portuguese grammar words too.
        ("c'è chi sa fare un mercato intelligente e vincente come Macia e chi no", "it"),
        ("uns wurde bis jetzt innerhalb von 24h wirklich geholfen. Da war ich überrascht", "de"),
        ("Le réchauffement climatique s'intensifie à Werchter. Merci de RT.", "fr"),
    ],
)
def test_grammar_words_keep_other_languages(text: str, code: str) -> None:
    assert lang.detect([text]) == [code]


@pytest.mark.parametrize(
    "text", ["", "🙏🔥😡", "https://lumora.example/a https://x.com/b", "o e " * 2500, "de " * 4000]
)
def test_bad_input_is_und_or_a_reading(text: str) -> None:
    assert lang.detect([text])[0] in {"pt", "es", "en", "fr", "it", "de", lang.UNDETERMINED}
