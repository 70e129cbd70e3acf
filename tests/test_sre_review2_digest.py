"""Alerts a removed digest route left behind, with the database down when the digest loop
starts: sent once it answers, not kept until the next restart."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import replace

import pytest
import sqlalchemy as sa

from mentiondesk.config import AlertRoute, RoutingSection
from mentiondesk.digest import DigestSink, digest_loop
from mentiondesk.models import OutboxAction
from mentiondesk.store import Store
from mentiondesk.tables import OUTBOX
from tests.conftest import Database
from tests.responders._data import action

pytestmark = pytest.mark.postgres
STRANDED = "the alerts of a digest route no longer configured could not be sent"


class Said(logging.Handler):
    """Sets `event` when the digest loop says the stranded alerts could not be sent."""

    def __init__(self, event: asyncio.Event) -> None:
        super().__init__()
        self.event = event

    def emit(self, record: logging.LogRecord) -> None:
        if record.getMessage() == STRANDED:
            self.event.set()


def _praise(n: int) -> OutboxAction:
    base = action(f"love it #{n}", target="digest:praise")
    return replace(base, key=f"alert:digest:praise:x:p{n}:praise")


async def test_stranded_alerts_are_sent_once_the_database_answers(
    pg_store: Store, database: Database
) -> None:
    removed = AlertRoute(name="praise", to=["console"], digest_minutes=60)
    for n in range(2):
        await DigestSink(pg_store, removed).deliver(_praise(n))
    failed, woke, stop = asyncio.Event(), asyncio.Event(), asyncio.Event()
    handler = Said(failed)
    logging.getLogger("mentiondesk.digest").addHandler(handler)
    database.down()
    routing = RoutingSection(alert=["console"], alert_routes=[])  # the route was removed
    loop = asyncio.create_task(digest_loop(pg_store, routing, stop, wake=woke.set, seconds=0.05))
    try:
        await asyncio.wait_for(failed.wait(), 30)  # the try at start found the database down
        database.up()
        await asyncio.wait_for(woke.wait(), 30)  # a later turn sent them
    finally:
        stop.set()
        await loop
        logging.getLogger("mentiondesk.digest").removeHandler(handler)
    with pg_store.engine.connect() as conn:
        (key,) = conn.scalars(sa.select(OUTBOX.c.key)).all()
    assert key.startswith("digest:praise:") and key.endswith(":console")
