"""Hostile text through every built-in classifier: a reading for each, `und` where nothing
tells a language, never an exception (a QA sweep; these passed already)."""

from __future__ import annotations

import pytest

from mentiondesk.models import Classifier, Label
from sentiment import lang
from sentiment.e5 import E5Classifier
from sentiment.ngram import NgramClassifier
from sentiment.vader import VaderClassifier

NO_LANGUAGE = [
    "\x00\x00\x00",
    "\ud800",
    "\udc00 \ud83d",
    "\u200f\u202e\u202d",
    "\u200d\u200c\u2060\ufeff",
    "a" + "\u0301" * 5000,
    "x" * 100_000,
    "1234567890",
    "?!?!... ,,, ;;",
    "#fail #lumora #ruim",
    "https://example.com/a?b=c @lumora",
    "kkkk",
    "rsrs",
    "jajaja",
    "👨\u200d👩\u200d👧",
]


@pytest.fixture(scope="module", params=["vader", "ngram", "e5"])
def classifier(request: pytest.FixtureRequest) -> Classifier:
    kinds = {"vader": VaderClassifier, "ngram": NgramClassifier, "e5": E5Classifier}
    built: Classifier = kinds[request.param]()
    return built


def test_hostile_text_reads_as_und(classifier: Classifier) -> None:
    readings = classifier.classify(NO_LANGUAGE, [None] * len(NO_LANGUAGE))
    assert [r.lang for r in readings] == [lang.UNDETERMINED] * len(NO_LANGUAGE)
    assert all(0.0 <= r.score <= 1.0 for r in readings)


def test_a_long_portuguese_rant_with_nul_bytes(classifier: Classifier) -> None:
    text = "o atendimento é péssimo\x00 e o pedido não chegou " * 2500  # ≈100 kB
    assert classifier.classify([text], [None])[0].lang == "pt"


def test_ten_thousand_empties(classifier: Classifier) -> None:
    readings = classifier.classify([""] * 10_000, [None] * 10_000)
    assert {(r.label, r.lang) for r in readings} == {(Label.NEUTRAL, lang.UNDETERMINED)}
