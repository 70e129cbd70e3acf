"""The transformers classifier refuses, at start-up, a folder or label mapping it cannot read right.

Each error names the setting and the fix; before, a folder without tokenizer files read every
text alike with no error, and a mapping key the model lacks was ignored.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from mentiondesk.models import ConfigError, Label, PluginContext
from sentiment.transformers_hf import (
    TransformersClassifier,
    TransformersClassifierConfig,
    label_columns,
)


def _save_model(folder: Path, *, tokenizer: bool) -> Path:
    import torch
    from transformers import BertConfig, BertForSequenceClassification, BertTokenizer

    folder.mkdir()
    if tokenizer:
        vocab = folder / "vocab.txt"
        vocab.write_text("[PAD]\n[UNK]\n[CLS]\n[SEP]\n[MASK]\nlove\nhate\n")
        BertTokenizer(vocab=str(vocab)).save_pretrained(folder)
    torch.manual_seed(0)
    config = BertConfig(
        vocab_size=7,
        hidden_size=8,
        num_hidden_layers=1,
        num_attention_heads=2,
        intermediate_size=16,
        max_position_embeddings=32,
    )
    config.num_labels = 3
    BertForSequenceClassification(config).save_pretrained(folder)
    return folder


def _start(folder: Path) -> TransformersClassifier:
    context = PluginContext(brand=None, base_dir=folder.parent)  # type: ignore[arg-type]
    config = TransformersClassifierConfig.model_validate(
        {"model": f"./{folder.name}", "local_files_only": True}
    )
    return TransformersClassifier.from_config(config, context)


def test_a_model_folder_without_tokenizer_files_is_refused(tmp_path: Path) -> None:
    # transformers made up a tokenizer of special tokens only: every word unknown, no error.
    folder = _save_model(tmp_path / "no-tokenizer", tokenizer=False)
    with pytest.raises(
        ConfigError, match=r"sentiment\.settings\.model: .* no tokenizer files"
    ) as e:
        _start(folder)
    assert "save_pretrained(FOLDER)" in str(e.value)
    with pytest.raises(ConfigError, match="no tokenizer files"):
        TransformersClassifier(model=str(folder), local_files_only=True)


def test_the_same_folder_with_its_tokenizer_loads(tmp_path: Path) -> None:
    folder = _save_model(tmp_path / "whole", tokenizer=True)
    assert len(_start(folder).classify(["love", "hate"], [None, None])) == 2


@pytest.mark.parametrize("content", [None, "notes.txt"])
def test_a_folder_that_holds_no_model_says_so(tmp_path: Path, content: str | None) -> None:
    # The tokenizer failed first and told people to install sentencepiece.
    folder = tmp_path / "not-a-model"
    folder.mkdir()
    if content:
        (folder / content).write_text("hello")
    with pytest.raises(ConfigError, match=r"no saved model \(no config\.json\)") as caught:
        _start(folder)
    assert caught.value.args[0].startswith("sentiment.settings.model: ")
    assert "sentencepiece" not in str(caught.value)


def test_check_config_finds_a_folder_that_holds_no_model(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    with pytest.raises(ValueError, match="no saved model"):
        TransformersClassifierConfig.model_validate(
            {"model": "./empty"}, context={"base_dir": tmp_path}
        )


@pytest.mark.parametrize(
    ("id2label", "mapping", "unknown"),
    [
        # "0" for LABEL_0 was ignored, and the columns read by position instead.
        (
            {0: "LABEL_0", 1: "LABEL_1", 2: "LABEL_2"},
            {"0": Label.POSITIVE, "1": Label.NEUTRAL, "2": Label.NEGATIVE},
            "0",
        ),
        # A typo beside a full mapping of the model's own names.
        (
            {0: "1 star", 1: "3 stars", 2: "5 stars"},
            {
                "1 star": Label.NEGATIVE,
                "3 stars": Label.NEUTRAL,
                "5 stars": Label.POSITIVE,
                "5 star": Label.POSITIVE,
            },
            "5 star",
        ),
    ],
)
def test_a_mapping_naming_a_label_the_model_lacks_is_refused(
    id2label: dict[int, str], mapping: dict[str, Label], unknown: str
) -> None:
    with pytest.raises(
        ConfigError, match=r"sentiment\.settings\.labels: the model has no label"
    ) as e:
        label_columns(id2label, mapping)
    assert repr(unknown) in str(e.value) and repr(id2label[0]) in str(e.value)


def _save_gpt_style(folder: Path, *, eos: bool) -> Path:
    """A tiny GPT-2 classifier whose tokenizer, as GPT-2's, has no padding token."""
    import torch
    from tokenizers import Tokenizer, models, pre_tokenizers
    from transformers import GPT2Config, GPT2ForSequenceClassification, PreTrainedTokenizerFast

    words = ["<unk>", "<eos>", "love", "hate", "the", "lamp", "late", "I", "is", "it"]
    backend = Tokenizer(models.WordLevel({w: i for i, w in enumerate(words)}, unk_token="<unk>"))
    backend.pre_tokenizer = pre_tokenizers.Whitespace()
    special = {"eos_token": "<eos>"} if eos else {}
    tokenizer = PreTrainedTokenizerFast(  # type: ignore[no-untyped-call]
        tokenizer_object=backend, unk_token="<unk>", **special
    )
    tokenizer.save_pretrained(folder)
    torch.manual_seed(0)
    config = GPT2Config(vocab_size=len(words), n_embd=8, n_layer=1, n_head=2, n_positions=32)
    config.eos_token_id = config.bos_token_id = 1
    config.num_labels = 3
    GPT2ForSequenceClassification(config).save_pretrained(folder)
    return folder


def test_a_model_without_a_padding_token_reads_batches(tmp_path: Path) -> None:
    # Start-up was clean, then every batch failed: "Asking to pad but the tokenizer does not
    # have a padding token".
    classifier = TransformersClassifier(model=str(_save_gpt_style(tmp_path / "gpt", eos=True)))
    texts = ["I love it", "the lamp is late late late", "hate"]
    together = classifier.probabilities(texts)
    for row, text in zip(together, texts, strict=True):
        assert abs(row - classifier.probabilities([text])[0]).max() < 1e-5
    assert len(classifier.classify(texts, [None] * 3)) == 3


def test_a_model_with_no_padding_or_end_token_is_refused_at_start_up(tmp_path: Path) -> None:
    folder = _save_gpt_style(tmp_path / "gpt", eos=False)
    with pytest.raises(ConfigError, match=r"sentiment\.settings\.model: .* no padding token"):
        TransformersClassifier(model=str(folder))


def test_a_one_output_model_is_refused_rather_than_mapped() -> None:
    # "add it, e.g. labels = { 'LABEL_0' = 'negative' }" made every text negative, 100 % sure.
    with pytest.raises(ConfigError, match="one output") as caught:
        label_columns({0: "LABEL_0"}, {})
    assert "labels = " not in str(caught.value)
    with pytest.raises(ConfigError, match="one output"):
        label_columns({0: "LABEL_0"}, {"LABEL_0": Label.NEGATIVE})
