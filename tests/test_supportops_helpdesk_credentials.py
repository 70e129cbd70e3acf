"""Wrong credentials at start-up (`mentiondesk responders check`, or the first ticket): each
help desk's refusal names the variable holding the secret, the `[[responders]]` key naming
that variable, and where the desk's admin makes a new one, built from the config as `run`
builds it."""

from __future__ import annotations

from pathlib import Path

import pytest

from mentiondesk.models import Brand, PluginContext, SinkRefused
from responders.freshdesk import FreshdeskResponder, FreshdeskResponderConfig
from responders.request_tracker import RequestTrackerResponder, RequestTrackerResponderConfig
from responders.zendesk import ZendeskResponder, ZendeskResponderConfig
from tests.fakes._base import FakeAPI

CONTEXT = PluginContext(brand=Brand(name="Lumora"), base_dir=Path("."))
REFUSED = {"error": "Couldn't authenticate you"}


async def test_zendesk_names_its_token_variable_email_and_where_tokens_are_made(
    fake_api: FakeAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SHOP_ZD_TOKEN", "revoked")
    config = ZendeskResponderConfig(
        name="shop", base_url=fake_api.base_url, email="ops@shop.test", token_env="SHOP_ZD_TOKEN"
    )
    responder = ZendeskResponder.from_config(config, CONTEXT)
    fake_api.queue("GET", "/api/v2/users/me.json", 401, REFUSED)
    with pytest.raises(SinkRefused) as refused:
        await responder.check()
    await responder.close()
    said = str(refused.value)
    assert "zendesk answered 401" in said
    assert "SHOP_ZD_TOKEN (token_env of responder 'shop')" in said
    assert "email = 'ops@shop.test'" in said
    assert "Admin Center > Apps and integrations > APIs > Zendesk API" in said
    assert "revoked" not in said  # never the secret


async def test_freshdesk_names_its_api_key_variable(
    fake_api: FakeAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SISTER_FD_KEY", "wrong-key")
    config = FreshdeskResponderConfig(
        name="sister", base_url=fake_api.base_url, api_key_env="SISTER_FD_KEY"
    )
    responder = FreshdeskResponder.from_config(config, CONTEXT)
    fake_api.queue("GET", "/api/v2/agents/me", 401, {"code": "invalid_credentials"})
    with pytest.raises(SinkRefused) as refused:
        await responder.check()
    await responder.close()
    said = str(refused.value)
    assert "SISTER_FD_KEY (api_key_env of responder 'sister')" in said
    assert "Profile settings > View API key" in said
    assert "wrong-key" not in said


async def test_request_tracker_names_its_token_variable(
    fake_api: FakeAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("IT_RT_TOKEN", "1-14-0123abc")
    config = RequestTrackerResponderConfig(
        name="it", base_url=fake_api.base_url + "/REST/2.0/", token_env="IT_RT_TOKEN"
    )
    responder = RequestTrackerResponder.from_config(config, CONTEXT)
    fake_api.queue("GET", "/REST/2.0/queues", 401, {"message": "Unauthorized"})
    with pytest.raises(SinkRefused) as refused:
        await responder.check()
    await responder.close()
    said = str(refused.value)
    assert "IT_RT_TOKEN (token_env of responder 'it')" in said
    assert "Settings > Auth Tokens" in said
    assert "0123abc" not in said
