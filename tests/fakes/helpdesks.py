"""The Zendesk and Freshdesk fakes with a real responder on each, as pytest fixtures shared by
the help-desk test modules (`zendesk`, `freshdesk`): import the functions, ask by those names;
and `file_cases`, the support team's cases MD-1… filed through a responder."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from dataclasses import replace

import pytest

from responders.freshdesk import FreshdeskResponder
from responders.zendesk import ZendeskResponder
from tests.fakes import freshdesk as fd
from tests.fakes import zendesk as zd
from tests.fakes._base import FakeAPI
from tests.responders._data import action


async def file_cases(
    responder: FreshdeskResponder | ZendeskResponder, numbers: Sequence[int] = (1, 2, 3)
) -> list[str]:
    """Cases MD-1, MD-2… each escalated to a ticket of its own at `responder` (its name the
    actions' target; each its own key, as Zendesk replays one); their ticket refs."""
    ticket = action(kind="ticket", target=responder.name)
    refs = []
    for n in numbers:
        context = replace(ticket.context, case_number=f"MD-{n}")
        filed = replace(ticket, key=f"ticket:{responder.name}:case:MD-{n}", context=context)
        refs.append((await responder.deliver(filed)).ref or "")
    return refs


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
