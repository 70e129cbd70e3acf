"""`transformers`: any Hugging Face sequence-classification model, by hub name or local folder.

Needs the `transformers` extra (torch, transformers). Nothing here downloads by itself: a hub
name is fetched by the transformers library only when the user names one and has access.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field, ValidationInfo, field_validator

from mentiondesk.models import ConfigError, Label, PluginConfig, PluginContext, Reading, valid_text
from sentiment import lang
from sentiment._enrich import readings
from sentiment._hf_folder import missing_folder, model_folder, model_problem

if TYPE_CHECKING:
    import numpy as np

# Without a mapping, a model's labels are read by name, or by position for LABEL_0.. names.
_BY_POSITION = {
    2: (Label.NEGATIVE, Label.POSITIVE),
    3: (Label.NEGATIVE, Label.NEUTRAL, Label.POSITIVE),
}
_ORDER = (Label.NEGATIVE, Label.NEUTRAL, Label.POSITIVE)
# RoBERTa-style models number positions from padding_idx + 1: the first pad_token_id + 1
# position embeddings are never a token's (XLM-R: 514 in the config, 512 tokens).
_OFFSET_POSITIONS = {
    "camembert",
    "data2vec-text",
    "ibert",
    "longformer",
    "mpnet",
    "roberta",
    "roberta-prelayernorm",
    "xlm-roberta",
    "xlm-roberta-xl",
}
log = logging.getLogger(__name__)


class TransformersClassifierConfig(PluginConfig):
    kind: Literal["transformers"] = "transformers"
    # e.g. "cardiffnlp/twitter-xlm-roberta-base-sentiment", or a folder with a saved model.
    model: str = Field(min_length=1)
    # The model's label names → negative / neutral / positive, when its own names say neither.
    labels: dict[str, Label] = Field(default_factory=dict)
    batch_size: int = Field(default=32, ge=1, le=1024)
    max_length: int = Field(default=128, ge=8, le=4096)
    threads: int | None = Field(default=None, ge=1)
    # True: never reach the hub, the model must be in a local folder or the local cache.
    local_files_only: bool = False

    @field_validator("model")
    @classmethod
    def _folder_exists(cls, model: str, info: ValidationInfo) -> str:
        # At load (check-config too), where the config's folder is known: not at first use.
        base = (info.context or {}).get("base_dir")
        if base is not None and (why := missing_folder(model, Path(base))):
            raise ValueError(why)
        return model


class TransformersClassifier:
    """Label = the class with the most probability, summed over the model's labels mapped to it."""

    Config = TransformersClassifierConfig
    name = "transformers"

    def __init__(
        self,
        *,
        model: str,
        labels: dict[str, Label] | None = None,
        batch_size: int = 32,
        max_length: int = 128,
        threads: int | None = None,
        local_files_only: bool = False,
    ) -> None:
        if Path(model).is_dir() and (why := model_problem(Path(model))):
            raise ConfigError(f"sentiment.settings.model: {why}")
        torch, auto = _import_libraries()
        if threads:
            torch.set_num_threads(threads)
        try:
            self._tokenizer = auto.AutoTokenizer.from_pretrained(
                model, local_files_only=local_files_only
            )
            self._model = auto.AutoModelForSequenceClassification.from_pretrained(
                model, local_files_only=local_files_only
            ).eval()
        except (OSError, ValueError) as exc:
            raise ConfigError(f"sentiment.settings.model: cannot load {model!r}: {exc}") from exc
        self._torch = torch
        _pad_batches(model, self._tokenizer, self._model.config)
        self._columns = label_columns(self._model.config.id2label, labels or {})
        self._batch_size = batch_size
        self.max_length = _capped(max_length, self._tokenizer, self._model.config)
        lang.warm_up()

    @classmethod
    def from_config(
        cls, config: TransformersClassifierConfig, context: PluginContext
    ) -> TransformersClassifier:
        # Else the hub answers for a missing folder: "Repo id must use alphanumeric chars…".
        if why := missing_folder(config.model, context.base_dir):
            raise ConfigError(f"sentiment.settings.model: {why}")
        local = model_folder(config.model, context.base_dir)
        model = str(local) if local.is_dir() else config.model
        return cls(
            model=model,
            labels=config.labels,
            batch_size=config.batch_size,
            max_length=config.max_length,
            threads=config.threads,
            local_files_only=config.local_files_only,
        )

    def classify(self, texts: Sequence[str], langs: Sequence[str | None]) -> list[Reading]:
        texts = [valid_text(t) for t in texts]  # half an emoji: U+FFFD, not a crash
        polarity: list[tuple[Label, float]] = []
        for start in range(0, len(texts), self._batch_size):
            probs = self.probabilities(texts[start : start + self._batch_size])
            best = probs.argmax(axis=1)
            polarity += [(_ORDER[int(k)], float(p[k])) for k, p in zip(best, probs, strict=True)]
        return readings(texts, langs, polarity, classifier=self.name)

    def probabilities(self, texts: Sequence[str]) -> np.ndarray:
        """Probabilities of negative, neutral, positive for one batch of texts."""
        import numpy as np

        # A tokenizer is fed characters, not tokens: cap them so a 10 kB text costs no more
        # than the max_length tokens the model reads anyway.
        clipped = [text[: self.max_length * 8] for text in texts]
        batch = self._tokenizer(
            clipped,
            padding=True,
            truncation=True,
            max_length=self.max_length,
            return_tensors="pt",
        )
        with self._torch.inference_mode():
            logits = self._model(**batch).logits
        raw = self._torch.softmax(logits.float(), dim=-1).numpy()
        out = np.zeros((len(texts), 3), dtype=np.float32)
        for column, label in enumerate(self._columns):
            out[:, _ORDER.index(label)] += raw[:, column]
        return out


def _pad_batches(model: str, tokenizer: Any, config: Any) -> None:
    """Give a model with no padding token (GPT-style) its end-of-text token as one.

    Texts are read in padded batches: without it every batch failed ("Asking to pad but the
    tokenizer does not have a padding token") after a clean start-up.
    """
    if tokenizer.pad_token is None:
        if tokenizer.eos_token is None:
            raise ConfigError(
                f"sentiment.settings.model: {model!r} has no padding token to read texts in "
                "batches; give its tokenizer one (tokenizer.pad_token = …) and save it there"
            )
        tokenizer.pad_token = tokenizer.eos_token
    # The model finds each text's last token by the padding id (GPT-2: "Cannot handle batch
    # sizes > 1 if no padding token is defined").
    if getattr(config, "pad_token_id", None) is None:
        config.pad_token_id = tokenizer.pad_token_id


def _capped(max_length: int, tokenizer: Any, config: Any) -> int:
    """`max_length`, or fewer: the tokens the model has positions for.

    Capped rather than refused: the setting is a ceiling on what is read, and its default
    (128) must not stop a model with fewer positions from loading.
    """
    limit = int(min(tokenizer.model_max_length, 1 << 30))
    positions = getattr(config, "max_position_embeddings", None)
    if isinstance(positions, int):
        reserved = 0
        if getattr(config, "model_type", "") in _OFFSET_POSITIONS:
            reserved = int(getattr(config, "pad_token_id", None) or 0) + 1
        limit = min(limit, positions - reserved)
    if max_length > limit:
        log.warning(
            "sentiment.settings.max_length %d: the model reads at most %d tokens; using %d",
            max_length,
            limit,
            limit,
        )
        return limit
    return max_length


def label_columns(id2label: dict[int, str], mapping: dict[str, Label]) -> list[Label]:
    """Our label for each of the model's output columns; ConfigError when one is unknown."""
    names = [str(id2label[i]) for i in sorted(id2label)]
    # A one-output model scores (regression): its softmax is 1.0, so mapping its label as the
    # error below says would read every text as that class, sure of it.
    if len(names) < 2:
        raise ConfigError(
            "sentiment.settings.model: the model has one output (a score, not classes); "
            "choose a sequence-classification model with a label per class"
        )
    # A name the model lacks (a typo, "0" for "LABEL_0") was ignored: its columns were then
    # read by name or position instead of as the mapping said.
    if unknown := [name for name in mapping if name not in names]:
        raise ConfigError(
            f"sentiment.settings.labels: the model has no label {unknown[0]!r}; its labels "
            f"are {', '.join(map(repr, names))}: map those names, or remove {unknown[0]!r}"
        )
    out = []
    for index, name in enumerate(names):
        found = mapping.get(name) or _by_name(name) or _by_position(name, index, len(names))
        if found is None:
            # "e.g. labels = { '5 stars' = 'negative' }" suggested reading praise as complaints.
            raise ConfigError(
                f"sentiment.settings.labels: the model's label {name!r} maps to no class; its "
                f"labels are {', '.join(map(repr, names))}: map each of them to negative, "
                f"neutral or positive, e.g. labels = {{ {name!r} = … }}"
            )
        out.append(found)
    return out


def _by_name(name: str) -> Label | None:
    lowered = name.lower()
    return next((label for label in _ORDER if lowered.startswith(label.value[:3])), None)


def _by_position(name: str, index: int, count: int) -> Label | None:
    if name.upper() == f"LABEL_{index}" and count in _BY_POSITION:
        return _BY_POSITION[count][index]
    return None


def _import_libraries() -> tuple[Any, Any]:
    try:
        import torch
        import transformers
    except ImportError as exc:
        raise ConfigError(
            "the transformers classifier needs torch and transformers: "
            "pip install 'mentiondesk[transformers]'"
        ) from exc
    return torch, transformers
