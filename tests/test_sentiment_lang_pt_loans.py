"""Portuguese tech-support posts made almost only of English loans ("a password expirou", "a
app crasha no login", "deletei a conta") are Portuguese: read as English, the desk drafted the
reply in English. The Portuguese is in the grammar around the loans (an article before a noun
and a verb in "-ou", a past in "-ei", "sh"/"ck" stems with Portuguese endings, "a app"), not
in a list of sentences; English, Spanish and Italian posts about the same things never read as
Portuguese."""

from __future__ import annotations

import pytest

from sentiment import _lang_grammar as grammar
from sentiment import lang
from sentiment._lang_en_grammar import english_words
from sentiment._lang_pt_loans import loan_grammar_words
from sentiment._lang_pt_sequences import SEQUENCES, past_tense_words
from tests.lang_sets import read_as, read_otherwise, share_right, tagged_rows

_ROWS = tagged_rows("lang_pt_loans_tech.tsv")
_PORTUGUESE = [text for tag, text in _ROWS if tag.startswith("pt")]
_OTHERS = [(text, tag) for tag, text in _ROWS if not tag.startswith("pt")]
# Share read right, just under what the detector reaches (pt 62/62, en 30/30, es 10/13,
# it 10/12); before the loan grammar: pt 55/62 (pt-PT 19/24, pt-BR 36/38), the others the
# same; before the English grammar (test_sentiment_lang_en_short.py): en 28/30, es 8/13.
# Some Spanish loan verbs ("bugueó", "loguearme") still read English or `und`: no worse.
_FLOORS = {"en": 0.9, "es": 0.6, "it": 0.8}


def test_the_set_is_big_enough() -> None:
    tags = [tag for tag, _ in _ROWS]
    assert len(_PORTUGUESE) >= 30
    assert len(_OTHERS) >= 30
    assert tags.count("pt-PT") >= 20 and tags.count("pt-BR") >= 20
    assert all(tags.count(tag) >= 10 for tag in _FLOORS)


def test_every_portuguese_post_with_loans_is_portuguese() -> None:
    assert read_otherwise(_PORTUGUESE, "pt") == []


def test_no_look_alike_becomes_portuguese() -> None:
    assert read_as([text for text, _ in _OTHERS], "pt") == []


@pytest.mark.parametrize("tag", sorted(_FLOORS))
def test_each_other_language_is_read_right(tag: str) -> None:
    texts = [text for text, t in _OTHERS if t == tag]
    assert share_right(texts, lambda code: code == tag) >= _FLOORS[tag]


@pytest.mark.parametrize(
    "text",
    [
        "a password expirou",  # was English: article, noun, a past in "-ou"
        "a app crasha no login",  # was English: "a app", "crash" + "-a"
        "a app faz crash sempre",  # was Italian: "faz"
        "o app bugou",  # was `und`, French 0.57
        "deu crash no app",  # was `und`: "deu"
        "a password dá sempre erro",  # was Italian: "dá"
        "o player crasha a meio",  # was `und`
        "o meu login deu erro",
        "o site tá down",
        "fiz o checkout e nada",
        "o update partiu tudo",
        "deletei a conta",
        "o app trava no login",  # was Italian 0.31: "trava" is only Portuguese
        "o site não carrega",
    ],
)
def test_loans_in_portuguese_grammar_are_portuguese(text: str) -> None:
    assert lang.detect([text]) == ["pt"]


# English writes "a" too ("a password reset link", "a login error again"); Spanish and
# Italian inflect the same loans their own way ("crashea", "crashava", "loggarmi").
@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("the app crashed on login", "en"),
        ("password expired", "en"),
        ("a login error again", "en"),
        ("a bayou tour app that crashes", "en"),
        ("a tornado of bugs in the new update", "en"),
        ("la contraseña expiró", "es"),
        ("no puedo loguearme", "es"),
        ("la password è scaduta", "it"),
        ("l'app crashava sempre", "it"),
        ("non riesco a loggarmi", "it"),
    ],
)
def test_look_alikes_keep_their_language(text: str, code: str) -> None:
    assert lang.detect([text]) == [code]


@pytest.mark.parametrize("text", ["a password reset link", "a password reset email never came"])
def test_english_with_an_article_a_is_never_portuguese(text: str) -> None:
    # lingua reads these German and `und` (English by its grammar since
    # test_sentiment_lang_en_short.py); what matters here is that "a" alone is no article.
    assert lang.detect([text]) != ["pt"]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("deletei a conta", 1),
        ("vorrei sapere", 0),  # Italian conditional
        ("ist vorbei", 0),  # German
        ("a app crasha", 2),
        ("Natasha e Sasha", 0),  # names, not loan verbs
        ("a ella", 0),  # Spanish preposition
        ("send me a email", 0),
        ("la app se crashea", 0),  # Spanish ending
    ],
)
def test_loan_grammar_words(text: str, words: int) -> None:
    assert loan_grammar_words(text) == words


# Hostile input: 10 kB runs made to drive the new patterns into backtracking; each must come
# back (the patterns are linear), through detect() (which cuts at 2,000) and called directly.
_HOSTILE = [
    "a " * 5000,
    "o x " * 2500,
    "a app " * 1700,
    "crash" * 2000 + "a",
    "ei" * 5000,
    "a " + "b" * 10000 + "ou",
    "sh" * 5000 + "ado",
    "a b " * 2500 + "ou",
    ("a password expirou " * 600)[:10000],
    # The English and Spanish grammar patterns (sentiment._lang_en_grammar, "crashea").
    "never " * 1700,
    "a " + "b" * 10000 + "ñ",
    "a bbb " * 1700 + "ñ",
    "an " * 3300,
    "crashe" * 1600 + "a",
    ("a password reset link never came " * 400)[:10000],
]


@pytest.mark.parametrize("text", _HOSTILE)
def test_hostile_input_is_read_or_und(text: str) -> None:
    assert loan_grammar_words(text) >= 0
    assert past_tense_words(text) >= 0
    assert isinstance(SEQUENCES.findall(text), list)
    assert english_words(text) >= 0
    assert grammar.counts(text).es >= 0
    assert lang.detect([text])[0] in {"pt", "es", "en", "fr", "it", "de", lang.UNDETERMINED}
