"""Chaos: the host that queued an alert runs minutes fast (its NTP broken, or a clock jump
not yet put right), on PostgreSQL with two workers. The alert's row is dated by that clock;
the fast host's own worker finds it due at once and posts it, but Slack's answer is lost.
The retry looks for the card posted since the row was queued (less a few minutes' skew):
dated ten minutes ahead, that window began after the card and missed it, and a second card
went out. The claim dates a row from the future by the database's clock, shared by all."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from mentiondesk.config import OutboxSection
from mentiondesk.outbox import OutboxWorker
from mentiondesk.store import Store
from mentiondesk.tables import DELIVERY, OUTBOX
from tests.fakes.slack import SlackFake
from tests.responders._data import seed
from tests.responders.slack_helpers import slack_fake as slack_fake  # the fixture, re-exported
from tests.responders.slack_helpers import slack_responder

pytestmark = pytest.mark.postgres
AHEAD = timedelta(minutes=10)


async def test_a_card_queued_by_a_fast_host_is_found_on_retry_not_posted_twice(
    slack_fake: SlackFake, pg_stores: tuple[Store, Store], caplog: pytest.LogCaptureFixture
) -> None:
    fast_store, other_store = pg_stores
    seed(fast_store)
    fast = datetime.now(UTC) + AHEAD  # the queuing host's clock
    with fast_store.engine.begin() as conn:
        conn.execute(sa.update(OUTBOX).values(created_at=fast, next_attempt_at=fast))
    slack_fake.drop_answers = 1  # Slack posts the card, then the connection drops
    # The fast host's worker: due by its own clock; its lease by the database's.
    first = OutboxWorker(
        fast_store, {"slack": slack_responder(slack_fake)}, OutboxSection(), clock=lambda: fast
    )
    with caplog.at_level(logging.WARNING, logger="mentiondesk.outbox"):
        assert await first.drain() == 0
    later = datetime.now(UTC) + timedelta(hours=1)  # past the backoff by any clock
    second = OutboxWorker(
        other_store, {"slack": slack_responder(slack_fake)}, OutboxSection(), clock=lambda: later
    )
    assert await second.drain() == 1
    with other_store.engine.connect() as conn:
        ref = conn.scalar(sa.select(DELIVERY.c.ref))
        queued = conn.scalar(sa.select(OUTBOX.c.created_at))
    [ts] = slack_fake.messages  # one card, found by the retry
    assert ref == f"C0TEAM:{ts}"
    # Dated as the database saw it, not in the future.
    assert queued is not None and queued < datetime.now(UTC)
    said = [r.getMessage() for r in caplog.records if "ahead of the database" in r.getMessage()]
    assert len(said) == 1 and "clock" in said[0]
