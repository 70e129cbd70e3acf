"""The Zendesk and Freshdesk fakes with a real responder on each, as pytest fixtures shared by
the help-desk test modules (`zendesk`, `freshdesk`): import the functions, ask by those names."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from responders.freshdesk import FreshdeskResponder
from responders.zendesk import ZendeskResponder
from tests.fakes import freshdesk as fd
from tests.fakes import zendesk as zd
from tests.fakes._base import FakeAPI


@pytest.fixture(name="zendesk")
async def zendesk_desk(fake_api: FakeAPI) -> AsyncIterator[tuple[ZendeskResponder, zd.ZendeskFake]]:
    """A ZendeskResponder named "zd" on the fake Zendesk."""
    fake = zd.ZendeskFake(fake_api)
    responder = ZendeskResponder("zd", base_url=fake_api.base_url, email=zd.EMAIL, token=zd.TOKEN)
    yield responder, fake
    await responder.close()


@pytest.fixture(name="freshdesk")
async def freshdesk_desk(
    fake_api: FakeAPI,
) -> AsyncIterator[tuple[FreshdeskResponder, fd.FreshdeskFake]]:
    """A FreshdeskResponder named "fd" on the fake Freshdesk."""
    fake = fd.FreshdeskFake(fake_api)
    responder = FreshdeskResponder("fd", base_url=fake_api.base_url, api_key=fd.API_KEY)
    yield responder, fake
    await responder.close()
