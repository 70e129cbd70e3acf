"""A webhook that refuses as a whole (401, 403, 404, 410: deleted, or its access revoked) is
SinkRefused, naming the variable that holds its URL; a refusal of one message (400, 422)
stays a plain FatalError; a help desk's 401 refuses it as a whole, its 404 (one ticket) not."""

from __future__ import annotations

from pathlib import Path

import pytest

from mentiondesk.models import Brand, FatalError, PluginContext, SinkRefused
from responders._rest import RestClient
from responders.discord import DiscordResponder, DiscordResponderConfig
from responders.mattermost import MattermostResponder, MattermostResponderConfig
from responders.teams import TeamsResponder, TeamsResponderConfig
from tests.fakes import webhooks
from tests.fakes._base import FakeAPI
from tests.responders._data import action

Sink = DiscordResponder | TeamsResponder | MattermostResponder


def _built(kind: str, hooks: FakeAPI, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Sink:
    """The responder as `mentiondesk run` builds it from a `[[responders]]` table."""
    context = PluginContext(brand=Brand("acme"), base_dir=tmp_path)
    monkeypatch.setenv("ALERTS_HOOK", hooks.base_url + _PATHS[kind])
    if kind == "discord":
        return DiscordResponder.from_config(DiscordResponderConfig(url_env="ALERTS_HOOK"), context)
    if kind == "teams":
        return TeamsResponder.from_config(TeamsResponderConfig(url_env="ALERTS_HOOK"), context)
    config = MattermostResponderConfig(url_env="ALERTS_HOOK")
    return MattermostResponder.from_config(config, context)


_PATHS = {"discord": webhooks.DISCORD, "teams": webhooks.TEAMS, "mattermost": webhooks.MATTERMOST}


@pytest.mark.parametrize("kind", sorted(_PATHS))
@pytest.mark.parametrize("status", [401, 403, 404, 410])
async def test_a_webhook_refusing_as_a_whole_names_its_variable(
    hooks: FakeAPI,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    kind: str,
    status: int,
) -> None:
    hooks.queue("POST", _PATHS[kind], status, {"message": "Unknown Webhook"})
    sink = _built(kind, hooks, tmp_path, monkeypatch)
    try:
        with pytest.raises(SinkRefused) as refused:
            await sink.deliver(action())
    finally:
        await sink.close()
    words = str(refused.value)
    assert f"{kind} answered {status}" in words
    assert "set ALERTS_HOOK (url_env of responder" in words and repr(kind) in words
    assert isinstance(refused.value, FatalError)  # every caller that holds a FatalError still does


@pytest.mark.parametrize("status", [400, 413, 422])
async def test_a_refusal_of_one_message_stays_about_that_message(
    hooks: FakeAPI, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, status: int
) -> None:
    hooks.queue("POST", webhooks.DISCORD, status, {"content": ["Must be 2000 or fewer"]})
    sink = _built("discord", hooks, tmp_path, monkeypatch)
    try:
        with pytest.raises(FatalError) as refused:
            await sink.deliver(action())
    finally:
        await sink.close()
    assert not isinstance(refused.value, SinkRefused)
    assert f"discord answered {status}" in str(refused.value)


async def test_a_help_desk_api_refuses_as_a_whole_on_401_only(fake_api: FakeAPI) -> None:
    fake_api.queue("GET", "/api/v2/users/me.json", 401, {"error": "Couldn't authenticate you"})
    fake_api.queue("GET", "/api/v2/tickets/7.json", 404, {"error": "RecordNotFound"})
    fake_api.queue("PUT", "/api/v2/tickets/8.json", 403, {"error": "Forbidden"})
    http = RestClient(fake_api.base_url + "/api/v2/", "zendesk")
    try:
        with pytest.raises(SinkRefused, match="zendesk answered 401"):
            await http.call("GET", "users/me.json")
        # A ticket gone, or one this agent may not change: that action alone is held.
        for method, path in (("GET", "tickets/7.json"), ("PUT", "tickets/8.json")):
            with pytest.raises(FatalError) as refused:
                await http.call(method, path)
            assert not isinstance(refused.value, SinkRefused)
    finally:
        await http.close()
