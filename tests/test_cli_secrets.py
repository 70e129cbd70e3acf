"""Secrets are read by the commands that talk to the platforms and chats only: an operator
without the root-only env file can still add users and work cases; `run` and
`check-config` refuse a missing one, naming its key."""

from __future__ import annotations

from pathlib import Path

import pytest

from mentiondesk.config import load_config
from mentiondesk.models import ConfigError
from tests.helpers import run_cli, with_store, write_config, write_mentions

SLACK = '\n[[responders]]\nkind = "slack"\nname = "team"\nchannel = "C0123456789"\n'
SLACK += 'bot_token_env = "MD_TEST_SLACK_TOKEN"\nsigning_secret_env = "MD_TEST_SLACK_SIGNING"\n'
MISSING = "responders[2].bot_token_env: environment variable MD_TEST_SLACK_TOKEN is not set"


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A config with a Slack responder whose token is not exported."""
    monkeypatch.delenv("MD_TEST_SLACK_TOKEN", raising=False)
    monkeypatch.setenv("MD_TEST_SLACK_SIGNING", "s")
    samples = write_mentions(tmp_path / "m.jsonl", [])
    return with_store(
        write_config(tmp_path, db_url="sqlite:///desk.db", samples=samples, extra=SLACK)
    )


@pytest.mark.parametrize(
    "command",
    [("users", "list"), ("cases", "list"), ("drafts", "list"), ("report",), ("outbox", "list")],
)
def test_store_commands_work_without_the_platforms_secrets(
    config: Path, command: tuple[str, ...]
) -> None:
    code, output = run_cli(config, *command)
    assert code == 0, output
    assert "MD_TEST_SLACK_TOKEN" not in output


def test_the_first_admin_is_added_without_the_secrets(config: Path) -> None:
    add = ("users", "add", "ana", "--role", "admin", "--password-stdin")
    code, output = run_cli(config, *add, stdin="pw-1234567890\n")
    assert code == 0, output
    assert "ana" in run_cli(config, "users", "list")[1]


@pytest.mark.parametrize("command", [("check-config",), ("run", "--once"), ("responders", "check")])
def test_commands_that_talk_to_the_platforms_refuse_a_missing_secret(
    config: Path, command: tuple[str, ...]
) -> None:
    code, output = run_cli(config, *command)
    assert code == 2 and MISSING in output, output


def test_a_pasted_token_is_refused_even_where_secrets_are_not_read(
    config: Path, tmp_path: Path
) -> None:
    config.write_text(config.read_text().replace('"MD_TEST_SLACK_TOKEN"', '"xoxb-1-2"'))
    with pytest.raises(ConfigError, match="this looks like the secret itself"):
        load_config(config, secrets=False)


def test_a_webhook_url_is_left_unread_where_secrets_are_not(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("MD_TEST_MM_URL", raising=False)
    samples = write_mentions(tmp_path / "m.jsonl", [])
    extra = '\n[[responders]]\nkind = "mattermost"\nname = "mm"\nurl_env = "MD_TEST_MM_URL"\n'
    path = write_config(tmp_path, db_url="sqlite:///desk.db", samples=samples, extra=extra)
    assert [r.name for r in load_config(path, secrets=False).responders][-1] == "mm"
    with pytest.raises(ConfigError, match=r"responders\[2\]\.url_env: environment variable"):
        load_config(path)
