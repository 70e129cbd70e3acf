"""Labelled files as people save them (a BOM, a trailing blank line, Latin-1, a typo), read by
eval-sentiment and train-sentiment alike; every refusal names the file and the fix."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mentiondesk.cli import app
from sentiment import training
from tests.helpers import mention, write_config, write_mentions
from tests.sentiment_data import EN, PT, write_folder

BOM = b"\xef\xbb\xbf"


@pytest.fixture
def config(tmp_path: Path) -> Path:
    samples = write_mentions(tmp_path / "m.jsonl", [mention(1, "@lumora the lamp is fine")])
    return write_config(tmp_path, db_url=f"sqlite:///{tmp_path}/desk.db", samples=samples)


def _eval(config: Path, text: Path, labels: Path) -> tuple[int, str]:
    args = ["eval-sentiment", "--text", str(text), "--labels", str(labels), "-f", "json"]
    result = CliRunner().invoke(app, ["--config", str(config), *args, "--classifier", "vader"])
    return result.exit_code, result.output


def _files(tmp_path: Path, text: bytes, labels: bytes) -> tuple[Path, Path]:
    (tmp_path / "t.txt").write_bytes(text)
    (tmp_path / "l.txt").write_bytes(labels)
    return tmp_path / "t.txt", tmp_path / "l.txt"


TEXTS = b"I love it, thanks\r\nworst service ever, awful\r\nwhat time do you open\r\n"


def test_eval_reads_files_saved_with_a_utf8_bom(config: Path, tmp_path: Path) -> None:
    # Notepad and Excel write one: the first label read as '\ufeff2', not a label.
    text, labels = _files(tmp_path, BOM + TEXTS, BOM + b"2\r\n0\r\n1\r\n")
    code, output = _eval(config, text, labels)
    assert code == 0, output
    data = json.loads(output)
    assert data["n"] == 3 and sum(map(sum, data["confusion"])) == 3


def test_eval_takes_a_trailing_blank_line_in_either_file(config: Path, tmp_path: Path) -> None:
    # Refused as "label ''" on the labels' side, as 4 lines against 3 on the texts' side.
    text, labels = _files(tmp_path, TEXTS + b"\n", b"positive\nnegative\nneutral\n\n")
    code, output = _eval(config, text, labels)
    assert code == 0 and json.loads(output)["n"] == 3, output


def test_a_bad_label_names_its_file(config: Path, tmp_path: Path) -> None:
    text, labels = _files(tmp_path, TEXTS, b"2\n3\n1\n")
    code, output = _eval(config, text, labels)
    said = " ".join(output.split())
    assert code == 2 and f"{labels}: line 2: label '3' is not 0/1/2" in said, output


def test_a_file_that_is_not_utf8_is_named_with_the_fix(config: Path, tmp_path: Path) -> None:
    text, labels = _files(tmp_path, "ok\ncafé péssimo\nfine\n".encode("latin-1"), b"1\n0\n1\n")
    code, output = _eval(config, text, labels)
    said = " ".join(output.split())
    assert code == 2 and f"{text}: line 2 is not UTF-8; save the file as UTF-8" in said, output


def test_training_names_the_file_and_line_of_a_label_out_of_range(tmp_path: Path) -> None:
    # "train has 27 texts and 27 labels": the counts were fine, the 3 was not.
    folder = write_folder(tmp_path / "en", EN)
    labels = folder / "train_labels.txt"
    labels.write_text(labels.read_text().replace("2\n", "3\n", 1))
    with pytest.raises(ValueError, match=r"train_labels.txt: line 7: label '3' is not 0/1/2"):
        training.gather([folder], seed=1)


def test_training_names_the_file_of_a_label_that_is_no_number(tmp_path: Path) -> None:
    # "invalid literal for int() with base 10: 'happy'", in no file.
    folder = write_folder(tmp_path / "en", EN)
    (folder / "val_labels.txt").write_text("happy\n" + "1\n" * (len(EN) - 1))
    with pytest.raises(ValueError, match=r"en/val_labels.txt: line 1: label 'happy'"):
        training.gather([folder], seed=1)


def test_training_reads_labels_saved_with_a_bom(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "en", EN)
    labels = folder / "train_labels.txt"
    labels.write_bytes(BOM + labels.read_bytes())
    assert len(training.gather([folder], seed=1)["en"].train) == 3 * len(EN)


def test_a_texts_file_without_its_labels_is_refused_not_skipped(tmp_path: Path) -> None:
    # train_label.txt (a typo): the folder's train split was left out, and its val kept.
    folder = write_folder(tmp_path / "en", EN)
    (folder / "train_labels.txt").rename(folder / "train_label.txt")
    other = write_folder(tmp_path / "pt", PT)
    with pytest.raises(ValueError, match=r"en/train_text.txt has no train_labels.txt beside it"):
        training.gather([other, folder], seed=1)


def test_val_splits_of_two_folders_of_one_name_are_both_kept(tmp_path: Path) -> None:
    brand = write_folder(tmp_path / "brand" / "en", EN)
    public = write_folder(tmp_path / "public" / "en", EN[:6])
    data = training.gather([brand, public, brand], seed=1)
    assert sorted(len(v.texts) for v in data["en"].val.values()) == [6, len(EN)]


def test_a_language_missing_a_label_is_refused_before_writing(tmp_path: Path) -> None:
    # No praise: scikit-learn fitted one row of weights, the file was written ("✓ wrote"), and
    # loading it then said it was unreadable.
    folder = write_folder(tmp_path / "pt", [row for row in PT if row[1] != 2])
    with pytest.raises(ValueError, match=r"pt \(.*\): no train text labelled 2 positive"):
        training.train(training.gather([folder], seed=1), seed=1)


def test_a_bad_nested_setting_names_an_option_that_works(config: Path, tmp_path: Path) -> None:
    # The hint was "--setting labels.1 star=…", which was "not a setting of transformers".
    text, labels = _files(tmp_path, TEXTS, b"2\n0\n1\n")
    args = ["eval-sentiment", "--text", str(text), "--labels", str(labels)]
    args += ["--classifier", "transformers", "--setting", "model=./m"]
    result = CliRunner().invoke(
        app, ["--config", str(config), *args, "--setting", "labels={ '1 star' = 'bad' }"]
    )
    said = " ".join(result.output.split())
    assert result.exit_code == 2 and "sentiment.settings.labels.1 star:" in said, said
    assert "give it with --setting labels=…" in said
