"""eval-sentiment with the transformers classifier and a local model folder that is wrong: a
folder without config.json, or labels its mapping does not cover, stop with the setting named
and the fix, never a traceback. The tiny model is the one the folder tests build."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mentiondesk.cli import app
from mentiondesk.models import ConfigError, Label
from sentiment.transformers_hf import label_columns
from tests.helpers import mention, write_config, write_mentions
from tests.test_sentiment_transformers_folders import _save_model

runner = CliRunner()
STARS = {"0": "1 star", "1": "3 stars", "2": "5 stars"}


@pytest.fixture
def config(tmp_path: Path) -> Path:
    samples = write_mentions(tmp_path / "m.jsonl", [mention(1, "@lumora love")])
    return write_config(tmp_path, db_url=f"sqlite:///{tmp_path}/desk.db", samples=samples)


def _eval(config: Path, tmp_path: Path, *settings: str) -> tuple[int, str]:
    text, labels = tmp_path / "t.txt", tmp_path / "l.txt"
    text.write_text("love\nhate\n")
    labels.write_text("positive\nnegative\n")
    args = ["--text", str(text), "--labels", str(labels), "--classifier", "transformers"]
    for setting in settings:
        args += ["--setting", setting]
    result = runner.invoke(app, ["--config", str(config), "eval-sentiment", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result.exit_code, " ".join(result.output.split())


def _stars_model(tmp_path: Path) -> Path:
    folder = _save_model(tmp_path / "stars", tokenizer=True)
    saved = json.loads((folder / "config.json").read_text())
    saved["id2label"], saved["label2id"] = STARS, {v: int(k) for k, v in STARS.items()}
    (folder / "config.json").write_text(json.dumps(saved))
    return folder


def test_a_model_folder_without_config_json_is_named(config: Path, tmp_path: Path) -> None:
    folder = _save_model(tmp_path / "mine", tokenizer=True)
    (folder / "config.json").unlink()
    code, output = _eval(config, tmp_path, "model=./mine", "local_files_only=true")
    assert code == 2 and "sentiment.settings.model:" in output and "no config.json" in output


def test_labels_the_mapping_leaves_out_are_listed_not_guessed(config: Path, tmp_path: Path) -> None:
    _stars_model(tmp_path)
    mapping = "labels={ '1 star' = 'negative', '3 stars' = 'neutral' }"
    code, output = _eval(config, tmp_path, "model=./stars", "local_files_only=true", mapping)
    assert code == 2 and "sentiment.settings.labels: the model's label '5 stars'" in output
    # It said "e.g. labels = { '5 stars' = 'negative' }": praise mapped to complaints.
    assert "'5 stars' = 'negative'" not in output
    assert "negative, neutral or positive" in output, output


def test_a_label_with_no_class_lists_the_models_labels() -> None:
    with pytest.raises(ConfigError) as caught:
        label_columns({0: "1 star", 1: "3 stars", 2: "5 stars"}, {"1 star": Label.NEGATIVE})
    said = str(caught.value)
    assert "'3 stars'" in said and "its labels are '1 star', '3 stars', '5 stars'" in said
    assert "= 'negative' }" not in said


def test_a_relative_model_folder_says_it_is_read_from_the_configs_folder(
    config: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # From another folder `--text t.txt` is read there, `model=./mine` beside the config: the
    # error named '<config folder>/mine' and left the user to guess why.
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    code, output = _eval(config, tmp_path, "model=./mine", "local_files_only=true")
    assert code == 2 and f"no such folder '{tmp_path / 'mine'}'" in output
    assert "fix the path: it is read relative to the config file's folder" in output
    shown = runner.invoke(app, ["eval-sentiment", "--help"]).output.replace("│", " ")
    help_text = " ".join(shown.split())
    assert "relative to the config file's folder" in help_text
