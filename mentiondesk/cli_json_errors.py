"""A configuration problem as one JSON object on stdout, for a command run with --format json:
a cron job or monitoring check piping stdout into `jq` got nothing to parse (the problem was
on stderr alone). The object is `sources check`'s: `ok` false, `exit_status` 2 (the status the
command exits with), `config` the file, `problems` each by its key, as check-config names them.
"""

from __future__ import annotations

from contextvars import ContextVar
from typing import Any

import typer

from mentiondesk import cli_json
from mentiondesk.cli_json_admin import key_problem

# The config file's path where the command that loaded it was given --format json, else None.
# Cleared for each invocation by the main callback, set by `load`; read by config_errors for
# the problems met after it too (no store yet, a classifier's settings), where the command's
# context is not at hand.
_ASKED: ContextVar[str | None] = ContextVar("mentiondesk_json_problems", default=None)


def config_problem(path: str, text: str) -> dict[str, Any]:
    """The problems in `text` (one a line, as stderr says them), nothing done: exit 2."""
    return {
        "ok": False,
        "exit_status": 2,
        "config": path,
        "problems": [key_problem(line, path) for line in text.splitlines()],
    }


def note_format(ctx: typer.Context) -> None:
    """Remember whether the command being run was given --format json (every command's output
    option is named `format`): text keeps stdout empty on a problem, as ever."""
    _ASKED.set(str(ctx.obj) if ctx.params.get("format") == "json" else None)


def write_if_asked(text: str) -> None:
    """The problems on stdout as one JSON object, where --format json was asked for."""
    path = _ASKED.get()
    if path is not None:
        cli_json.write(config_problem(path, text))
