"""`train-sentiment --kind e5`: fine-tune the encoder's adapter, then tune the blend on val.

Train splits of every folder (each capped at `limit` texts, seeded) and agents' corrections
teach the adapter; the val splits of the same folders then choose how it blends with the
n-gram model. Same folders, seed and thread count, same libraries on a like CPU: the same
file (the header records the versions).
"""

from __future__ import annotations

import random
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal, Protocol

import numpy as np

from sentiment import _e5_adapter, _e5_image, _e5_net, _e5_tuning, lang
from sentiment._e5_tokens import Tokenizer
from sentiment._ngram_model import NgramModel
from sentiment._praise_cues import has_praise_cue
from sentiment.overlap import fingerprint, overrule, unseen
from sentiment.training import built_with, read_split

# A correction is this desk's own mention, judged by its own agents: it counts three times.
CORRECTION_REPEATS = 3
# Share of texts the encoder reads unless told otherwise: the encoder reads 30-70 texts/s on
# two cores, the n-grams about 1,000, so this share is what holds the floor of 100
# texts/s. (The shipped shared adapter reads 30 %: mostly short English tweets.)
ENCODER_SHARE = 0.25
# Raised when a file given as an adapter (to go on from, or to re-tune) is missing or not one.
NotAnAdapter = _e5_adapter.NotAnAdapter

Batching = Literal["by-length", "random"]
Say = Callable[[str], None]
Progress = Callable[[int, int, float], None]  # step, total steps, recent loss


class FineTune(Protocol):
    """`_e5_training.fine_tune`'s signature, for callers that must not import torch early."""

    def __call__(
        self,
        encoder: _e5_image.Encoder,
        examples: Sequence[tuple[str, int]],
        recipe: Recipe,
        progress: Progress | None = None,
        start: _e5_net.Adapter | None = None,
    ) -> _e5_net.Adapter: ...


@dataclass(frozen=True)
class Recipe:
    """How long and how hard to train; the defaults are what the shipped adapter used."""

    steps: int = 700
    batch_size: int = 32
    rank: int = 16
    layers: int = 12
    learning_rate: float = 1e-3
    max_tokens: int = 96
    seed: int = 13
    # "by-length": each batch holds texts of similar length (about 3 times faster on a mix of
    # tweets and reviews); "random": plain shuffled batches, how the first adapters were made.
    batches: Batching = "by-length"
    # Where to train: "cpu", or "cuda" on a machine with a GPU (same recipe, minutes not hours;
    # the sums run in another order, so the file differs from a CPU run's in its last digits).
    device: str = "cpu"


def examples(
    folders: Sequence[Path],
    corrections: Sequence[tuple[str, int, str]] = (),
    *,
    seed: int,
    limit: int | None,
) -> list[tuple[str, int]]:
    """(text, label) pairs from the train splits, then the corrections (see `gathered`)."""
    return gathered(folders, corrections, seed=seed, limit=limit)[0]


def gathered(
    folders: Sequence[Path],
    corrections: Sequence[tuple[str, int, str]] = (),
    *,
    seed: int,
    limit: int | None,
) -> tuple[list[tuple[str, int]], int]:
    """(text, label) pairs from the train splits, then the corrections; and how many train
    rows were dropped because a correction gave their text another label (`overrule`).

    A folder named twice counts twice: that is how the few Portuguese tweets are given more
    weight beside thousands of reviews and English tweets.
    """
    rows: list[tuple[str, int]] = []
    for folder in folders:
        split = read_split(folder, "train")
        if split is None:
            continue
        pairs = list(zip(split.texts, split.labels, strict=True))
        if limit is not None and len(pairs) > limit:
            pairs = random.Random(seed).sample(pairs, limit)
        rows += pairs
    keep, overruled = overrule(rows, corrections)
    rows = [rows[n] for n in keep]
    rows += [(text, label) for text, label, _ in corrections] * CORRECTION_REPEATS
    if not rows:
        raise ValueError("no training texts found in the given folders")
    return rows, overruled


def train(
    folders: Sequence[Path],
    rows: Sequence[tuple[str, int]],
    ngram: NgramModel,
    out: Path,
    *,
    recipe: Recipe,
    tune_on: Sequence[Path] = (),
    encoder_share: float = ENCODER_SHARE,
    say: Say,
    step: Progress | None = None,
    start_from: Path | None = None,
    start_rank: bool = False,
    corrected: Sequence[str] = (),
) -> dict[str, Any]:
    """Fine-tune, tune the blend on val splits, write `out`; returns its header.

    The blend is tuned on the val splits of `tune_on`, or of the training folders if empty.
    With `start_from`, training goes on from that adapter file instead of from scratch, at
    that adapter's rank when `start_rank` (else the recipe's, which must match it).
    `corrected`: the texts of the corrections among `rows`, kept in the header as
    fingerprints (with those of the `start_from` adapter) and left out of the val splits.
    """
    encoder = _e5_image.read(_e5_image.default_image())
    start, start_header = _e5_adapter.read(start_from) if start_from else (None, {})
    if start is not None and start_rank:
        recipe = replace(recipe, rank=start.rank)
    say(f"fine-tuning on {len(rows)} texts")
    adapter = _e5_adapter.as_shipped(_fine_tune()(encoder, rows, recipe, step, start))
    meta: dict[str, Any] = {
        "seed": recipe.seed,
        "steps": recipe.steps,
        "rank": recipe.rank,
        "batch_size": recipe.batch_size,
        "batches": recipe.batches,
        "texts": len(rows),
        "sources": [f.name for f in folders],
        "learning_rate": recipe.learning_rate,
        "device": recipe.device,
        "image": _e5_image.IMAGE_NAME,
        "built_with": built_with("numpy", "torch"),
    }
    if start_from:
        meta["started_from"] = start_from.name
    learnt = learnt_corrections(start_header) | {fingerprint(text) for text in corrected}
    if learnt:  # none: the header as before, so a rebuild of a shipped adapter gives its file
        meta["corrections"] = sorted(learnt)
    learnt |= learnt_corrections(ngram.meta)
    meta |= tuned_settings(encoder, adapter, tune_on or folders, ngram, encoder_share, say, learnt)
    _e5_adapter.save(adapter, meta, out)
    return meta


def retune(
    adapter_path: Path,
    out: Path,
    folders: Sequence[Path],
    ngram: NgramModel,
    encoder_share: float,
    say: Say,
) -> dict[str, Any]:
    """Tune a trained adapter's blend again (new n-gram model, share or val data); same weights.

    Returns the header written to `out`. With no val split among `folders` nothing is written:
    the old settings would be dropped for none.
    """
    adapter, header = _e5_adapter.read(adapter_path)
    encoder = _e5_image.read(_e5_image.default_image())
    learnt = learnt_corrections(header) | learnt_corrections(ngram.meta)
    tuned = tuned_settings(encoder, adapter, folders, ngram, encoder_share, say, learnt)
    if "tuned_on" not in tuned and tuned.get("val_learnt"):  # val there was, all of it learnt
        raise ValueError(
            "every val text of the folders was learnt from a correction: tuned on them, the "
            "blend would be chosen on what the models were taught; tune on other folders"
        )
    if not tuned:
        raise ValueError("none of the folders has val_text.txt / val_labels.txt to tune on")
    dropped = ("format", "layers", "val_learnt")  # the last tuning's, not this one's
    meta = {k: v for k, v in header.items() if k not in dropped} | tuned
    _e5_adapter.save(adapter, meta, out)
    return meta


def tuned_settings(
    encoder: _e5_image.Encoder,
    adapter: _e5_net.Adapter,
    folders: Sequence[Path],
    ngram: NgramModel,
    encoder_share: float,
    say: Say,
    learnt: Collection[str] = frozenset(),
) -> dict[str, Any]:
    """The header's skip_above, blend and bias, chosen on the folders' val splits, less the
    texts either model learnt as corrections (`learnt`: their fingerprints).

    Empty when no folder has a val split: the classifier then lets the encoder read alone;
    only `val_learnt` where each text of them was learnt.
    """
    merged = _e5_net.merge(encoder, adapter)
    tokenizer = Tokenizer(merged.vocabulary)
    sets, left_out = {}, 0
    for folder in dict.fromkeys(folders):  # a folder named twice is tuned on once
        val = read_split(folder, "val")
        texts, gold = unseen(val.texts, val.labels, learnt) if val else ([], [])
        left_out += len(val.texts) - len(texts) if val else 0
        if texts:
            say(f"reading {folder.name} val with both models")
            sets[folder.name] = _e5_tuning.ValProbs(
                ngram=ngram.probabilities(texts, lang.detect(texts)),
                encoder=_e5_net.read(merged, adapter.head, tokenizer, texts),
                gold=gold,
                cued=np.array([has_praise_cue(t) for t in texts], dtype=bool),
            )
    if not sets:  # no val split, or every text of them learnt
        return {"val_learnt": left_out} if left_out else {}
    tuned = _e5_tuning.tune(sets, encoder_share)
    settings = {
        "tuned_on": list(sets),
        "encoder_share": encoder_share,
        "skip_above": tuned.skip_above,
        "blend": tuned.blend,
        "bias": list(tuned.bias),
    }
    # Val texts left out because the adapter or the n-gram model learnt them as corrections.
    return settings | ({"val_learnt": left_out} if left_out else {})


def learnt_corrections(header: dict[str, Any]) -> set[str]:
    """The fingerprints of the corrections an adapter or n-gram model learnt, from its header
    (none in one trained without corrections, or before they were recorded)."""
    found = header.get("corrections", [])
    if not isinstance(found, list) or not all(isinstance(key, str) for key in found):
        raise ValueError(f"corrections {found!r}, expected a list of fingerprints")
    return set(found)


def _fine_tune() -> FineTune:
    try:
        from sentiment._e5_training import fine_tune
    except ImportError as exc:
        raise RuntimeError(
            f"training the e5 adapter needs torch ({exc}): pip install -e '.[transformers]'"
        ) from exc
    return fine_tune
