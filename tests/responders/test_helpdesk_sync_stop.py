"""A stop during a help-desk sync sweep: Freshdesk is read one ticket at a time, so a slow
desk once kept `stop()` (which ends the side tasks first) for the whole sweep, past the
grace. The sweep gives up the desk's answer at the stop; the cases it did not reach stay
open, each resolved whole (its own transaction) by the next sweep."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Sequence
from pathlib import Path

import pytest
import sqlalchemy as sa
from aiohttp import web

from mentiondesk.helpdesk_sync import sync_solved
from mentiondesk.pipeline import App
from mentiondesk.tables import CASE
from responders.freshdesk import FreshdeskResponder
from tests.fakes import freshdesk as fd
from tests.fakes._base import FakeAPI
from tests.helpers import config_for, mention
from tests.test_follow_ups import ANGRY
from tests.test_pipeline import Recorder

N = 4  # cases, each escalated to a ticket of its own


@pytest.fixture
async def escalated(
    tmp_path: Path, fake_api: FakeAPI
) -> AsyncIterator[tuple[App, FreshdeskResponder, fd.FreshdeskFake]]:
    """An App whose catch-up filed N Freshdesk tickets, one per open case."""
    fake = fd.FreshdeskFake(fake_api)
    mentions = [mention(i, ANGRY, author=f"a{i}") for i in range(N)]
    config = config_for(tmp_path, f"sqlite:///{tmp_path}/desk.db", mentions)
    desk = FreshdeskResponder("cases", base_url=fake_api.base_url, api_key=fd.API_KEY)
    async with App(config, responders={"console": Recorder("console"), "cases": desk}) as app:
        await app.run_once(listening_next=True)
        assert len(fake.tickets) == N
        yield app, desk, fake


def _statuses(app: App) -> list[str]:
    with app.store.engine.connect() as conn:
        return list(conn.scalars(sa.select(CASE.c.status).order_by(CASE.c.id)))


async def test_a_stop_gives_up_a_sweep_waiting_on_the_desk(
    escalated: tuple[App, FreshdeskResponder, fd.FreshdeskFake], fake_api: FakeAPI
) -> None:
    app, _, fake = escalated
    asked, answer = asyncio.Event(), asyncio.Event()

    async def stalled(request: web.Request) -> web.StreamResponse:
        asked.set()
        await answer.wait()  # a desk that does not answer until the test is over
        return await fake._show(request)

    for n in range(1, N + 1):
        fake.tickets[n]["status"] = 4  # resolved there: the sweep would resolve each case
        fake_api.route("GET", f"/api/v2/tickets/{n}", stalled)
    try:
        await app.start()
        await asyncio.wait_for(asked.wait(), 30)  # the first sweep reads the first ticket
        # Before: stop() waited for the desk's answer (never, here); now it gives it up.
        await asyncio.wait_for(app.stop(), 30)
        assert not answer.is_set()
    finally:
        answer.set()
    assert _statuses(app) == ["open"] * N  # no answer read: nothing resolved, nothing half


async def test_a_sweep_stopped_after_the_desk_answered_leaves_its_cases_to_the_next(
    escalated: tuple[App, FreshdeskResponder, fd.FreshdeskFake],
) -> None:
    app, desk, fake = escalated
    for ticket in fake.tickets.values():
        ticket["status"] = 5  # closed there
    stop = asyncio.Event()

    class StopsOnAnswer:
        """The desk, with a stop asked for the moment it has answered."""

        async def solved(self, refs: Sequence[str]) -> set[str]:
            done = await desk.solved(refs)
            stop.set()
            return done

    assert await sync_solved(app.store, {"cases": StopsOnAnswer()}, stop) == 0  # type: ignore[dict-item]
    assert _statuses(app) == ["open"] * N
    assert await sync_solved(app.store, {"cases": desk}) == N  # the next sweep, whole
    assert _statuses(app) == ["resolved"] * N
