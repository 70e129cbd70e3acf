"""The transformers classifier, on a tiny random BERT the test builds and saves itself."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest

from mentiondesk.models import ConfigError, Label, PluginContext
from sentiment.transformers_hf import (
    TransformersClassifier,
    TransformersClassifierConfig,
    _capped,
    label_columns,
)
from tests.docs_text import page

WORDS = ["love", "hate", "lamp", "parcel", "late", "great", "entrega", "ótimo", "the", "is"]


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import torch
    from transformers import BertConfig, BertForSequenceClassification, BertTokenizerFast

    folder = tmp_path_factory.mktemp("tiny-bert")
    vocab = folder / "vocab.txt"
    vocab.write_text("\n".join(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *WORDS]) + "\n")
    # `vocab=`: transformers 5 ignores `vocab_file=`, and every word would be [UNK].
    BertTokenizerFast(vocab=str(vocab)).save_pretrained(folder)
    torch.manual_seed(0)
    config = BertConfig(
        vocab_size=len(WORDS) + 5,
        hidden_size=16,
        num_hidden_layers=1,
        num_attention_heads=2,
        intermediate_size=32,
        max_position_embeddings=64,
        num_labels=3,
        id2label={0: "NEG", 1: "NEU", 2: "POS"},
        label2id={"NEG": 0, "NEU": 1, "POS": 2},
    )
    BertForSequenceClassification(config).save_pretrained(folder)
    return folder


def _config(model: Path, **extra: object) -> TransformersClassifierConfig:
    return TransformersClassifierConfig.model_validate(
        {"model": model.name, "max_length": 32, "batch_size": 2, "threads": 1, **extra}
    )


def _build(model: Path, **extra: object) -> TransformersClassifier:
    context = PluginContext(brand=None, base_dir=model.parent)  # type: ignore[arg-type]
    return TransformersClassifier.from_config(_config(model, **extra), context)


def test_loads_a_local_folder_through_the_config(tiny_model: Path) -> None:
    readings = _build(tiny_model, local_files_only=True).classify(
        ["I love the lamp", "the parcel is late", "entrega ótimo"], [None, None, "pt"]
    )
    assert len(readings) == 3 and all(isinstance(r.label, Label) for r in readings)
    assert readings[2].lang == "pt" and {r.classifier for r in readings} == {"transformers"}


def test_probabilities_sum_to_one(tiny_model: Path) -> None:
    probs = _build(tiny_model).probabilities(["love", "hate"])
    assert probs.shape == (2, 3) and abs(float(probs.sum()) - 2.0) < 1e-4
    # The words are the model's own, not all [UNK]: two texts read two ways.
    assert not np.array_equal(probs[0], probs[1])


def test_awkward_input_never_raises(tiny_model: Path) -> None:
    texts = ["", "😡😡", "late " * 2000, "@lumora https://t.co/x"]
    readings = _build(tiny_model).classify(texts, [None] * 4)
    assert [r.lang for r in readings] == ["und", "und", "en", "und"]


def test_label_mapping_from_config() -> None:
    columns = label_columns(
        {0: "1 star", 1: "3 stars", 2: "5 stars"},
        {
            "1 star": Label.NEGATIVE,
            "3 stars": Label.NEUTRAL,
            "5 stars": Label.POSITIVE,
        },
    )
    assert columns == [Label.NEGATIVE, Label.NEUTRAL, Label.POSITIVE]


def test_generic_label_names_are_read_by_position() -> None:
    columns = label_columns({0: "LABEL_0", 1: "LABEL_1"}, {})
    assert columns == [Label.NEGATIVE, Label.POSITIVE]


def test_unknown_label_says_how_to_map_it() -> None:
    with pytest.raises(ConfigError, match="labels = "):
        label_columns({0: "joy", 1: "anger"}, {})


def test_missing_model_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot load"):
        TransformersClassifier(model=str(tmp_path / "nothing-here"), local_files_only=True)


def test_max_length_beyond_the_models_positions_is_capped(tiny_model: Path) -> None:
    # 128 tokens asked of a model with 64 positions: a long line crashed at read time.
    classifier = _build(tiny_model, max_length=128)
    assert classifier.max_length == 64
    readings = classifier.classify(["late " * 200, "love"], [None, None])
    assert len(readings) == 2


def test_roberta_style_models_keep_their_reserved_positions() -> None:
    # XLM-R's config says 514 positions, but tokens start after padding_idx (1): 512 usable.
    tokenizer = SimpleNamespace(model_max_length=10**30)
    roberta = SimpleNamespace(model_type="xlm-roberta", max_position_embeddings=514, pad_token_id=1)
    assert _capped(1024, tokenizer, roberta) == 512
    assert _capped(128, tokenizer, roberta) == 128
    assert _capped(600, SimpleNamespace(model_max_length=256), roberta) == 256


@pytest.mark.parametrize("model", ["./nope", "/no/such/model", "models/mine/nope"])
def test_a_missing_local_folder_says_so(tmp_path: Path, model: str) -> None:
    context = PluginContext(brand=None, base_dir=tmp_path)  # type: ignore[arg-type]
    config = TransformersClassifierConfig.model_validate({"model": model})
    with pytest.raises(ConfigError, match="no such folder") as caught:
        TransformersClassifier.from_config(config, context)
    assert "Repo id" not in str(caught.value)


def test_a_model_folder_under_home_is_found(
    tiny_model: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ "~/models/tiny" was looked for under the config's folder: "no such folder" at start-up."""
    monkeypatch.setenv("HOME", str(tiny_model.parent))
    model = f"~/{tiny_model.name}"
    context = {"base_dir": tmp_path / "cfg"}
    config = TransformersClassifierConfig.model_validate({"model": model}, context=context)
    plugin = PluginContext(brand=None, base_dir=tmp_path / "cfg")  # type: ignore[arg-type]
    readings = TransformersClassifier.from_config(config, plugin).classify(["love it"], [None])
    assert len(readings) == 1


def test_a_hub_name_is_not_taken_for_a_folder(tmp_path: Path) -> None:
    context = PluginContext(brand=None, base_dir=tmp_path)  # type: ignore[arg-type]
    config = TransformersClassifierConfig.model_validate(
        {"model": "no-such-org/no-such-model", "local_files_only": True}
    )
    with pytest.raises(ConfigError, match="cannot load 'no-such-org/no-such-model'"):
        TransformersClassifier.from_config(config, context)


def test_the_readme_toml_samples_parse_and_the_transformers_one_loads() -> None:
    # `settings.labels = …` after an inline `settings = {…}` was a TOML error, and the
    # star mapping left "2 stars" and "4 stars" without a class.
    sentiment_page = page("docs/sentiment.md")
    parsed = [tomllib.loads(b) for b in re.findall(r"```toml\n(.*?)```", sentiment_page, re.S)]
    samples = [
        p["sentiment"] for p in parsed if p.get("sentiment", {}).get("classifier") == "transformers"
    ]
    assert samples, "docs/sentiment.md shows no transformers sample"
    for sample in samples:
        config = TransformersClassifierConfig.model_validate(sample["settings"])
        stars = {i: f"{i + 1} star{'s' if i else ''}" for i in range(5)}
        assert label_columns(stars, config.labels)[1:4] == [
            Label.NEGATIVE,
            Label.NEUTRAL,
            Label.POSITIVE,
        ]
