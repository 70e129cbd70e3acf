"""`train-sentiment --out` that cannot be written is refused before the training, not after
its minutes with a traceback; `--limit` below 1 says what to write."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from mentiondesk.cli import app


def _train(tmp_path: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["train-sentiment", "--data", str(tmp_path), *args])
    return result.exit_code, " ".join(
        "".join(c for c in result.output if c not in "│╭╮╰╯─").split()
    )


def test_an_out_that_is_a_folder_is_refused_first(tmp_path: Path) -> None:
    code, said = _train(tmp_path, "--out", str(tmp_path))
    assert code == 2 and f"--out {tmp_path} is a folder" in said and "model.npz" in said
    assert "Traceback" not in said and "reading data" not in said


def test_an_out_in_a_missing_folder_is_refused_first(tmp_path: Path) -> None:
    code, said = _train(tmp_path, "--out", str(tmp_path / "nope" / "m.npz"))
    assert code == 2 and f"folder {tmp_path / 'nope'} does not exist" in said


def test_a_limit_below_one_says_what_to_write(tmp_path: Path) -> None:
    code, said = _train(tmp_path, "--out", str(tmp_path / "m.npz"), "--limit", "-1")
    assert code == 2 and "-1 is too small; give 1 or more" in said
