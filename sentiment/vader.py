"""VADER: the English lexicon classifier, the fast fallback."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from mentiondesk.models import Label, PluginConfig, PluginContext, Reading, valid_text
from sentiment import lang
from sentiment._enrich import readings

_MAX_CHARS = 5000  # VADER is linear in length; a 10 kB rant reads the same from its start


class VaderClassifierConfig(PluginConfig):
    kind: Literal["vader"] = "vader"
    threshold: float = 0.05


class VaderClassifier:
    """Label from VADER's compound score; score is the confidence in that label (0-1)."""

    Config = VaderClassifierConfig
    name = "vader"

    def __init__(self, threshold: float = 0.05) -> None:
        self._analyzer = SentimentIntensityAnalyzer()
        self._threshold = threshold
        lang.warm_up()

    @classmethod
    def from_config(cls, config: VaderClassifierConfig, context: PluginContext) -> VaderClassifier:
        return cls(threshold=config.threshold)

    def polarity(self, text: str) -> tuple[Label, float]:
        compound = float(self._analyzer.polarity_scores(text[:_MAX_CHARS])["compound"])
        if compound >= self._threshold:
            return Label.POSITIVE, compound
        if compound <= -self._threshold:
            return Label.NEGATIVE, -compound
        return Label.NEUTRAL, 1.0 - abs(compound)

    def classify(self, texts: Sequence[str], langs: Sequence[str | None]) -> list[Reading]:
        texts = [valid_text(t) for t in texts]  # half an emoji: U+FFFD, not a crash
        return readings(texts, langs, [self.polarity(t) for t in texts], classifier=self.name)
