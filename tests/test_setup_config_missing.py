"""Run where there is no config.toml, with no --config: the problem names the folder and how
to start a config, not a --config nobody gave; a path given is still named as given."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from mentiondesk.cli import app


def _run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[int, str]:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("MENTIONDESK_CONFIG", raising=False)
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, " ".join(result.output.split())


@pytest.mark.parametrize("command", [["check-config"], ["report"]])
def test_no_config_here_and_none_given_names_the_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    status, output = _run(tmp_path, monkeypatch, *command)
    assert status == 2
    assert f"there is no config.toml in this folder ({tmp_path.resolve()})" in output
    assert "no --config was given" in output
    assert "mentiondesk --config PATH" in output and "copy the shipped config.toml here" in output
    assert "check the path given by --config" not in output


def test_a_config_path_given_is_named_as_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _run(tmp_path, monkeypatch, "check-config")  # a defaulted run before must not linger
    status, output = _run(tmp_path, monkeypatch, "--config", "missing.toml", "check-config")
    assert status == 2
    assert "missing.toml: file not found; check the path given by --config" in output
    assert "no --config was given" not in output


def test_the_variable_counts_as_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("MENTIONDESK_CONFIG", "config.toml")
    output = " ".join(CliRunner().invoke(app, ["check-config"]).output.split())
    assert "config.toml: file not found; check the path given by --config" in output
