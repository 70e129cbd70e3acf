"""Every option `--help` offers is named in the README or docs/, so that a newcomer who reads the
command table (or the section it points to) meets each one: `train-sentiment
--learning-rate`, `tune-sentiment --ngram` and `--verbose` were in `--help` alone."""

from __future__ import annotations

import re
from typing import Any

import pytest
import typer.main

from mentiondesk.cli import app
from tests.docs_text import docs_text

README = docs_text()


def _options() -> list[tuple[str, list[str]]]:
    def walk(command: Any, path: str) -> list[tuple[str, list[str]]]:
        mine = [
            (f"{path} {p.opts[0]}".strip(), [*p.opts, *p.secondary_opts])
            for p in command.params
            if p.opts[0].startswith("-") and p.opts[0] != "--help"
        ]
        below = getattr(command, "commands", {}).items()
        return mine + [o for name, c in below for o in walk(c, f"{path} {name}".strip())]

    return walk(typer.main.get_command(app), "")


@pytest.mark.parametrize(("name", "spellings"), _options(), ids=[n for n, _ in _options()])
def test_the_readme_names_every_option(name: str, spellings: list[str]) -> None:
    """One of its spellings (`--no-send` for `--send`), whole: `--to` is not `--tune-on`."""
    named = [s for s in spellings if s.startswith("--")]
    assert any(re.search(rf"{re.escape(s)}(?![\w-])", README) for s in named), name
