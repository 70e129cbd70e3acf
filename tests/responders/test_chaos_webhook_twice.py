"""Chaos: a Discord webhook posts the alert, then answers 500 (its gateway failed after the
message was made). An incoming webhook has no read, so the retry cannot look for it and the
alert shows twice: a design limit (twice rather than never), which the log must say when it
happens, naming the action and how to hold it, rather than duplicate silently. A sink that
was never reached (connection refused) cannot have posted: nothing is said of it."""

from __future__ import annotations

import logging
import socket
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from aiohttp import web

from mentiondesk.config import OutboxSection
from mentiondesk.outbox import OutboxWorker
from mentiondesk.store import Store
from responders.discord import DiscordResponder
from tests.fakes._base import FakeAPI, Handler
from tests.test_outbox_unreachable import _enqueue

HOOK = "/api/v10/webhooks/1/chaos"
TWICE = "cannot look for an earlier send"


def _made_then_500(posted: list[bytes]) -> Handler:
    async def handler(request: web.Request) -> web.Response:
        posted.append(await request.read())  # the message is made either way
        if len(posted) == 1:
            return web.Response(status=500, text='{"message": "500: Internal Server Error"}')
        return web.json_response({"id": str(9000 + len(posted)), "channel_id": "7"})

    return handler


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def _drain_twice(store: Store, sink: DiscordResponder) -> tuple[int, int]:
    now = datetime.now(UTC)
    clock = [now]
    _enqueue(store, "alert:discord:x:1:complaint", "discord", now)
    worker = OutboxWorker(store, {"discord": sink}, OutboxSection(), clock=lambda: clock[0])
    try:
        first = await worker.drain()
        clock[0] = now + timedelta(hours=1)  # past the backoff
        return first, await worker.drain()
    finally:
        await sink.close()


async def test_a_webhook_alert_made_then_answered_500_says_it_may_show_twice(
    fake_api: FakeAPI, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    posted: list[bytes] = []
    fake_api.route("POST", HOOK, _made_then_500(posted))
    store = Store(f"sqlite:///{tmp_path / 'store.db'}")
    store.create_all()
    sink = DiscordResponder("discord", url=fake_api.base_url + HOOK)
    with caplog.at_level(logging.WARNING, logger="mentiondesk.outbox"):
        assert await _drain_twice(store, sink) == (0, 1)
    store.dispose()
    assert len(posted) == 2  # the design limit: the webhook cannot be asked what it has
    said = [r.getMessage() for r in caplog.records if TWICE in r.getMessage()]
    assert len(said) == 1, said
    assert said[0].startswith("outbox action 1 (alert) via discord may have been posted")
    assert "discord answered 500" in said[0] and "`mentiondesk outbox hold 1`" in said[0]


async def test_a_webhook_never_reached_says_nothing_of_twice(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    store = Store(f"sqlite:///{tmp_path / 'store.db'}")
    store.create_all()
    sink = DiscordResponder("discord", url=f"http://127.0.0.1:{_closed_port()}{HOOK}")
    with caplog.at_level(logging.WARNING, logger="mentiondesk.outbox"):
        assert await _drain_twice(store, sink) == (0, 0)
    store.dispose()
    assert not [r for r in caplog.records if TWICE in r.getMessage()]
