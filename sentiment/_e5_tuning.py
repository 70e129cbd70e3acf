"""Choosing how the `e5` classifier blends with `ngram`, on val splits only.

Three numbers are tuned: the n-gram confidence above which the encoder is skipped (set by the
share of texts the encoder may read, which is what holds the throughput), the blend weight,
and a class bias so that complaints are not missed (the issue's negative-recall goal). The
praise gate is simulated as the classifier applies it: a text with a praise cue that the
n-gram model reads, however sure, as no praise takes the encoder's reading alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import product

import numpy as np
import numpy.typing as npt

from sentiment._e5_image import Matrix
from sentiment._praise_cues import gated
from sentiment.evaluation import score, tuning_objective

_BLENDS = np.round(np.arange(0.0, 0.91, 0.1), 2)
_NEGATIVE = np.round(np.arange(-0.5, 1.51, 0.1), 2)
_POSITIVE = np.round(np.arange(-0.5, 0.51, 0.1), 2)
# Settings whose summed objective is this close to the best are a tie (less than one tweet of
# the smallest val set): the one that finds the most complaints wins it, as a front desk would.
TIE = 0.002


@dataclass(frozen=True)
class ValProbs:
    """One val set read by both models, and its gold labels."""

    ngram: Matrix
    encoder: Matrix
    gold: list[int]
    cued: npt.NDArray[np.bool_] | None = None  # holds a praise cue (None: the gate is off)


@dataclass(frozen=True)
class Tuned:
    skip_above: float
    blend: float
    bias: tuple[float, float, float]
    objective: float


def skip_threshold(sets: dict[str, ValProbs], encoder_share: float) -> float:
    """The n-gram confidence below which `encoder_share` of the val texts fall."""
    confidence = np.concatenate([v.ngram.max(axis=1) for v in sets.values()])
    if encoder_share >= 1.0:
        return 1.0
    return float(np.quantile(confidence, encoder_share))


def tune(sets: dict[str, ValProbs], encoder_share: float) -> Tuned:
    """The blend and bias with the best summed objective over the val sets; among settings
    within `TIE` of it, the one with the highest summed complaint recall."""
    threshold = skip_threshold(sets, encoder_share)
    found: list[tuple[float, float, Tuned]] = []  # objective, complaint recall, settings
    for blend in _BLENDS:
        logs = {
            name: np.log(np.clip(_mix(v, threshold, blend), 1e-9, 1.0)) for name, v in sets.items()
        }
        for negative, positive in product(_NEGATIVE, _POSITIVE):
            bias = np.array([negative, 0.0, positive], dtype=np.float32)
            figures = [
                score(v.gold, list((logs[n] + bias).argmax(axis=1))) for n, v in sets.items()
            ]
            value = sum(tuning_objective(f) for f in figures)
            settings = Tuned(
                threshold, float(blend), (float(negative), 0.0, float(positive)), value
            )
            found.append((value, sum(f.recall["negative"] for f in figures), settings))
    best = max(value for value, _, _ in found)
    # max() keeps the first of equals: the grid's order breaks a tie in recall too.
    return max((f for f in found if f[0] >= best - TIE), key=lambda f: f[1])[2]


def blended(v: ValProbs, tuned: Tuned) -> Matrix:
    """What the classifier will compute for this set with these settings (log scale)."""
    out: Matrix = np.log(np.clip(_mix(v, tuned.skip_above, tuned.blend), 1e-9, 1.0))
    return out + np.array(tuned.bias, dtype=np.float32)


def _mix(v: ValProbs, threshold: float, blend: float) -> Matrix:
    unsure = v.ngram.max(axis=1) < threshold
    out = v.ngram.copy()
    out[unsure] = blend * v.ngram[unsure] + (1.0 - blend) * v.encoder[unsure]
    if v.cued is not None:  # the praise gate, as the classifier applies it
        chosen = gated(v.ngram, v.cued)
        out[chosen] = v.encoder[chosen]
    return out
