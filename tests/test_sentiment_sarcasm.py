"""Explicitly marked sarcasm ("excelente, só que não!") is no praise: no thank-you for it."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest

from mentiondesk.models import Label
from sentiment._sarcasm import marks_sarcasm, unmasked
from sentiment.e5 import E5Classifier
from sentiment.ngram import NgramClassifier
from sentiment.topics import frustration

_TEXT = (Path(__file__).parent / "data" / "sarcasm.tsv").read_text(encoding="utf-8")
_ROWS = list(csv.DictReader(_TEXT.splitlines(), delimiter="\t"))
MARKED = [row["text"] for row in _ROWS if row["marked"] == "yes"]
LOOK_ALIKES = [row["text"] for row in _ROWS if row["marked"] == "no"]


@pytest.mark.parametrize("text", MARKED)
def test_each_marker_is_found(text: str) -> None:
    assert marks_sarcasm(text)


@pytest.mark.parametrize("text", LOOK_ALIKES)
def test_literal_look_alikes_are_not_sarcasm(text: str) -> None:
    # "yeah right away", a "/s" in a link, "só que não veio o cabo" (but it did not come)
    assert not marks_sarcasm(text)


def test_praise_moves_to_complaint_and_the_rest_stays() -> None:
    probs = np.array([[0.1, 0.2, 0.7], [0.1, 0.2, 0.7], [0.2, 0.7, 0.1]], dtype=np.float32)
    texts = ["Atendimento excelente, só que não!", "Atendimento excelente!", "Funny #sarcasm"]
    out = unmasked(texts, probs.copy())
    np.testing.assert_allclose(out[0], [0.8, 0.2, 0.0])
    np.testing.assert_allclose(out[1], probs[1])  # no marker: as read
    assert out[2].argmax() == 1  # a neutral joke stays neutral


@pytest.fixture(scope="module")
def readers() -> list[NgramClassifier | E5Classifier]:
    return [NgramClassifier(), E5Classifier()]


def test_the_shipped_readers_read_no_marked_sarcasm_as_praise(
    readers: list[NgramClassifier | E5Classifier],
) -> None:
    # Before the markers, `e5` read 13 of these 26 complaints as praise, `ngram` 9.
    for reader in readers:
        labels = [r.label for r in reader.classify(MARKED, [None] * len(MARKED))]
        praised = [
            text for text, label in zip(MARKED, labels, strict=True) if label == Label.POSITIVE
        ]
        assert praised == [], reader.name
        assert labels.count(Label.NEGATIVE) >= len(MARKED) - 1, reader.name


@pytest.mark.parametrize("text", MARKED)
def test_marked_sarcasm_is_angry(text: str) -> None:
    # The frustration levels' 2 is shouting, repeated contact, exasperation, sarcasm.
    assert frustration(text) >= 2
