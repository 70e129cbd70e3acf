"""`mentiondesk sources check` from the command line."""

from __future__ import annotations

import socket

from typer.testing import CliRunner

from mentiondesk.cli import app


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_unreachable_source_is_reported_and_exit_code_is_1(tmp_path) -> None:
    config = tmp_path / "config.toml"
    config.write_text(f"""
[brand]
name = "Lumora"
[routing]
alert = ["console"]
ticket = "cases"
[[responders]]
kind = "console"
[[responders]]
kind = "local"
name = "cases"
[[sources]]
kind = "hackernews"
name = "hn-<b>"
base_url = "http://127.0.0.1:{_closed_port()}"
""")
    result = CliRunner().invoke(app, ["--config", str(config), "sources", "check"])
    assert result.exit_code == 1
    assert "FAIL" in result.output
    assert "hn-<b>" in result.output
    assert "connection refused" in " ".join(result.output.split())  # the cause, in words


def test_missing_secret_fails_before_checking(tmp_path, monkeypatch) -> None:
    monkeypatch.delenv("X_BEARER_TOKEN", raising=False)
    config = tmp_path / "config.toml"
    config.write_text("""
[brand]
name = "Lumora"
[routing]
alert = ["console"]
ticket = "cases"
[[responders]]
kind = "console"
[[responders]]
kind = "local"
name = "cases"
[[sources]]
kind = "x"
""")
    result = CliRunner().invoke(app, ["--config", str(config), "sources", "check"])
    assert result.exit_code == 2
    assert "sources[0].bearer_token_env" in result.output
