"""A crisis day's summary: thousands of alerts queued at the chat's pace (Slack, 1 a second)
are not "waiting for slack and will be retried" (read as Slack down): they are queued for
their turn, and the summary says a digest route gathers them. A chat that failed still is."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import sqlalchemy as sa

from mentiondesk.outbox_payload import outbox_row
from mentiondesk.run_waits import left_waiting
from mentiondesk.store import Store
from mentiondesk.tables import OUTBOX
from tests.responders._data import action


def _queue(store: Store, target: str, error: str, count: int) -> None:
    now = datetime.now(UTC)
    rows = []
    for n in range(count):
        alert = replace(action(target=target), key=f"alert:{target}:x:m{n}:complaint")
        rows.append({**outbox_row(alert, None, now), "last_error": error})
    with store.engine.begin() as conn:
        conn.execute(sa.insert(OUTBOX), rows)


def test_alerts_set_aside_for_their_pace_are_not_said_to_be_retried(store: Store) -> None:
    _queue(store, "slack", "not tried: paced: 1 per 1 s", 3)
    _queue(store, "teams", "ClientConnectorError: teams unreachable", 2)

    left = left_waiting(store)
    lines = left.lines(once=False)

    assert lines[0] == "2 alerts are waiting for teams and will be retried"
    assert not any("slack" in line and "retried" in line for line in lines), lines
    assert "3 alerts are queued for slack, sent at its pace" in lines
    assert any("digest route" in line for line in lines)
    # `run --once`'s exit status 75 ("a chat was down") counts only the one that failed.
    assert [w.target for w in left.retried] == ["teams"]


def test_no_flood_no_digest_hint(store: Store) -> None:
    _queue(store, "teams", "ClientConnectorError: teams unreachable", 1)
    lines = left_waiting(store).lines(once=True)
    assert lines[0] == "1 alert is waiting for teams and will be retried"
    assert not any("digest" in line for line in lines)
