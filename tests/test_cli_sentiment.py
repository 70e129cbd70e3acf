"""train-sentiment (n-gram), eval-sentiment, classify and relabel on tiny data; the e5 adapter's
training is in test_cli_train_e5.py."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mentiondesk.cli import app
from mentiondesk.cli_classifier import parse_settings
from sentiment.evaluation import CLASSES
from tests.helpers import mention, write_config, write_mentions
from tests.sentiment_data import EN, PT, write_folder

runner = CliRunner()


@pytest.fixture
def config(tmp_path: Path) -> Path:
    return sentiment_config(tmp_path)


def sentiment_config(tmp_path: Path) -> Path:
    """A desk config on SQLite with two sample mentions, for the sentiment commands."""
    samples = write_mentions(
        tmp_path / "m.jsonl", [mention(1, "@lumora the lamp is fine"), mention(2, "hello")]
    )
    return write_config(tmp_path, db_url=f"sqlite:///{tmp_path}/desk.db", samples=samples)


def md(config: Path, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["--config", str(config), *args])
    return result.exit_code, result.output


def labelled(tmp_path: Path) -> tuple[Path, Path]:
    text, labels = tmp_path / "t.txt", tmp_path / "l.txt"
    text.write_text("I love it, thanks\nworst service ever, awful\nwhat time do you open\n")
    labels.write_text("positive\n0\n1\n")
    return text, labels


def test_train_sentiment_writes_a_model(config: Path, tmp_path: Path) -> None:
    en, pt = write_folder(tmp_path / "en", EN), write_folder(tmp_path / "pt", PT)
    out = tmp_path / "model.npz"
    code, output = md(config, "train-sentiment", "--data", str(en), str(pt), "--out", str(out))
    assert code == 0 and out.is_file() and "en (27 texts), pt (27 texts)" in output


def test_train_sentiment_refuses_a_folder_without_data(config: Path, tmp_path: Path) -> None:
    code, output = md(config, "train-sentiment", "--data", str(tmp_path), "--out", "x.npz")
    assert code == 2 and "no train_text.txt" in output


def test_eval_sentiment_text(config: Path, tmp_path: Path) -> None:
    text, labels = labelled(tmp_path)
    code, output = md(config, "eval-sentiment", "--text", str(text), "--labels", str(labels))
    assert code == 0 and "macro-F1" in output and "gold \\ predicted" in output


def test_eval_sentiment_json(config: Path, tmp_path: Path) -> None:
    text, labels = labelled(tmp_path)
    args = ["--text", str(text), "--labels", str(labels), "--classifier", "ngram", "-f", "json"]
    code, output = md(config, "eval-sentiment", *args)
    data = json.loads(output)
    assert code == 0 and data["classifier"] == "ngram" and data["n"] == 3
    assert set(data) >= {"accuracy", "macro_f1", "macro_recall", "recall", "confusion"}


def test_eval_sentiment_mismatched_files(config: Path, tmp_path: Path) -> None:
    text, labels = labelled(tmp_path)
    labels.write_text("0\n")
    code, output = md(config, "eval-sentiment", "--text", str(text), "--labels", str(labels))
    assert code == 2 and "has 3 lines" in output


def test_relabel_is_stored_and_feeds_training(config: Path, tmp_path: Path) -> None:
    assert md(config, "run", "--once")[0] == 0
    code, output = md(config, "relabel", "1", "negative", "--by", "carla")
    assert code == 0 and "→ negative" in output
    en = write_folder(tmp_path / "en", EN)
    args = ["--data", str(en), "--out", str(tmp_path / "m.npz"), "--corrections"]
    code, output = md(config, "train-sentiment", *args)
    assert code == 0 and "used 1 of 1 corrections;" in output


def test_relabel_unknown_mention(config: Path) -> None:
    assert md(config, "run", "--once")[0] == 0
    assert md(config, "relabel", "99", "negative")[0] == 1
    assert md(config, "relabel", "1", "angry")[0] == 2


def test_eval_sentiment_says_which_setting_is_missing(config: Path, tmp_path: Path) -> None:
    text, labels = labelled(tmp_path)
    args = ["--text", str(text), "--labels", str(labels), "--classifier", "transformers"]
    code, output = md(config, "eval-sentiment", *args)
    assert code == 2 and "--setting model=" in output


def test_eval_sentiment_passes_settings_to_the_classifier(config: Path, tmp_path: Path) -> None:
    text, labels = labelled(tmp_path)
    args = ["--text", str(text), "--labels", str(labels), "--setting", "threshold=0.5"]
    code, output = md(config, "eval-sentiment", *args, "--classifier", "vader", "-f", "json")
    assert code == 0 and json.loads(output)["classifier"] == "vader"
    assert md(config, "eval-sentiment", *args[:4], "--setting", "oops")[0] == 2


def test_classify_reads_bytes_that_are_not_utf8_without_a_traceback(
    config: Path, tmp_path: Path
) -> None:
    stdin = runner.invoke(app, ["--config", str(config), "classify"], input=b"\xff\xfe late\n")
    assert stdin.exit_code == 0 and json.loads(stdin.output)["label"] in CLASSES
    latin = tmp_path / "latin.txt"
    latin.write_bytes("café frio, péssimo\n".encode("latin-1"))
    code, output = md(config, "classify", "--input", str(latin))
    assert code == 0 and json.loads(output)["label"] in CLASSES


def test_another_classifier_does_not_inherit_the_configured_ones_settings(
    config: Path, tmp_path: Path
) -> None:
    text = config.read_text().replace(
        'classifier = "vader"', 'classifier = "vader"\nsettings = { threshold = 0.5 }'
    )
    config.write_text(text)
    result = runner.invoke(
        app,
        ["--config", str(config), "classify", "--classifier", "ngram"],
        input="worst service ever\n",
    )
    assert result.exit_code == 0 and json.loads(result.output)["label"] == "negative"
    texts, labels = labelled(tmp_path)
    args = ["--text", str(texts), "--labels", str(labels)]
    assert md(config, "eval-sentiment", *args, "--classifier", "ngram")[0] == 0
    code, output = md(config, "eval-sentiment", *args, "--setting", "colour=red")
    assert code == 2 and "sentiment.settings.colour: not a setting of vader; remove it" in output


def test_classify_takes_settings_as_its_error_says(config: Path, tmp_path: Path) -> None:
    # classify told people to give a missing setting with --setting, which it did not have.
    args = ["--classifier", "transformers"]
    code, output = md(config, "classify", *args, "--input", str(labelled(tmp_path)[0]))
    assert code == 2 and "--setting model=" in output
    code, output = md(config, "classify", *args, "--setting", "model=./nope")
    assert code == 2 and "no such folder" in output, output
    code, output = md(config, "classify", "--classifier", "vader", "--setting", "colour=red")
    assert code == 2 and "not a setting of vader" in output


def test_settings_are_toml_values_or_plain_text() -> None:
    settings = parse_settings(
        [
            "labels={ '1 star' = 'negative', '5 stars' = 'positive' }",
            "skip_above=0.9",
            "local_files_only=true",
            "model=./my-model",
            "adapter=models/pt.npz",
            "when=2024-01-01",
        ]
    )
    assert settings == {
        "labels": {"1 star": "negative", "5 stars": "positive"},
        "skip_above": 0.9,
        "local_files_only": True,
        "model": "./my-model",
        "adapter": "models/pt.npz",
        "when": "2024-01-01",
    }


def test_a_mapping_setting_reaches_the_classifier(config: Path, tmp_path: Path) -> None:
    text, labels = labelled(tmp_path)
    args = ["--text", str(text), "--labels", str(labels), "--classifier", "e5", "-f", "json"]
    code, output = md(config, "eval-sentiment", *args, "--setting", "adapters={ pt = 'nope.npz' }")
    assert code == 2 and "nope.npz is missing" in output, output


def test_eval_sentiment_splits_texts_on_newlines_only(config: Path, tmp_path: Path) -> None:
    # U+2028, U+0085, a form feed or a lone \r inside a tweet made one text two, and the
    # counts no longer matched the labels.
    text, labels = tmp_path / "t.txt", tmp_path / "l.txt"
    text.write_bytes("love it\u2028thanks\r\nawful\x0cservice\u0085really\nok\rthen\n".encode())
    labels.write_text("positive\r\nnegative\n1\n")
    args = ["--text", str(text), "--labels", str(labels), "--classifier", "vader", "-f", "json"]
    code, output = md(config, "eval-sentiment", *args)
    assert code == 0, output
    assert json.loads(output)["n"] == 3


def test_train_sentiment_says_which_corrections_it_could_not_use(
    config: Path, tmp_path: Path
) -> None:
    # 'hello' has no language of its own (und): no model learns from its relabel.
    assert md(config, "run", "--once")[0] == 0
    assert md(config, "relabel", "1", "negative")[0] == 0
    assert md(config, "relabel", "2", "positive")[0] == 0
    en = write_folder(tmp_path / "en", EN)
    args = ["--data", str(en), "--out", str(tmp_path / "m.npz"), "--corrections"]
    code, output = md(config, "train-sentiment", *args)
    said = " ".join(output.split())
    assert code == 0, output
    assert (
        "used 1 of 2 corrections (1 in languages with no model of their own: undetermined)" in said
    )


def test_eval_sentiment_gives_no_recall_for_a_class_the_labels_lack(
    config: Path, tmp_path: Path
) -> None:
    text, labels = labelled(tmp_path)
    labels.write_text("positive\n0\n0\n")  # no neutral text
    args = ["--text", str(text), "--labels", str(labels), "--classifier", "vader"]
    code, output = md(config, "eval-sentiment", *args, "-f", "json")
    recall = json.loads(output)["recall"]
    assert code == 0 and recall["neutral"] is None and recall["negative"] is not None
    code, output = md(config, "eval-sentiment", *args)
    row = next(line for line in output.splitlines() if line.lstrip("│ ").startswith("neutral"))
    assert code == 0 and "—" in row and "0.000" not in row


def test_check_config_finds_a_model_folder_that_is_not_there(config: Path) -> None:
    """check-config said valid, and `run` then stopped on it."""
    model = 'classifier = "transformers"\nsettings = { model = "./nonexistent-model" }'
    config.write_text(config.read_text().replace('classifier = "vader"', model))
    code, output = md(config, "check-config")
    said = " ".join(output.split())
    assert code == 2 and "sentiment.settings.model: no such folder" in said, output
    assert "save the model there (save_pretrained) or fix the path" in said


def test_classify_reads_a_byte_order_mark_as_none_of_the_first_text(
    config: Path, tmp_path: Path
) -> None:
    """Notepad saves UTF-8 with a byte-order mark: it was read as part of the first text."""
    plain = runner.invoke(app, ["--config", str(config), "classify"], input=b"great service\n")
    marked = runner.invoke(
        app, ["--config", str(config), "classify"], input="\ufeffgreat service\n".encode()
    )
    assert plain.exit_code == marked.exit_code == 0
    assert json.loads(marked.output) == json.loads(plain.output)
    assert json.loads(plain.output)["label"] == "positive"
    saved = tmp_path / "notepad.txt"
    saved.write_bytes("\ufeffgreat service\n".encode())
    code, output = md(config, "classify", "--input", str(saved))
    assert code == 0 and json.loads(output) == json.loads(plain.output)
