"""The on-call review of `check-config` with `--log-format json` (or MENTIONDESK_LOG_FORMAT
set for the whole service): its warnings are records on stderr, as its configuration problems
are, so that stderr stays one JSON object a line (README, "Command line"); the result stays
text on stdout."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mentiondesk.cli import app
from tests.helpers import write_config, write_mentions

# A help desk reached over plain http while it sends a token: check-config warns of it.
RT = (
    '\n[[responders]]\nkind = "request_tracker"\nname = "rt"\n'
    'base_url = "http://rt.example.com/REST/2.0/"\nqueue = "General"\n'
    'token_env = "MD_TEST_RT_TOKEN"\n'
)


def test_check_config_warnings_are_json_records_with_json_logs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MD_TEST_RT_TOKEN", "rt-token-value")
    samples = write_mentions(tmp_path / "m.jsonl", [])
    config = write_config(tmp_path, db_url="sqlite:///desk.db", samples=samples, extra=RT)
    args = ["--config", str(config), "--log-format", "json", "check-config"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "is valid" in result.stdout
    records = [json.loads(line) for line in result.stderr.splitlines()]  # each line an object
    (warning,) = [r for r in records if "plain http" in r["message"]]
    assert warning["level"] == "WARNING" and warning["message"].startswith("warning: ")
    assert "rt-token-value" not in result.stderr
