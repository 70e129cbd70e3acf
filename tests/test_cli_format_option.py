"""`--format` takes its choice in any case, as every other choice option does ("JSON" was
refused), and says the choices on a slip."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import complaint_and_praise, run_cli, with_store


@pytest.mark.parametrize("command", [("report",), ("authors", "export", "x", "nobody")])
def test_format_json_in_capitals_is_json(tmp_path: Path, command: tuple[str, ...]) -> None:
    config = with_store(complaint_and_praise(tmp_path))
    code, output = run_cli(config, *command, "--format", "JSON")
    assert code in (0, 1), output  # 1: no such author, said as such, not a usage error
    if code == 0:
        assert isinstance(json.loads(output), dict)
    assert "Invalid value" not in output


def test_an_unknown_format_names_the_choices(tmp_path: Path) -> None:
    code, output = run_cli(complaint_and_praise(tmp_path), "report", "--format", "xml")
    said = " ".join("".join(c for c in output if c not in "│╭╮╰╯─").split())
    assert code == 2 and "'xml' is not an output format; use one of: text, plain, csv, json" in said


def test_eval_takes_its_format_in_any_case(tmp_path: Path) -> None:
    (tmp_path / "t.txt").write_text("I love it\nmy parcel is late\n", encoding="utf-8")
    (tmp_path / "l.txt").write_text("2\n0\n", encoding="utf-8")
    args = ["--text", str(tmp_path / "t.txt"), "--labels", str(tmp_path / "l.txt")]
    config = complaint_and_praise(tmp_path)
    code, output = run_cli(config, "eval-sentiment", *args, "--classifier", "vader", "-f", "Json")
    assert code == 0, output
    assert json.loads(output)["accuracy"] >= 0
