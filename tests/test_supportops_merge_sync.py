"""The sync moves a case to the ticket an agent merged its own into: later sweeps read that
ticket, the case's page links it, and the case resolves when it is solved there (before: the
Zendesk case stayed open for good; the Freshdesk one resolved at the merge). A real App,
its store and the fake desks over HTTP."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from mentiondesk.helpdesk_sync import open_tickets, sync_solved
from mentiondesk.pipeline import App
from mentiondesk.tables import CASE
from responders.freshdesk import FreshdeskResponder
from responders.zendesk import ZendeskResponder
from tests.fakes import freshdesk as fd
from tests.fakes import zendesk as zd
from tests.fakes._base import FakeAPI
from tests.helpers import config_for, mention
from tests.test_follow_ups import ANGRY
from tests.test_pipeline import Recorder


async def _escalated(tmp_path: Path, desk: Any, authors: int = 1) -> AsyncIterator[App]:
    """An App whose catch-up filed a ticket (1, 2…) at `desk` ("cases") for each author's case."""
    mentions = [mention(i, ANGRY, author=f"a{i}") for i in range(authors)]
    config = config_for(tmp_path, f"sqlite:///{tmp_path}/desk.db", mentions)
    async with App(config, responders={"console": Recorder("console"), "cases": desk}) as app:
        await app.run_once(listening_next=True)
        yield app


def _statuses(app: App) -> list[str]:
    with app.store.engine.connect() as conn:
        return list(conn.scalars(sa.select(CASE.c.status).order_by(CASE.c.id)))


def _case(app: App) -> tuple[str, str | None, str | None]:
    with app.store.engine.connect() as conn:
        row = conn.execute(sa.select(CASE.c.status, CASE.c.ticket_ref, CASE.c.ticket_url)).one()
    return row.status, row.ticket_ref, row.ticket_url


@pytest.fixture
async def zendesk_app(tmp_path: Path, fake_api: FakeAPI) -> AsyncIterator[tuple[App, Any]]:
    fake = zd.ZendeskFake(fake_api)
    desk = ZendeskResponder("cases", base_url=fake_api.base_url, email=zd.EMAIL, token=zd.TOKEN)
    async for app in _escalated(tmp_path, desk):
        fake.tickets[2] = {"id": 2, "status": "open", "external_id": None, "subject": "E-mail"}
        yield app, fake


@pytest.fixture
async def freshdesk_app(tmp_path: Path, fake_api: FakeAPI) -> AsyncIterator[tuple[App, Any]]:
    fake = fd.FreshdeskFake(fake_api)
    desk = FreshdeskResponder("cases", base_url=fake_api.base_url, api_key=fd.API_KEY)
    async for app in _escalated(tmp_path, desk):
        fake.tickets[2] = {"id": 2, "status": 2, "priority": 1, "tags": []}
        yield app, fake


async def test_a_zendesk_case_follows_and_resolves_with_its_merge_target(
    zendesk_app: tuple[App, Any],
) -> None:
    app, fake = zendesk_app
    fake.merge(1, 2)
    assert await sync_solved(app.store, app.responders) == 0
    assert open_tickets(app.store) == {"cases": {"2": [1]}}  # before: {"1": 1}, for good
    status, ref, url = _case(app)
    assert (status, ref) == ("open", "2") and url and url.endswith("/agent/tickets/2")
    fake.tickets[2]["status"] = "solved"
    assert await sync_solved(app.store, app.responders) == 1
    assert _case(app)[0] == "resolved"


async def test_a_freshdesk_merge_is_not_read_as_solved(freshdesk_app: tuple[App, Any]) -> None:
    app, fake = freshdesk_app
    fake.merge(2, 1)
    assert await sync_solved(app.store, app.responders) == 0  # before: 1, resolved
    assert _case(app)[:2] == ("open", "2")
    assert await sync_solved(app.store, app.responders) == 0  # the move is made once
    fake.tickets[2]["status"] = 4
    assert await sync_solved(app.store, app.responders) == 1


async def test_two_cases_merged_into_one_ticket_both_resolve(
    tmp_path: Path, fake_api: FakeAPI
) -> None:
    """The customer wrote on X and on Instagram: two cases, two tickets, which an agent
    merged. Both cases now live on one ticket, and both resolve when it is solved (before:
    the sync kept one case a ticket, and the other stayed open for good)."""
    fake = zd.ZendeskFake(fake_api)
    desk = ZendeskResponder("cases", base_url=fake_api.base_url, email=zd.EMAIL, token=zd.TOKEN)
    async for app in _escalated(tmp_path, desk, authors=2):
        fake.merge(1, 2)
        assert await sync_solved(app.store, app.responders) == 0
        assert open_tickets(app.store) == {"cases": {"2": [1, 2]}}
        fake.tickets[2]["status"] = "solved"
        assert await sync_solved(app.store, app.responders) == 2
        assert _statuses(app) == ["resolved", "resolved"]
