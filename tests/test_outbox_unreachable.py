"""A sink whose name does not resolve: one try per drain, its other actions put off untried,
every other sink served, and everything delivered once when it is back."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from mentiondesk.config import OutboxSection
from mentiondesk.models import CaseContext, Label, OutboxAction, Reading, Responder
from mentiondesk.outbox import OutboxWorker
from mentiondesk.outbox_payload import outbox_row
from mentiondesk.store import Store
from mentiondesk.tables import DELIVERY, OUTBOX
from responders.discord import DiscordResponder
from responders.mattermost import MattermostResponder
from tests.fakes import webhooks
from tests.fakes._base import FakeAPI
from tests.helpers import mention

NOWHERE = "http://does-not-resolve.invalid"  # RFC 6761: never resolves
DEAD = ["d1", "d2", "d3", "d4", "d5"]


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


def _enqueue(store: Store, key: str, target: str, now: datetime) -> None:
    context = CaseContext(mention=mention(1), reading=Reading(label=Label.NEGATIVE, score=0.9))
    action = OutboxAction(key=key, kind="alert", target=target, context=context)
    with store.engine.begin() as conn:
        conn.execute(sa.insert(OUTBOX), [outbox_row(action, None, now)])


def _rows(store: Store, target: str) -> list[sa.Row]:  # type: ignore[type-arg]
    query = sa.select(OUTBOX).where(OUTBOX.c.target == target).order_by(OUTBOX.c.id)
    with store.engine.connect() as conn:
        return list(conn.execute(query))


def _worker(store: Store, clock: Clock, dead_url: str, hooks: FakeAPI) -> OutboxWorker:
    sinks: dict[str, Responder] = {
        "dead": DiscordResponder("dead", url=dead_url + webhooks.DISCORD),
        "live": MattermostResponder("live", url=hooks.base_url + webhooks.MATTERMOST),
    }
    settings = OutboxSection(batch_size=3, base_backoff_seconds=10, max_backoff_seconds=100)
    return OutboxWorker(store, sinks, settings, clock=clock)


async def _close(worker: OutboxWorker) -> None:
    for responder in worker.responders.values():
        await responder.close()


def _naive(value: datetime) -> datetime:
    return value.replace(tzinfo=None)


async def test_one_try_at_a_dead_sink_per_drain_and_all_delivered_once_when_back(
    store: Store, hooks: FakeAPI, caplog: pytest.LogCaptureFixture
) -> None:
    clock = Clock()
    for key, target in zip(["d1", "l1", "d2", "d3", "l2", "d4", "d5"], "dlddldd", strict=True):
        _enqueue(store, key, "dead" if target == "d" else "live", clock.now)
    worker = _worker(store, clock, NOWHERE, hooks)
    try:
        with caplog.at_level(logging.INFO, logger="mentiondesk.outbox"):
            assert await worker.drain() == 2  # the live sink is served all the same
            assert await worker.drain() == 0  # the dead one is not due again yet
    finally:
        await _close(worker)
    assert len(hooks.calls(webhooks.MATTERMOST)) == 2
    dead = _rows(store, "dead")
    assert [r.attempts for r in dead] == [1, 0, 0, 0, 0]  # one try; the rest untried
    assert all(r.status == "pending" and r.lease_until is None for r in dead)
    assert "unreachable: ClientConnectorDNSError" in dead[0].last_error
    assert all(r.last_error.startswith("not tried: Unreachable: discord") for r in dead[1:])
    again = {_naive(r.next_attempt_at) for r in dead}
    assert len(again) == 1 and again.pop() > _naive(clock.now)  # due with the one tried
    said = [r.getMessage() for r in caplog.records if "responder dead" in r.getMessage()]
    assert len(said) == 2  # it fails; 4 more wait (one line, not one per action)
    assert "4 more action(s) not tried" in said[1]

    clock.now += timedelta(seconds=101)  # past any backoff; the sink is back
    back = _worker(store, clock, hooks.base_url, hooks)
    try:
        assert await back.drain() == len(DEAD) and await back.drain() == 0
    finally:
        await _close(back)
    assert len(hooks.calls(webhooks.DISCORD, "POST")) == len(DEAD)
    assert [r.status for r in _rows(store, "dead")] == ["done"] * len(DEAD)
    with store.engine.connect() as conn:
        keys = list(conn.scalars(sa.select(DELIVERY.c.key)))
    assert sorted(keys) == sorted([*DEAD, "l1", "l2"])  # each once


async def test_a_single_delivery_leaves_the_sinks_other_actions_alone(
    store: Store, hooks: FakeAPI
) -> None:
    # `drafts approve --send` delivers one reply from a shell: a shell that cannot reach
    # the sink says nothing of what `mentiondesk run` reaches, so its queue keeps its times.
    clock = Clock()
    for key in DEAD:
        _enqueue(store, key, "dead", clock.now)
    worker = _worker(store, clock, NOWHERE, hooks)
    try:
        assert await worker.drain(only_key="d2") == 0
    finally:
        await _close(worker)
    dead = _rows(store, "dead")
    assert [r.attempts for r in dead] == [0, 1, 0, 0, 0]
    assert [r.last_error is None for r in dead] == [True, False, True, True, True]
    assert {_naive(r.next_attempt_at) for r in dead if r.key != "d2"} == {_naive(clock.now)}
