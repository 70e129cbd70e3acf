"""A sink that refuses as a whole (a deleted webhook answering 404): one try, its other
actions held with it in one error line, what comes for it later held untried, other sinks
served, content refusals held one by one as before, and everything sent after `outbox retry`."""

from __future__ import annotations

import logging
import time
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
from aiohttp import web

from mentiondesk import outbox_admin
from mentiondesk.config import OutboxSection
from mentiondesk.models import Responder
from mentiondesk.outbox import OutboxWorker
from mentiondesk.store import Store
from mentiondesk.tables import DELIVERY
from responders.discord import DiscordResponder
from responders.mattermost import MattermostResponder
from tests.fakes import webhooks
from tests.fakes._base import FakeAPI
from tests.test_outbox_unreachable import _enqueue, _rows

GONE = "/api/v10/webhooks/9/gone"  # a Discord webhook deleted: every POST answers 404


class Clock:
    """The worker's clock, from the real time: `outbox retry` makes an action due by it."""

    def __init__(self) -> None:
        self.now = datetime.now(UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def hooks(fake_api: FakeAPI) -> FakeAPI:
    webhooks.install(fake_api)

    async def gone(request: web.Request) -> web.Response:
        return web.json_response({"message": "Unknown Webhook", "code": 10015}, status=404)

    fake_api.route("POST", GONE, gone)
    return fake_api


def _back(hooks: FakeAPI) -> None:
    """The webhook answers again (its access restored)."""

    async def posted(request: web.Request) -> web.Response:
        return web.json_response({"id": "9002"})

    hooks.route("POST", GONE, posted)


def _worker(store: Store, clock: Clock, hooks: FakeAPI) -> OutboxWorker:
    sinks: dict[str, Responder] = {
        "dead": DiscordResponder("dead", url=hooks.base_url + GONE),
        "live": MattermostResponder("live", url=hooks.base_url + webhooks.MATTERMOST),
    }
    return OutboxWorker(store, sinks, OutboxSection(batch_size=16), clock=clock)


async def _close(worker: OutboxWorker) -> None:
    for responder in worker.responders.values():
        await responder.close()


def _errors(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]


def _release(store: Store, target: str) -> None:
    """`mentiondesk outbox retry` on each of the sink's held actions."""
    for row in _rows(store, target):
        if row.status == "held":
            assert outbox_admin.retry(store, row.id)


async def test_one_try_one_error_the_rest_held_and_all_sent_after_retry(
    store: Store, hooks: FakeAPI, caplog: pytest.LogCaptureFixture
) -> None:
    clock = Clock()
    for i in range(3):  # one more later: all its tries within one window of Discord's pace
        _enqueue(store, f"d{i}", "dead", clock.now)
    for i in range(3):
        _enqueue(store, f"l{i}", "live", clock.now)
    hooks.queue("POST", webhooks.MATTERMOST, 400, {"message": "bad text"})  # that alert alone
    worker = _worker(store, clock, hooks)
    started = time.monotonic()
    try:
        with caplog.at_level(logging.DEBUG, logger="mentiondesk.outbox"):
            assert await worker.drain() == 2
            assert time.monotonic() - started < 5  # no waiting for the dead sink's pace
            dead, live = _rows(store, "dead"), _rows(store, "live")
            errors = _errors(caplog)
            # Queued for it later in the same run: held untried, not one more error line.
            caplog.clear()
            _enqueue(store, "d3", "dead", clock.now)
            assert await worker.drain() == 0
    finally:
        await _close(worker)
    assert len(hooks.calls(GONE, "POST")) == 1
    assert [r.status for r in dead] == ["held"] * 3
    assert [r.attempts for r in dead] == [1] + [0] * 2  # the rest were never tried
    assert all(r.last_error.startswith("sink refused: discord answered 404") for r in dead)
    # Another sink is served, and a refusal of one message there holds that one alone.
    assert [r.status for r in live] == ["held", "done", "done"]
    assert len(errors) == 2, errors
    said = next(e for e in errors if "responder dead" in e)
    assert f"Held action {dead[0].id} (alert), and its 2 other pending action(s)" in said
    assert "discord answered 404: the webhook was deleted (Unknown Webhook)" in said
    assert "set the URL of 'dead'" in said and "mentiondesk outbox retry --held-for dead" in said
    per_action = f"outbox action {live[0].id} (alert) held: mattermost answered 400;"
    assert any(e.startswith(per_action) for e in errors)
    assert _errors(caplog) == []
    assert _rows(store, "dead")[-1].status == "held"
    assert any("held untried: responder dead" in r.getMessage() for r in caplog.records)

    # Nothing is lost: the webhook fixed and the process restarted, `outbox retry` sends all.
    _back(hooks)
    _release(store, "dead")
    clock.now = datetime.now(UTC)
    again = _worker(store, clock, hooks)
    try:
        assert await again.drain() == 4
    finally:
        await _close(again)
    assert [r.status for r in _rows(store, "dead")] == ["done"] * 4
    with store.engine.connect() as conn:
        keys = list(conn.scalars(sa.select(DELIVERY.c.key).where(DELIVERY.c.target == "dead")))
    assert sorted(keys) == sorted(f"d{i}" for i in range(4))  # each once


async def test_released_by_a_person_they_are_tried_again_by_the_same_run(
    store: Store, hooks: FakeAPI, caplog: pytest.LogCaptureFixture
) -> None:
    # A webhook's access restored without a restart: `outbox retry` has the running worker try
    # again (one try, one more error line while it still refuses), not hold them on sight.
    clock = Clock()
    for i in range(3):
        _enqueue(store, f"d{i}", "dead", clock.now)
    worker = _worker(store, clock, hooks)
    try:
        with caplog.at_level(logging.INFO, logger="mentiondesk.outbox"):
            await worker.drain()
            _release(store, "dead")
            clock.now = datetime.now(UTC)
            await worker.drain()  # still refused: tried once more, said once more
            assert len(hooks.calls(GONE, "POST")) == 2 and len(_errors(caplog)) == 2
            assert [r.status for r in _rows(store, "dead")] == ["held"] * 3
            _back(hooks)
            _release(store, "dead")
            clock.now = datetime.now(UTC)
            assert await worker.drain() == 3
    finally:
        await _close(worker)
    assert len(hooks.calls(GONE, "POST")) == 5
    assert [r.status for r in _rows(store, "dead")] == ["done"] * 3


async def test_after_a_quiet_hour_the_next_one_is_tried_again(
    store: Store, hooks: FakeAPI, caplog: pytest.LogCaptureFixture
) -> None:
    # A long `run`: what comes for a refused sink is held untried for a while, then one is
    # tried again, so a sink set right unseen is found working, or said to refuse again.
    clock = Clock()
    _enqueue(store, "d0", "dead", clock.now)
    worker = _worker(store, clock, hooks)
    try:
        with caplog.at_level(logging.INFO, logger="mentiondesk.outbox"):
            await worker.drain()
            clock.now += timedelta(minutes=30)
            _enqueue(store, "d1", "dead", clock.now)
            await worker.drain()
            assert len(hooks.calls(GONE, "POST")) == 1 and len(_errors(caplog)) == 1
            clock.now += timedelta(minutes=31)
            _enqueue(store, "d2", "dead", clock.now)
            await worker.drain()
    finally:
        await _close(worker)
    assert len(hooks.calls(GONE, "POST")) == 2 and len(_errors(caplog)) == 2
    assert [r.status for r in _rows(store, "dead")] == ["held"] * 3


async def test_refused_mid_batch_the_rest_stop_waiting_for_their_turn(
    store: Store, hooks: FakeAPI, caplog: pytest.LogCaptureFixture
) -> None:
    # The webhook deleted after the batch's first alert went: those sent alongside meet the
    # same refusal (one error line for all), and those waiting for a pace turn (Discord's:
    # 5 per 10 s) are held at once rather than each waiting its turn to be refused.
    clock = Clock()
    for i in range(12):
        _enqueue(store, f"d{i}", "dead", clock.now)
    hooks.queue("POST", GONE, 200, {"id": "9001"})
    worker = _worker(store, clock, hooks)
    started = time.monotonic()
    try:
        with caplog.at_level(logging.INFO, logger="mentiondesk.outbox"):
            assert await worker.drain() == 1
    finally:
        await _close(worker)
    assert time.monotonic() - started < 5
    assert 2 <= len(hooks.calls(GONE, "POST")) <= 5  # the first, then one pace window at most
    rows = _rows(store, "dead")
    assert [r.status for r in rows] == ["done"] + ["held"] * 11
    errors = _errors(caplog)
    assert len(errors) == 1 and errors[0].startswith("responder dead refused every action")
