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
