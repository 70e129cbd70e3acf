"""check-config and run warn (not refuse) when a responder would send its token over plain
http; loopback URLs (fakes, tunnels) are left alone."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from mentiondesk.cli import app
from tests.helpers import run_cli, write_config, write_mentions


@pytest.fixture(autouse=True)
def _secrets(monkeypatch: pytest.MonkeyPatch) -> None:
    for variable in ("MD_ZD_TOKEN", "SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET"):
        monkeypatch.setenv(variable, "test")


def _config(tmp_path: Path, zendesk_url: str, slack_url: str = "https://slack.com/api/") -> Path:
    responders = (
        f'\n[[responders]]\nkind = "zendesk"\nbase_url = "{zendesk_url}"\n'
        'email = "agent@example.com"\ntoken_env = "MD_ZD_TOKEN"\n'
        f'[[responders]]\nkind = "slack"\nchannel = "C1"\napprovers = ["U1"]\n'
        f'base_url = "{slack_url}"\n'
    )
    samples = write_mentions(tmp_path / "m.jsonl", [])
    return write_config(tmp_path, db_url="sqlite:///x.db", samples=samples, extra=responders)


def test_a_help_desk_over_http_is_warned_not_refused(tmp_path: Path) -> None:
    config = _config(tmp_path, "http://lumora.example.com")
    code, output = run_cli(config, "check-config")
    said = " ".join(output.split())
    assert code == 0 and "is valid" in said
    assert (
        "warning: responders[2].base_url: 'http://lumora.example.com' is plain http, so the "
        "zendesk responder 'zendesk' sends $MD_ZD_TOKEN in clear" in said
    )
    assert 'write base_url = "https://lumora.example.com"' in said and "not refused" in said
    code, output = run_cli(config, "run", "--once", "--sources", "none")
    assert code == 0 and "WARNING mentiondesk.cli: responders[2].base_url:" in output


def test_a_chat_sink_names_the_token_it_sends_not_its_signing_secret(tmp_path: Path) -> None:
    config = _config(tmp_path, "https://lumora.example.com", "http://slack.example.com/api/")
    said = " ".join(run_cli(config, "check-config")[1].split())
    assert "responders[3].base_url: 'http://slack.example.com/api/' is plain http" in said
    assert "sends $SLACK_BOT_TOKEN in clear" in said and "SLACK_SIGNING_SECRET" not in said


def test_a_password_in_the_url_is_not_repeated_in_the_warning(tmp_path: Path) -> None:
    config = _config(tmp_path, "http://agent:hunter2@lumora.example.com")
    for command in (["check-config"], ["run", "--once", "--sources", "none"]):
        said = " ".join(run_cli(config, *command)[1].split())
        assert "'http://agent:***@lumora.example.com' is plain http" in said
        assert "hunter2" not in said


@pytest.mark.parametrize(
    "url",
    [
        "https://lumora.example.com",
        "http://127.0.0.1:9",
        "http://localhost:8080",
        "http://[::1]:9",
        "HTTPS://lumora.example.com",
    ],
)
def test_https_and_loopback_urls_are_not_warned_of(tmp_path: Path, url: str) -> None:
    config = _config(tmp_path, url, "http://slack.example.com/api/")
    code, output = run_cli(config, "check-config")
    said = " ".join(output.split())
    assert code == 0 and "is valid" in said and said.count("warning:") == 1
    assert "warning: responders[3].base_url:" in said  # the slack one, over http
    assert "responders[2]" not in said  # the help desk, at `url`


def test_check_config_writes_its_result_to_stdout_and_its_warnings_to_stderr(
    tmp_path: Path,
) -> None:
    """`check-config > check.txt` keeps the result; a warning is on stderr, as problems are."""
    config = _config(tmp_path, "http://lumora.example.com")
    result = CliRunner().invoke(app, ["--config", str(config), "check-config"])
    assert result.exit_code == 0, result.output
    assert "is valid" in result.stdout and "responders: " in result.stdout
    assert "warning:" in result.stderr and "warning:" not in result.stdout
    assert "is valid" not in result.stderr
