"""Chaos: a slow Slack. chat.postMessage is taken, but the card is made only after the
client gave up waiting (its timeout), and the answer never comes. The outbox retried 1-2 s
later; its look for the card by its key found none yet (the first request was still being
worked on there), so it posted again, and then the first card landed too: two cards. A
delivery that timed out may still land, so its retry waits as long as a killed worker's
would (the lease), and then finds the card. A sink never reached is retried as before."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path

import sqlalchemy as sa
from aiohttp import web

from mentiondesk.config import OutboxSection
from mentiondesk.outbox import OutboxWorker
from mentiondesk.store import Store
from mentiondesk.tables import DELIVERY, OUTBOX
from tests.fakes.slack import SlackFake
from tests.responders._data import seed
from tests.responders.slack_helpers import slack_fake as slack_fake  # the fixture, re-exported
from tests.responders.slack_helpers import slack_responder

MADE_AFTER = 1.5  # seconds: Slack makes the card after the client (1 s timeout) gave up


def _slow_post(fake: SlackFake, made: list[asyncio.Task[web.StreamResponse]]) -> None:
    """Slack takes the first post, makes the card MADE_AFTER s later whatever the client
    does meanwhile, and answers only then (the client is gone by then); later ones at once."""
    post = fake._post

    async def slow(request: web.Request) -> web.StreamResponse:
        if made:
            return await post(request)
        body = await request.read()

        async def later() -> web.StreamResponse:
            await asyncio.sleep(MADE_AFTER)
            return await post(_Replayed(request, body))  # type: ignore[arg-type]

        made.append(asyncio.ensure_future(later()))  # the server's work goes on regardless
        return await asyncio.shield(made[-1])

    fake.api.route("POST", "/api/chat.postMessage", slow)


class _Replayed:
    """The request as the fake's own handler reads it, after its connection is gone."""

    def __init__(self, request: web.Request, body: bytes) -> None:
        self.headers, self._body, self.transport = request.headers, body, None

    async def json(self) -> object:
        import json

        return json.loads(self._body)


async def test_a_card_made_after_the_timeout_is_found_not_posted_twice(
    slack_fake: SlackFake, tmp_path: Path
) -> None:
    made: list[asyncio.Task[web.StreamResponse]] = []
    _slow_post(slack_fake, made)
    store = Store(f"sqlite:///{tmp_path / 'store.db'}")
    store.create_all()
    seed(store)
    responder = slack_responder(slack_fake)
    responder.client.timeout = 1  # seconds: the client gives up before the card is made
    now = datetime.now(UTC)
    clock = [now]
    worker = OutboxWorker(store, {"slack": responder}, OutboxSection(), clock=lambda: clock[0])
    assert await worker.drain() == 0  # timed out: retried later
    clock[0] = now + timedelta(seconds=5)  # past any backoff a plain failure waits
    assert await worker.drain() == 0  # not yet: the first may still land
    await asyncio.gather(*made)  # Slack made the first card meanwhile
    with store.engine.connect() as conn:
        due = conn.scalar(sa.select(OUTBOX.c.next_attempt_at))
    assert due is not None and due.replace(tzinfo=UTC) >= now + timedelta(seconds=290)
    clock[0] = now + timedelta(hours=1)
    assert await worker.drain() == 1  # the retry looks first, and finds it
    with store.engine.connect() as conn:
        ref = conn.scalar(sa.select(DELIVERY.c.ref))
    store.dispose()
    [ts] = slack_fake.messages
    assert ref == f"C0TEAM:{ts}"
