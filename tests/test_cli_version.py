"""`mentiondesk --version`: the installed distribution's version, without a config."""

from __future__ import annotations

import importlib.metadata

import pytest
from typer.testing import CliRunner

from mentiondesk.cli import app


def test_version_is_the_installed_distributions() -> None:
    # A config that does not exist: the version must come before any config is read.
    result = CliRunner().invoke(app, ["--config", "/nonexistent.toml", "--version"])
    assert result.exit_code == 0, result.output
    assert result.output == f"mentiondesk {importlib.metadata.version('mentiondesk')}\n"


def test_version_from_a_tree_never_installed_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    def missing(name: str) -> str:
        raise importlib.metadata.PackageNotFoundError(name)

    monkeypatch.setattr(importlib.metadata, "version", missing)
    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0, result.output
    assert "not installed" in result.output and "pip install ." in result.output


def test_version_after_a_command_says_to_run_it_alone() -> None:
    result = CliRunner().invoke(app, ["report", "--version"], prog_name="mentiondesk")
    assert result.exit_code == 2
    assert "run it alone: mentiondesk --version" in " ".join(
        result.output.replace("│", " ").split()
    )
