"""Discord refuses (400) every message sent under a name containing "discord" or "clyde", named
"here" or "everyone", or not 1 to 80 characters: each alert was held. Such a `username` is
refused at start-up."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from mentiondesk.models import FatalError
from responders.discord import DiscordResponder, DiscordResponderConfig
from tests.fakes import webhooks
from tests.fakes._base import FakeAPI
from tests.responders._data import action


@pytest.mark.parametrize("name", ["Discord alerts", "ClydeBot", "Here", "", "   ", "x" * 81])
def test_a_name_discord_refuses_is_refused_at_start_up(
    monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    monkeypatch.setenv("ALERTS_HOOK", "https://discord.com/api/webhooks/1/tok")
    with pytest.raises(ValidationError, match="username"):
        DiscordResponderConfig(url_env="ALERTS_HOOK", username=name)


@pytest.mark.parametrize("name", ["mentiondesk", "Alertas da marca", "x" * 80])
async def test_a_name_discord_takes_is_posted_under(
    hooks: FakeAPI, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    monkeypatch.setenv("ALERTS_HOOK", hooks.base_url + webhooks.DISCORD)
    config = DiscordResponderConfig(url_env="ALERTS_HOOK", username=name)
    sink = DiscordResponder("discord", url=hooks.base_url + webhooks.DISCORD, username=name)
    try:
        await sink.deliver(action())
    finally:
        await sink.close()
    assert config.username == name
    assert hooks.calls(webhooks.DISCORD)[0].json()["username"] == name


async def test_the_fake_refuses_what_discord_refuses(hooks: FakeAPI) -> None:
    sink = DiscordResponder("discord", url=hooks.base_url + webhooks.DISCORD, username="clyde")
    try:
        with pytest.raises(FatalError, match="400"):
            await sink.deliver(action())
    finally:
        await sink.close()
