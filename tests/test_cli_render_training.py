"""Training's progress (`train-sentiment`, `tune-sentiment`): a bar on a terminal, plain
lines off one, log records with JSON logs."""

from __future__ import annotations

import io
import json
import logging

import pytest
from rich.console import Console

from mentiondesk import logs
from mentiondesk.cli_render import training_progress


def test_training_progress_with_json_logs_writes_only_log_records(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`--log-format json train-sentiment` printed "step 50/100, loss 0.500" as plain lines
    among the JSON a collector reads."""
    saved = logging.getLogger().handlers[:]
    try:
        logs.setup(0, logs.LogFormat.JSON)
        plain = io.StringIO()
        with training_progress(Console(file=plain, force_terminal=False), 100) as (say, step):
            say("reading data")
            step(50, 100, 0.5)
    finally:
        logging.getLogger().handlers[:] = saved
    assert plain.getvalue() == ""
    records = [json.loads(line) for line in capsys.readouterr().err.splitlines()]
    assert [r["message"] for r in records] == ["reading data", "step 50/100, loss 0.500"]
    assert {r["logger"] for r in records} == {logs.CONSOLE}
