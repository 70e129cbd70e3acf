"""eval-sentiment, train-sentiment and tune-sentiment given the wrong files, as a user would:
each says which file or option is wrong and how to fix it, exits non-zero, with no traceback,
and refuses an unwritable `--out` before the minutes of work, not after them."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from mentiondesk.cli import app
from sentiment._ngram_model import DEFAULT_PATH as NGRAM_PATH
from tests.helpers import mention, write_config, write_mentions
from tests.sentiment_data import PT, write_folder

runner = CliRunner()
ADAPTER = NGRAM_PATH.parent / "e5-adapter-pt.npz"


@pytest.fixture
def config(tmp_path: Path) -> Path:
    samples = write_mentions(tmp_path / "m.jsonl", [mention(1, "@lumora a luminária é ótima")])
    return write_config(tmp_path, db_url=f"sqlite:///{tmp_path}/desk.db", samples=samples)


def md(config: Path, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["--config", str(config), *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def _pair(tmp_path: Path) -> tuple[Path, Path]:
    text, labels = tmp_path / "t.txt", tmp_path / "l.txt"
    text.write_text("adorei, obrigado\npéssimo atendimento\nqual o horário\n")
    labels.write_text("2\n0\n1\n")
    return text, labels


@pytest.mark.parametrize("option", ["--text", "--labels"])
def test_eval_names_the_option_of_a_missing_file(config: Path, tmp_path: Path, option: str) -> None:
    text, labels = _pair(tmp_path)
    given = {"--text": str(text), "--labels": str(labels), option: str(tmp_path / "nope.txt")}
    code, output = md(config, "eval-sentiment", "--classifier", "ngram", *_flat(given))
    assert code == 2 and f"{option} {tmp_path / 'nope.txt'}: no such file" in output, output
    assert "Errno" not in output


def test_eval_names_the_option_given_a_folder(config: Path, tmp_path: Path) -> None:
    text, _ = _pair(tmp_path)
    args = ["--text", str(text), "--labels", str(tmp_path), "--classifier", "ngram"]
    code, output = md(config, "eval-sentiment", *args)
    assert code == 2 and f"--labels {tmp_path} is a folder" in output and "Errno" not in output


def test_eval_counts_that_differ_say_the_fix(config: Path, tmp_path: Path) -> None:
    text, labels = _pair(tmp_path)
    labels.write_text("2\n0\n")
    args = ["--text", str(text), "--labels", str(labels), "--classifier", "ngram"]
    code, output = md(config, "eval-sentiment", *args)
    assert code == 2 and f"{text} has 3 lines but {labels} has 2" in output
    assert "one label a line for each text" in " ".join(output.split())


@pytest.mark.parametrize("name", ["NGRAM", " Ngram "])
def test_eval_reads_a_classifier_name_in_any_case(config: Path, tmp_path: Path, name: str) -> None:
    text, labels = _pair(tmp_path)
    args = ["--text", str(text), "--labels", str(labels), "--classifier", name, "-f", "json"]
    code, output = md(config, "eval-sentiment", *args)
    assert code == 0 and '"classifier": "ngram"' in output, output


def test_eval_refuses_an_empty_classifier_name(config: Path, tmp_path: Path) -> None:
    # It read with the configured classifier, as if --classifier had not been given.
    text, labels = _pair(tmp_path)
    args = ["--text", str(text), "--labels", str(labels), "--classifier", ""]
    code, output = md(config, "eval-sentiment", *args)
    assert code == 2 and "unknown classifier ''; use one of: e5, ngram" in output


def test_train_names_a_data_folder_that_does_not_exist(config: Path, tmp_path: Path) -> None:
    missing = tmp_path / "nope"
    code, output = md(config, "train-sentiment", "--data", str(missing), "--out", "x.npz")
    assert code == 2 and f"--data {missing}: no such folder" in output, output


def test_train_says_which_files_a_folder_should_hold(config: Path, tmp_path: Path) -> None:
    # `*_text.txt` in the help: a folder of mentions_text.txt was refused without saying why.
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "mentions_text.txt").write_text("adorei\n")
    (folder / "mentions_labels.txt").write_text("2\n")
    code, output = md(config, "train-sentiment", "--data", str(folder), "--out", "x.npz")
    said = " ".join(output.split())
    assert code == 2 and "mentions_text.txt" in said and "rename" in said, said
    assert "train_text.txt and train_labels.txt" in " ".join(help_of(config).split())


def help_of(config: Path) -> str:
    return md(config, "train-sentiment", "--help")[1]


def test_train_names_an_empty_split(config: Path, tmp_path: Path) -> None:
    # "no training texts found in the given folders", or the folder skipped beside another.
    good, empty = write_folder(tmp_path / "pt", PT), tmp_path / "empty"
    empty.mkdir()
    (empty / "train_text.txt").write_text("")
    (empty / "train_labels.txt").write_text("\n")
    out = tmp_path / "m.npz"
    args = ["--data", str(good), str(empty), "--out", str(out)]
    code, output = md(config, "train-sentiment", *args)
    said = " ".join(output.split())
    assert code == 2 and f"{empty / 'train_text.txt'} is empty" in said and not out.exists()


def test_train_refuses_an_unwritable_out_before_training(config: Path, tmp_path: Path) -> None:
    # Even root cannot create a file in /proc: it was found out after the training, not before.
    folder = write_folder(tmp_path / "pt", PT)
    code, output = md(config, "train-sentiment", "--data", str(folder), "--out", "/proc/m.npz")
    assert code == 2 and "--out /proc/m.npz: cannot write in /proc" in output, output
    assert "reading data" not in output


def test_tune_refuses_a_folder_as_out_before_tuning(config: Path, tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "pt", PT)
    args = ["--adapter", str(ADAPTER), "--tune-on", str(folder), "--out", str(tmp_path)]
    code, output = md(config, "tune-sentiment", *args)
    assert code == 2 and f"--out {tmp_path} is a folder" in output and "Errno" not in output
    assert "reading" not in output


def _flat(options: dict[str, str]) -> list[str]:
    return [part for pair in options.items() for part in pair]


def test_a_latin1_file_is_refused_with_how_to_convert_it(config: Path, tmp_path: Path) -> None:
    # Excel on a Brazilian Windows saves "Texto" files in Windows-1252: "não" as n\xe3o.
    text, labels = _pair(tmp_path)
    text.write_bytes("adorei\nnão chegou\nqual o horário\n".encode("cp1252"))
    args = ["--text", str(text), "--labels", str(labels), "--classifier", "ngram"]
    code, output = md(config, "eval-sentiment", *args)
    said = " ".join(output.split())
    assert code == 2 and f"{text}: line 2 is not UTF-8; save the file as UTF-8" in said
    assert f"iconv -f cp1252 -t utf-8 {text}" in said, said


def test_tune_names_a_tune_on_folder_that_does_not_exist(config: Path, tmp_path: Path) -> None:
    # "none of the folders has val_text.txt…": which one was mistyped went unsaid.
    missing, out = tmp_path / "nope", tmp_path / "o.npz"
    args = ["--adapter", str(ADAPTER), "--tune-on", str(missing), "--out", str(out)]
    code, output = md(config, "tune-sentiment", *args)
    assert code == 2 and f"--tune-on {missing}: no such folder" in output, output


def test_tune_given_a_text_file_as_ngram_never_says_to_overwrite_it(
    config: Path, tmp_path: Path
) -> None:
    # "train one with … --out t.txt": the user's own file named as the model to write.
    text, _ = _pair(tmp_path)
    folder, out = write_folder(tmp_path / "pt", PT), tmp_path / "o.npz"
    args = ["--adapter", str(ADAPTER), "--tune-on", str(folder), "--out", str(out)]
    code, output = md(config, "tune-sentiment", *args, "--ngram", str(text))
    said = " ".join(output.split())
    assert code == 2 and f"--ngram {text} is not an .npz file" in said, said
    assert f"--out {text}" not in said and "remove the setting" not in said
    assert "--out NEW.npz" in said


def test_train_names_a_tune_on_folder_that_does_not_exist(config: Path, tmp_path: Path) -> None:
    folder, missing = write_folder(tmp_path / "pt", PT), tmp_path / "nope"
    args = ["--kind", "e5", "--data", str(folder), "--tune-on", str(missing)]
    code, output = md(config, "train-sentiment", *args, "--out", str(tmp_path / "a.npz"))
    assert code == 2 and f"--tune-on {missing}: no such folder" in output, output
    assert "the blend will be tuned" not in output
