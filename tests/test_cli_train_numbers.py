"""`train-sentiment`'s whole-number options refuse a slip in the CLI's words, as every other
command's numbers do ("'abc' is not a number of steps (a whole number)"), never pydantic's
"Input should be a valid integer, unable to parse string as an integer"."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from mentiondesk.cli import app


@pytest.mark.parametrize(
    ("option", "value", "words"),
    [
        ("--steps", "abc", "'abc' is not a number of steps (a whole number)"),
        ("--batch-size", "0", "0 is too small; give 1 or more"),
        ("--rank", "x", "'x' is not a rank (a whole number)"),
    ],
)
def test_a_bad_training_number_says_what_to_write(
    tmp_path: Path, option: str, value: str, words: str
) -> None:
    args = ["train-sentiment", "--data", str(tmp_path), "--out", str(tmp_path / "m.npz")]
    result = CliRunner().invoke(app, [*args, "--kind", "e5", option, value])
    said = " ".join("".join(c for c in result.output if c not in "│╭╮╰╯─").split())
    assert result.exit_code == 2 and words in said and "Input should be" not in said, said


@pytest.mark.parametrize(
    ("command", "option", "value", "words"),
    [
        ("train-sentiment", "--learning-rate", "fast", "'fast' is not a learning rate"),
        ("train-sentiment", "--learning-rate", "-1", "-1 is out of range; give 0 or more"),
        ("train-sentiment", "--encoder-share", "2", "2 is out of range; give 0.01 to 1"),
        ("tune-sentiment", "--encoder-share", "metade", "'metade' is not a share"),
    ],
)
def test_a_bad_decimal_says_what_to_write(
    tmp_path: Path, command: str, option: str, value: str, words: str
) -> None:
    args = ["--out", str(tmp_path / "m.npz"), option, value]
    first = ["--data", str(tmp_path)] if command == "train-sentiment" else []
    first = first or ["--adapter", str(tmp_path / "a.npz"), "--tune-on", str(tmp_path)]
    result = CliRunner().invoke(app, [command, *first, *args])
    said = " ".join("".join(c for c in result.output if c not in "│╭╮╰╯─").split())
    assert result.exit_code == 2 and words in said and "Input should be" not in said, said


def test_a_decimal_comma_is_read_as_portuguese_writes_it() -> None:
    from mentiondesk.cli_values import decimal

    assert decimal("a share", 0.01, 1.0)("0,35") == 0.35
