"""Choosing the e5 blend on val splits: threshold, blend, class bias, and how ties go."""

from __future__ import annotations

import numpy as np

from sentiment import _e5_tuning


def _val(ngram: list[list[float]], encoder_probs: list[list[float]], gold: list[int]):
    return _e5_tuning.ValProbs(
        np.array(ngram, np.float32), np.array(encoder_probs, np.float32), gold
    )


def test_skip_threshold_sends_the_least_confident_share_to_the_encoder() -> None:
    sets = {"a": _val([[0.9, 0.05, 0.05], [0.4, 0.3, 0.3]] * 2, [[1, 0, 0]] * 4, [0, 0, 0, 0])}
    threshold = _e5_tuning.skip_threshold(sets, 0.5)
    assert 0.4 <= threshold <= 0.9
    assert _e5_tuning.skip_threshold(sets, 1.0) == 1.0


def test_tuning_leans_on_the_model_that_is_right() -> None:
    gold = [0, 1, 2] * 10
    wrong = [[0.2, 0.5, 0.3] if y != 1 else [0.5, 0.2, 0.3] for y in gold]
    right = [[0.8 if k == y else 0.1 for k in range(3)] for y in gold]
    tuned = _e5_tuning.tune({"s": _val(wrong, right, gold)}, encoder_share=1.0)
    assert tuned.blend < 0.5
    figures = _e5_tuning.blended(_val(wrong, right, gold), tuned).argmax(axis=1)
    assert list(figures) == gold


def test_a_tie_goes_to_the_setting_that_finds_more_complaints() -> None:
    # One complaint and one neutral post read alike: whatever bias finds the complaint turns
    # the neutral post into one too, and both settings score the same. The desk would rather
    # read one calm question as a complaint than miss a complaint.
    gold = [0] * 10 + [1] * 10 + [2] * 10
    alike = [0.35, 0.45, 0.2]
    probs = [[0.8, 0.1, 0.1]] * 9 + [alike] + [[0.1, 0.8, 0.1]] * 9 + [alike]
    probs += [[0.1, 0.1, 0.8]] * 10
    tuned = _e5_tuning.tune({"s": _val(probs, probs, gold)}, encoder_share=1.0)
    read = _e5_tuning.blended(_val(probs, probs, gold), tuned).argmax(axis=1)
    assert list(read[:10]) == [0] * 10


def test_the_praise_gate_is_simulated_as_the_classifier_applies_it() -> None:
    """A sure n-gram complaint holding a praise cue takes the encoder's reading alone; a sure
    one without a cue, or one the n-grams already read as praise, keeps the n-gram reading."""
    sure_complaint, sure_praise = [0.9, 0.05, 0.05], [0.05, 0.05, 0.9]
    praise = [0.1, 0.1, 0.8]
    ngram = [sure_complaint, sure_complaint, sure_praise, [0.4, 0.3, 0.3]]
    v = _e5_tuning.ValProbs(
        np.array(ngram, np.float32),
        np.array([praise] * 4, np.float32),
        [2, 0, 2, 2],
        cued=np.array([True, False, True, False]),
    )
    tuned = _e5_tuning.Tuned(skip_above=0.5, blend=0.5, bias=(0.0, 0.0, 0.0), objective=0.0)
    read = _e5_tuning.blended(v, tuned)
    assert list(read.argmax(axis=1)) == [2, 0, 2, 2]
    assert np.allclose(np.exp(read[0]), praise)  # the encoder alone, not blended
    off = _e5_tuning.blended(_e5_tuning.ValProbs(v.ngram, v.encoder, v.gold), tuned)
    assert list(off.argmax(axis=1)) == [0, 0, 2, 2]  # without cues: no gate
