"""A saved model whose config.json is damaged is refused at check-config and at start-up with
the file's path and the fix, not a bare TypeError from transformers."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from mentiondesk.models import ConfigError
from sentiment.transformers_hf import TransformersClassifier, TransformersClassifierConfig
from tests.test_sentiment_transformers_folders import _save_model


@pytest.fixture(params=["list", "cut"])
def damaged(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    pytest.importorskip("transformers")
    folder = _save_model(tmp_path / "model", tokenizer=True)
    config = folder / "config.json"
    # A list: TypeError "argument after ** must be a mapping"; a cut copy: refused only at
    # start-up, after check-config had passed it.
    text = "[1, 2]" if request.param == "list" else config.read_text()[:40]
    config.write_text(text)
    return folder


def test_start_up_names_the_damaged_config(damaged: Path) -> None:
    with pytest.raises(ConfigError, match=r"model/config\.json' is unreadable.*save_pretrained"):
        TransformersClassifier(model=str(damaged), local_files_only=True)


def test_check_config_names_the_damaged_config(damaged: Path) -> None:
    with pytest.raises(ValidationError, match=r"model/config\.json' is unreadable"):
        TransformersClassifierConfig.model_validate(
            {"model": "./model"}, context={"base_dir": damaged.parent}
        )


def test_a_whole_saved_model_loads(tmp_path: Path) -> None:
    pytest.importorskip("transformers")
    folder = _save_model(tmp_path / "model", tokenizer=True)
    reading = TransformersClassifier(model=str(folder), local_files_only=True).classify(
        ["", "\x00\ud800", "love " * 20_000], [None, None, None]
    )
    assert [r.lang for r in reading[:2]] == ["und", "und"]
