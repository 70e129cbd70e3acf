"""The local matcher of Reddit queries, for comments Reddit's search does not return: pure."""

from __future__ import annotations

import re
import unicodedata

import pytest

from listener._reddit_query import UnsupportedQuery, matcher
from mentiondesk.models import Brand

DEFAULT = Brand("Lumora Home", ("@lumora",), ("Lumora+", "glow lamp")).default_query()


@pytest.mark.parametrize(
    ("query", "text", "found"),
    [
        ("lumora", "My LUMORA lamp", True),
        ("lumora", "Lumora's lamp, #lumora and u/lumora", True),
        ("lumora", "lumoras and lumora_bot and xlumora", False),
        ("lumora", "", False),
        ('"glow lamp"', "a Glow\n  Lamp here", True),
        ('"glow lamp"', "a lamp that glows, a glow-lamp", False),
        ("glow lamp", "the lamp has a glow", True),  # side by side: both, anywhere
        ("glow AND lamp", "the lamp has a glow", True),
        ("glow lamp", "the lamp", False),
        ("glow OR lamp", "the lamp", True),
        ("lumora or lamp", "the lamp", False),  # a lower-case "or" is a word to find
        ("@lumora", "hey @Lumora!", True),
        ("@lumora", "mail@lumora.com", False),
        ("Lumora+", "Lumora+ is out", True),
        ("Lumora+", "Lumora is out", False),
        (DEFAULT, "we love our lumora home", True),
        (DEFAULT, "a glow lamp", True),
        (DEFAULT, "Lumora Homes, lumora-home", False),
    ],
)
def test_a_query_matches_whole_words_in_any_case(query: str, text: str, found: bool) -> None:
    assert matcher(query)(text) is found


def _nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


@pytest.mark.parametrize(
    ("query", "text", "found"),
    [
        ('"Lumora Ação"', _nfd("a Lumora Ação quebrou"), True),  # macOS/iOS paste it so
        (_nfd('"Lumora Ação"'), "a LUMORA AÇÃO quebrou", True),
        (_nfd("Ação"), _nfd("ação!"), True),
        ("lumora", _nfd("lumorá"), False),  # an accent on its last letter: another word
        ("lumora", "ｌｕｍｏｒａ lamp", True),  # full-width letters (NFKC)
        ("Straße", "STRASSE lamp", True),  # case-folded, as Reddit's search folds case
        ("lumora", "a Lumora™ lamp", True),  # a sign after it, not "LumoraTM"
        ("istanbul", "İstanbul store", True),  # "İ" folds to i, not i and a dot above
    ],
)
def test_a_word_matches_however_its_letters_are_encoded(query: str, text: str, found: bool) -> None:
    assert matcher(query)(text) is found


@pytest.mark.parametrize(
    ("query", "said"),
    [
        ("lumora NOT spam", "NOT"),
        ("lumora -spam", "a leading -"),
        ("+lumora", "a leading +"),
        ("(lumora OR glow) lamp", "parentheses"),
        ("title:lumora", "a field (title:)"),
        ('"lumora lamp', "a quote"),
        ("lumora OR", "an OR with no term"),
        ('""', 'an empty ""'),
        ("   ", "no term"),
    ],
)
def test_what_reddit_reads_and_the_matcher_does_not_is_refused(query: str, said: str) -> None:
    with pytest.raises(UnsupportedQuery, match=re.escape(said)):
        matcher(query)
