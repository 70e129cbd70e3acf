"""A Zendesk or Freshdesk `base_url` copied from the API docs, with its /api/v2/, reaches the
API all the same (it went to /api/v2/api/v2/, and every ticket failed)."""

from __future__ import annotations

from pathlib import Path

import pytest

from mentiondesk.models import Brand, PluginContext
from responders._freshdesk_config import FreshdeskResponderConfig
from responders.freshdesk import FreshdeskResponder
from responders.zendesk import ZendeskResponder, ZendeskResponderConfig
from tests.fakes import freshdesk as fd
from tests.fakes import zendesk as zd
from tests.fakes._base import FakeAPI
from tests.responders._data import action

TICKET = action(kind="ticket", target="desk")


@pytest.mark.parametrize("path", ["/api/v2/", "/api/v2", "/API/V2/", "/"])
async def test_zendesk_takes_its_address_with_the_api_path(
    fake_api: FakeAPI, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, path: str
) -> None:
    fake = zd.ZendeskFake(fake_api)
    monkeypatch.setenv("ZD_TOKEN", zd.TOKEN)
    config = ZendeskResponderConfig(
        base_url=fake_api.base_url + path, email=zd.EMAIL, token_env="ZD_TOKEN"
    )
    assert config.base_url == fake_api.base_url
    responder = ZendeskResponder.from_config(config, PluginContext(Brand("acme"), tmp_path))
    try:
        receipt = await responder.deliver(TICKET)
    finally:
        await responder.close()
    assert receipt.url == f"{fake_api.base_url}/agent/tickets/1"
    assert len(fake.api.calls("/api/v2/tickets.json", "POST")) == 1


async def test_freshdesk_takes_its_address_with_the_api_path(
    fake_api: FakeAPI, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = fd.FreshdeskFake(fake_api)
    monkeypatch.setenv("FD_KEY", fd.API_KEY)
    config = FreshdeskResponderConfig(base_url=f"{fake_api.base_url}/api/v2/", api_key_env="FD_KEY")
    responder = FreshdeskResponder.from_config(config, PluginContext(Brand("acme"), tmp_path))
    try:
        receipt = await responder.deliver(TICKET)
    finally:
        await responder.close()
    assert receipt.url == f"{fake_api.base_url}/a/tickets/1"
    assert len(fake.api.calls("/api/v2/tickets", "POST")) == 1
