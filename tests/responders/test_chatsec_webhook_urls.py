"""Discord's and Teams' webhook URLs are https:// only: one written http:// sent the URL (a
secret: whoever holds it posts as us) and every alert in clear, and met a redirect. Refused at
start-up, without the URL in the words; a local relay or test server may be http://."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from responders.discord import DiscordResponderConfig
from responders.mattermost import MattermostResponderConfig
from responders.teams import TeamsResponderConfig

SECRET = "/api/webhooks/1/s3cr3t-t0ken"
Config = type[DiscordResponderConfig] | type[TeamsResponderConfig]


@pytest.mark.parametrize("config", [DiscordResponderConfig, TeamsResponderConfig])
def test_an_http_url_is_refused_without_the_url(
    monkeypatch: pytest.MonkeyPatch, config: Config
) -> None:
    monkeypatch.setenv("ALERTS_HOOK", "http://discord.com" + SECRET)
    with pytest.raises(ValidationError, match="ALERTS_HOOK holds an http:// URL") as refused:
        config(url_env="ALERTS_HOOK")
    assert "s3cr3t" not in str(refused.value)


@pytest.mark.parametrize("config", [DiscordResponderConfig, TeamsResponderConfig])
@pytest.mark.parametrize(
    "url", ["https://discord.com" + SECRET, "http://127.0.0.1:8080/x", "http://localhost/x"]
)
def test_https_and_local_urls_are_taken(
    monkeypatch: pytest.MonkeyPatch, config: Config, url: str
) -> None:
    monkeypatch.setenv("ALERTS_HOOK", url)
    assert config(url_env="ALERTS_HOOK").url_env == "ALERTS_HOOK"


def test_an_on_prem_mattermost_may_be_http(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ALERTS_HOOK", "http://mattermost.lan/hooks/xyz")
    assert MattermostResponderConfig(url_env="ALERTS_HOOK").url_env == "ALERTS_HOOK"
