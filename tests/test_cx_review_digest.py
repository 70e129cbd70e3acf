"""A digest sent late (the desk stopped overnight, a route's alerts stranded) says the time its
alerts came in over, not its usual period."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from mentiondesk.config import AlertRoute
from mentiondesk.digest import DigestSink, flush_due
from mentiondesk.store import Store
from mentiondesk.tables import DIGEST_ITEM, OUTBOX
from tests.responders._data import action

ROUTE = AlertRoute(name="praise", to=["console"], digest_minutes=60)


async def _collected(store: Store, ago: timedelta) -> None:
    sink = DigestSink(store, ROUTE)
    for n in range(2):
        praise = action(f"love it {n}", target="digest:praise")
        await sink.deliver(replace(praise, key=f"alert:digest:praise:x:p{n}:praise"))
    with store.engine.begin() as conn:
        conn.execute(sa.update(DIGEST_ITEM).values(created_at=datetime.now(UTC) - ago))


def _head(store: Store) -> str:
    with store.engine.connect() as conn:
        payload = conn.scalar(sa.select(OUTBOX.c.payload))
    text: str = json.loads(payload)["text"]
    return text.split("\n")[0]


async def test_a_digest_of_alerts_kept_overnight_says_so(store: Store) -> None:
    await _collected(store, timedelta(hours=5))
    assert flush_due(store, ROUTE) == 2
    assert _head(store) == "praise: 2 mentions in the last 5 hours"


async def test_a_digest_sent_on_time_says_its_period(store: Store) -> None:
    await _collected(store, timedelta(minutes=61))
    assert flush_due(store, ROUTE) == 2
    assert _head(store) == "praise: 2 mentions in the last hour"
