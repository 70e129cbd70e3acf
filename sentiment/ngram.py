"""`ngram`: the trained default classifier — per-language logistic regression on n-grams."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Literal

import numpy as np
from pydantic import ValidationInfo, field_validator

from mentiondesk.models import Label, PluginConfig, PluginContext, Reading, valid_text
from sentiment import lang
from sentiment._emoji import emoji_reading
from sentiment._enrich import readings
from sentiment._ngram_model import DEFAULT_PATH, NOTHING_SAID, NgramModel, load, path_problem
from sentiment._sarcasm import unmasked
from sentiment._threats import escalated

LABELS = (Label.NEGATIVE, Label.NEUTRAL, Label.POSITIVE)


class NgramClassifierConfig(PluginConfig):
    kind: Literal["ngram"] = "ngram"
    # A model trained by `mentiondesk train-sentiment`; relative paths are from the config
    # file's folder. Empty: the model shipped with mentiondesk.
    path: str | None = None

    @field_validator("path")
    @classmethod
    def _file_exists(cls, path: str | None, info: ValidationInfo) -> str | None:
        # At load (check-config too), where the config's folder is known: not at start-up,
        # after `run` has made the store.
        base = (info.context or {}).get("base_dir")
        if path and base is not None and (why := path_problem(Path(base) / path)):
            raise ValueError(why)
        return path


class NgramClassifier:
    """Reads EN and PT (and, more roughly, other languages) with the shipped trained model."""

    Config = NgramClassifierConfig
    name = "ngram"

    def __init__(self, path: Path = DEFAULT_PATH) -> None:
        # Loaded here, at start-up, so a missing or damaged file stops the program before
        # any mention is read, with the command that rebuilds it.
        self.model: NgramModel = load(path)
        lang.warm_up()

    @classmethod
    def from_config(cls, config: NgramClassifierConfig, context: PluginContext) -> NgramClassifier:
        path = context.base_dir / config.path if config.path else DEFAULT_PATH
        return cls(path)

    def classify(self, texts: Sequence[str], langs: Sequence[str | None]) -> list[Reading]:
        texts = [valid_text(t) for t in texts]  # half an emoji: U+FFFD, not a crash
        detected = lang.detect(texts, langs)
        probs = self._read(texts, detected)
        best = probs.argmax(axis=1)
        polarity = [(LABELS[int(k)], float(p[k])) for k, p in zip(best, probs, strict=True)]
        return readings(texts, detected, polarity, classifier=self.name)

    def probabilities(self, texts: Sequence[str], langs: Sequence[str | None]) -> np.ndarray:
        """Class probabilities (negative, neutral, positive) per text, for evaluation."""
        texts = [valid_text(t) for t in texts]  # as classify: half an emoji is no crash
        return self._read(texts, lang.detect(texts, langs))

    def _read(self, texts: Sequence[str], detected: Sequence[str]) -> np.ndarray:
        probs = self.model.probabilities(texts, detected)
        # "🙏", "." or "a" says nothing: neutral, not the model's guess from a few characters;
        # but "🤬🤬🤬" or "😍" says what its faces say (_emoji).
        for i, text in enumerate(texts):
            if lang.says_little(text):
                faces = emoji_reading(text)
                probs[i] = NOTHING_SAID if faces is None else faces
        probs = unmasked(texts, probs)  # "excelente, só que não!" is no praise (_sarcasm)
        return escalated(texts, probs)  # "vou no Procon" is a complaint (_threats)
