"""Unmarked irony ("parabéns pela demora", "thanks for the delay") is a complaint, and angry;
sincere thanks and praise ("obrigado pela ajuda, resolvido!") are left as read."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from mentiondesk.models import Label
from sentiment._irony import says_ironically
from sentiment._sarcasm import sarcastic, unmasked
from sentiment.e5 import E5Classifier
from sentiment.ngram import NgramClassifier

_LINES = (Path(__file__).parent / "data" / "sarcasm_irony.jsonl").read_text(encoding="utf-8")
_ROWS = [json.loads(line) for line in _LINES.splitlines() if line.strip()]
SARCASTIC = [row["text"] for row in _ROWS if row["sarcastic"]]
SINCERE = [row["text"] for row in _ROWS if not row["sarcastic"]]


def test_each_language_has_both_kinds() -> None:
    for code in ("en", "pt-BR", "pt-PT"):
        kinds = [row["sarcastic"] for row in _ROWS if row["lang"] == code]
        assert len(kinds) >= 30 and 0 < sum(kinds) < len(kinds), code


@pytest.mark.parametrize("text", SARCASTIC)
def test_each_sarcastic_post_is_seen(text: str) -> None:
    assert sarcastic(text)


@pytest.mark.parametrize("text", SINCERE)
def test_sincere_praise_is_no_irony(text: str) -> None:
    assert not sarcastic(text)


@pytest.mark.parametrize(
    "text",
    [
        "valeu a espera de mais cinco dias!",  # "worth the wait": praise (B2W train)
        "Great, still no problems after a year",
        "Thanks for the update on the delay",
        "Peço desculpa pela demora, mas adorei",
        "I love waiting for Christmas",  # no length, no hold: anticipation
        "Great, another week without a single issue",
        "Ótimo, mais uma semana sem problemas!",
        "Amazing, still not over how good this blender is",
        "I LOVED the episode!!! Cant wait until it returns",  # TweetEval val: praise
    ],
)
def test_look_alikes_are_no_irony(text: str) -> None:
    assert not says_ironically(text)


def test_an_ironic_post_is_all_complaint_and_the_rest_stays() -> None:
    probs = np.array([[0.1, 0.6, 0.3], [0.1, 0.2, 0.7]], dtype=np.float32)
    texts = ["Valeu pela demora, hein", "Valeu pela ajuda, hein"]
    out = unmasked(texts, probs.copy())
    np.testing.assert_allclose(out[0], [1.0, 0.0, 0.0], rtol=1e-6)
    np.testing.assert_allclose(out[1], probs[1])


@pytest.fixture(scope="module")
def readers() -> list[NgramClassifier | E5Classifier]:
    return [NgramClassifier(), E5Classifier()]


def test_the_shipped_readers_read_irony_as_angry_complaints(
    readers: list[NgramClassifier | E5Classifier],
) -> None:
    # Before the rule `e5` read 27 of these 60 as praise or neutral (23 praise), `ngram` 36.
    for reader in readers:
        readings = reader.classify(SARCASTIC, [None] * len(SARCASTIC))
        missed = [
            text
            for text, r in zip(SARCASTIC, readings, strict=True)
            if r.label is not Label.NEGATIVE or r.frustration < 1
        ]
        assert missed == [], reader.name


def test_no_sincere_post_reads_otherwise_than_without_the_rule(
    readers: list[NgramClassifier | E5Classifier], monkeypatch: pytest.MonkeyPatch
) -> None:
    def labels(reader: NgramClassifier | E5Classifier) -> list[Label]:
        return [r.label for r in reader.classify(SINCERE, [None] * len(SINCERE))]

    with_rule = [labels(reader) for reader in readers]
    monkeypatch.setattr("sentiment._sarcasm.says_ironically", lambda text: False)
    assert with_rule == [labels(reader) for reader in readers]
