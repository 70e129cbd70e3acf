"""Every classifier gives a sensible reading for awkward input and never raises."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from mentiondesk.models import Classifier, Label
from sentiment import lang
from sentiment.e5 import E5Classifier
from sentiment.ngram import NgramClassifier
from sentiment.vader import VaderClassifier

AWKWARD = {
    "empty": "",
    "spaces": "   \t ",
    "emoji_only": "😡😡😡",
    "long": "the delivery was late again. " * 400,  # about 11 kB
    "mixed": "adorei the lamp mas a entrega was late",
    "links_and_handles": "@lumora @ana https://t.co/x1 www.example.com",
    "digits": "12345 678",
    "control": "\x00\x1f\u200b",
    # A post cut inside an emoji: half a surrogate pair, which lingua cannot take.
    "half_emoji": "the lamp arrived broken \ud83d and support never answered",
}


@pytest.fixture(scope="module", params=["vader", "ngram", "e5", "e5-all"])
def classifier(request: pytest.FixtureRequest) -> Classifier:
    if request.param == "vader":
        return VaderClassifier()
    if request.param == "ngram":
        return NgramClassifier()
    # e5-all: the encoder reads every text, not only those the n-grams are unsure of.
    return E5Classifier(skip_above=1.0 if request.param == "e5-all" else None)


@pytest.mark.parametrize("name", sorted(AWKWARD))
def test_awkward_text_reads_sensibly(classifier: Classifier, name: str) -> None:
    reading = classifier.classify([AWKWARD[name]], [None])[0]
    assert isinstance(reading.label, Label) and 0.0 <= reading.score <= 1.0
    assert 0 <= reading.frustration <= 3


@pytest.mark.parametrize("name", ["empty", "spaces", "emoji_only", "links_and_handles", "digits"])
def test_no_language_means_und(classifier: Classifier, name: str) -> None:
    assert classifier.classify([AWKWARD[name]], [None])[0].lang == lang.UNDETERMINED


def test_empty_text_is_neutral(classifier: Classifier) -> None:
    assert classifier.classify([""], [None])[0].label is Label.NEUTRAL


@pytest.mark.parametrize("text", ["🙏", "😀", "🎉🎉", ".", "a", "@lumora"])
def test_ngram_reads_a_text_that_says_nothing_as_neutral(text: str) -> None:
    # The n-gram model's guess from a character or two was a complaint, with a reason and
    # frustration; e5 reads these as neutral.
    reading = NgramClassifier().classify([text], [None])[0]
    assert (reading.label, reading.reason, reading.frustration) == (Label.NEUTRAL, None, 0)
    assert NgramClassifier().probabilities([text], [None])[0].tolist() == [0.0, 1.0, 0.0]


def test_empty_batch(classifier: Classifier) -> None:
    assert classifier.classify([], []) == []


@pytest.mark.parametrize("reader", [NgramClassifier, E5Classifier])  # vader has none
def test_probabilities_take_half_an_emoji_as_classify_does(
    reader: type[NgramClassifier | E5Classifier],
) -> None:
    # Evaluation and tuning read probabilities() directly, which skipped the cleaning.
    probs = reader().probabilities([AWKWARD["half_emoji"], "fine"], [None, None])
    assert probs.shape == (2, 3) and abs(float(probs.sum()) - 2.0) < 1e-4


@pytest.mark.parametrize("names", ["ngarm", "vader,ngarm"])
def test_bench_names_a_misspelt_classifier(names: str) -> None:
    script = Path(__file__).resolve().parent.parent / "bench" / "sentiment.py"
    done = subprocess.run(
        [sys.executable, str(script), "--classifiers", names],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2 and "no classifier 'ngarm'; use one of: vader, ngram" in done.stderr
    assert "--transformers-model" not in done.stderr.splitlines()[-1]


@pytest.mark.parametrize("reader", [NgramClassifier, E5Classifier])
@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("😡", Label.NEGATIVE),
        ("🤬🤬🤬", Label.NEGATIVE),
        ("@lumora 👎👎", Label.NEGATIVE),
        ("😍😍", Label.POSITIVE),
        ("❤️", Label.POSITIVE),
        ("😡😍", Label.NEUTRAL),  # as many each way: nothing clear
    ],
)
def test_a_post_of_emoji_alone_says_what_its_faces_say(
    reader: Callable[[], Classifier], text: str, label: Label
) -> None:
    """ "🤬🤬🤬" at a brand is a complaint, "😍😍" praise: no words, but no doubt either."""
    reading = reader().classify([text], [None])[0]
    assert (reading.label, reading.lang) == (label, lang.UNDETERMINED), reading
