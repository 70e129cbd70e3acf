"""/healthz tells an uptime monitor when deliveries have stalled, without a 503."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from mentiondesk.models import CaseContext, Label, OutboxAction, Reading
from mentiondesk.outbox_payload import outbox_row
from mentiondesk.store import Store
from mentiondesk.tables import OUTBOX
from tests.desk.conftest import Desk
from tests.helpers import mention


def _queue(store: Store, key: str, minutes_ago: int) -> None:
    context = CaseContext(mention=mention(1), reading=Reading(label=Label.NEGATIVE, score=0.9))
    action = OutboxAction(key=key, kind="alert", target="slack", context=context)
    queued = datetime.now(UTC) - timedelta(minutes=minutes_ago)
    with store.engine.begin() as conn:
        conn.execute(sa.insert(OUTBOX), [outbox_row(action, None, queued)])


async def test_a_recent_action_waiting_is_still_ok(anon: Desk, store: Store) -> None:
    _queue(store, "a1", minutes_ago=5)
    response = await anon.client.get("/healthz")
    body = await response.json()
    assert response.status == 200 and body["status"] == "ok"
    assert 300 <= body["outbox_oldest_waiting_seconds"] < 900


async def test_an_action_waiting_past_the_threshold_is_degraded_not_down(
    anon: Desk, store: Store
) -> None:
    _queue(store, "a1", minutes_ago=5)
    _queue(store, "a2", minutes_ago=16)  # the sink has been failing for longer than 15 min
    response = await anon.client.get("/healthz")
    body = await response.json()
    assert response.status == 200  # a load balancer keeps the desk: people can still work
    assert body["status"] == "degraded" and body["outbox_waiting"] == 2
    assert body["outbox_oldest_waiting_seconds"] >= 960
