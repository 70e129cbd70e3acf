"""Dutch support posts are Dutch: the detector had no Dutch, so "de app werkt niet meer" was
German and "waarom crasht de app steeds" English, scored so and labelled so on the desk.
Dutch is read only for posts with a Dutch grammar word ("het", "niet", "ik", "mijn"…): read
for every post it turned German and English tweets lingua was sure of into `und` or Dutch."""

from __future__ import annotations

import pytest
from lingua import Language

from mentiondesk import alert_words_pt
from mentiondesk.wording import ENGLISH_WORDS
from sentiment import _lang_detectors as detectors
from sentiment import lang
from tests.lang_sets import read_as, share_right, tagged_rows

_ROWS = tagged_rows("lang_europe_support.tsv", lambda tag: tag.split("-")[0])
_DUTCH = [text for tag, text in _ROWS if tag == "nl"]
_OTHERS = [text for tag, text in _ROWS if tag != "nl"]


def test_dutch_posts_are_dutch() -> None:
    # 17/18 ("de push notificaties komen dubbel binnen" has no Dutch grammar word: English);
    # before Dutch was read: 0/18, 13 of them German.
    assert share_right(_DUTCH, lambda code: code == "nl") >= 0.9


def test_no_dutch_post_is_german() -> None:
    assert read_as(_DUTCH, "de") == []


def test_no_other_post_becomes_dutch() -> None:
    assert read_as(_OTHERS, "nl") == []


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("de app werkt niet meer", "nl"),  # was German (0.79)
        ("waarom crasht de app steeds", "nl"),  # was English (0.71)
        ("ik kan niet inloggen in de app", "nl"),  # was German (0.82)
        ("mijn bestelling is nog steeds niet aangekomen", "nl"),
        ("die app crasht beim login", "de"),
        ("Die App stürzt beim Login ab", "de"),
        # English with a Dutch-looking word or two stays English.
        ("my van broke down, dat sucks", "en"),
        ("ordered from the Van Gogh museum shop, still waiting", "en"),
        # One loan and no Dutch grammar: lingua read "clever" as Dutch (0.30).
        ("RT @user: @user clever http", lang.UNDETERMINED),
    ],
)
def test_short_posts(text: str, code: str) -> None:
    assert lang.detect([text]) == [code]


def test_dutch_confidence_is_asked_of_the_detector_that_knows_dutch() -> None:
    # The six-language detector has no Dutch model: it would answer 0 for any post.
    assert detectors.confidence("de app werkt niet meer", Language.DUTCH) > 0.8


def test_the_desk_names_every_language_the_detector_reads() -> None:
    # "nl" stood as a bare code beside "Italian" and "alemão" in the language facet.
    languages = {*detectors.LANGUAGES, Language.DUTCH}
    codes = {language.iso_code_639_1.name.lower() for language in languages}
    for words in (ENGLISH_WORDS["lang"], alert_words_pt.WORDS["lang"]):
        assert codes | {lang.UNDETERMINED} <= set(words)
