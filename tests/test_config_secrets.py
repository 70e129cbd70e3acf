"""Secrets and URLs in the config: a missing secret names its key even at the default
variable, a pasted token is never echoed, a password never shown, a URL needs its scheme."""

from __future__ import annotations

from pathlib import Path

import pytest

from mentiondesk.config import load_config
from mentiondesk.models import ConfigError
from mentiondesk.schema import shown_url
from tests.helpers import run_cli, write_config, write_mentions

TOKEN = "AAAAAAAAAAAAAAAAAAAAAMLheAAAAAAA0%2BuSeid3F"  # an X bearer token's shape
# Tables that leave each `…_env` key at its default variable.
DEFAULTED = {
    "slack": ('channel = "C0123456789"', ["bot_token_env"]),  # signing secret optional
    "request_tracker": ('base_url = "https://rt.example/REST/2.0/"', ["token_env"]),
    "zendesk": ('base_url = "https://z.example"\nemail = "a@z.example"', ["token_env"]),
    "freshdesk": ('base_url = "https://f.example"', ["api_key_env"]),
    "teams": ("", ["url_env"]),
    "discord": ("", ["url_env"]),
    "mattermost": ("", ["url_env"]),
}
VARIABLES = {
    "bot_token_env": "SLACK_BOT_TOKEN",
    "signing_secret_env": "SLACK_SIGNING_SECRET",
    "request_tracker": "RT_TOKEN",
    "zendesk": "ZENDESK_TOKEN",
    "freshdesk": "FRESHDESK_API_KEY",
    "teams": "TEAMS_WEBHOOK_URL",
    "discord": "DISCORD_WEBHOOK_URL",
    "mattermost": "MATTERMOST_WEBHOOK_URL",
}


def _config(tmp_path: Path, extra: str) -> Path:
    samples = write_mentions(tmp_path / "m.jsonl", [])
    return write_config(tmp_path, db_url="sqlite:///x.db", samples=samples, extra=extra)


def _problems(tmp_path: Path, extra: str) -> str:
    with pytest.raises(ConfigError) as info:
        load_config(_config(tmp_path, extra))
    return str(info.value)


@pytest.mark.parametrize("kind", sorted(DEFAULTED))
def test_a_secret_missing_at_its_default_variable_names_key_and_variable(
    kind: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for variable in VARIABLES.values():
        monkeypatch.delenv(variable, raising=False)
    table, keys = DEFAULTED[kind]
    problems = _problems(tmp_path, f'\n[[responders]]\nkind = "{kind}"\n{table}\n')
    for key in keys:
        variable = VARIABLES.get(key) or VARIABLES[kind]
        assert f"responders[2].{key}: environment variable {variable} is not set" in problems


def test_a_token_pasted_into_an_env_key_is_refused_and_never_echoed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SLACK_SIGNING_SECRET", "s")
    extra = f'\n[[responders]]\nkind = "slack"\nchannel = "C1"\nbot_token_env = "{TOKEN}"\n'
    code, output = run_cli(_config(tmp_path, extra), "check-config")
    assert code == 2
    assert "responders[2].bot_token_env: this looks like the secret itself" in output
    assert "name the variable here" in output
    assert TOKEN not in output and TOKEN[:12] not in output


@pytest.mark.parametrize(
    ("table", "key", "example"),
    [
        (
            '[[sources]]\nkind = "mastodon"\nbase_url = "mastodon.social"',
            "sources[1].base_url",
            "https://mastodon.social",
        ),
        (
            '[[responders]]\nkind = "zendesk"\nbase_url = "acme.zendesk.com"\nemail = "a@b.c"',
            "responders[2].base_url",
            "https://acme.zendesk.com",
        ),
        (
            '[[responders]]\nkind = "freshdesk"\nbase_url = "ftp://acme.freshdesk.com"',
            "responders[2].base_url",
            "https://host.example",
        ),
        (
            '[[sources]]\nkind = "x"\nbase_url = "https://"',
            "sources[1].base_url",
            "https://host.example",
        ),
    ],
)
def test_a_base_url_needs_its_scheme_and_host(
    table: str, key: str, example: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for variable in (
        "MASTODON_ACCESS_TOKEN",
        "ZENDESK_TOKEN",
        "FRESHDESK_API_KEY",
        "X_BEARER_TOKEN",
    ):
        monkeypatch.setenv(variable, "t")
    problems = _problems(tmp_path, f"\n{table}\n")
    assert f"{key}: " in problems and "is not an http(s) URL with a host" in problems
    assert f"e.g. {example}" in problems


def test_a_store_password_with_a_slash_is_never_shown(tmp_path: Path) -> None:
    url = "mssql://md:pa/ss@127.0.0.1:1/md"  # not a supported backend: the URL is shown
    path = tmp_path / "config.toml"
    path.write_text(f'[brand]\nname = "L"\n[store]\nurl = "{url}"\n')
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert "mssql://md:***@127.0.0.1:1/md" in str(info.value)
    assert "ss@" not in str(info.value)


def test_a_backoff_cap_below_the_base_is_refused_naming_both(tmp_path: Path) -> None:
    extra = "\n[outbox]\nbase_backoff_seconds = 30\nmax_backoff_seconds = 10\n"
    problems = _problems(tmp_path, extra)
    assert "outbox: max_backoff_seconds (10) is below base_backoff_seconds (30)" in problems


def test_an_inbox_username_without_its_password_is_said_before_the_variable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REDDIT_CLIENT_ID", "i")
    monkeypatch.setenv("REDDIT_CLIENT_SECRET", "s")
    monkeypatch.delenv("MD_REDDIT_USER", raising=False)
    problems = _problems(
        tmp_path, '\n[[sources]]\nkind = "reddit"\nusername_env = "MD_REDDIT_USER"\n'
    )
    assert "username_env and password_env go together" in problems
    assert "MD_REDDIT_USER is not set" not in problems


@pytest.mark.parametrize(
    "url", ["sqlite:///C:/Users/ana@corp/mentiondesk.db", "sqlite:///srv/md:old@2/x.db"]
)
def test_a_sqlite_path_holding_a_colon_and_an_at_is_shown_as_written(url: str) -> None:
    """Masking "user:pw@" after any "/" took a path for a password: C:***@corp."""
    assert shown_url(url) == url
