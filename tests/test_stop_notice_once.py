"""A revoked token stops the source on every worker that polls it, each at its own moment:
the team gets one "source stopped" notice for it, not one per worker; a stop after the source
read again is a new one (source_alert)."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from mentiondesk.models import ENGLISH, FatalError
from mentiondesk.source_alert import alert_stop, queue_stop_notice
from mentiondesk.store import Store
from mentiondesk.tables import OUTBOX
from tests.helpers import mention

REVOKED = FatalError("401 Unauthorized: token revoked")
AT = datetime(2026, 12, 3, 14, 0, tzinfo=UTC)


def _stop(store: Store, at: datetime, error: FatalError = REVOKED) -> bool:
    return asyncio.run(
        alert_stop(
            *(store, ["console", "ops"], ENGLISH),
            source="x-mentions",
            error=error,
            at=at,
            stop=asyncio.Event(),
        )
    )


def _keys(store: Store) -> list[str]:
    with store.engine.connect() as conn:
        return list(conn.scalars(sa.select(OUTBOX.c.key).order_by(OUTBOX.c.id)))


@pytest.mark.postgres
def test_one_revoked_token_is_one_notice_across_workers(pg_stores: tuple[Store, Store]) -> None:
    """The reviewer's case: two workers stop on it 40 ms apart."""
    a, b = pg_stores
    a.ingest("x-mentions", [mention(1)], "100")  # it read fine until then
    assert _stop(a, AT) and _stop(b, AT + timedelta(milliseconds=40))
    keys = _keys(a)
    assert len(keys) == 2  # one per sink, not one per worker and sink
    assert all(k.startswith("source-stopped:x-mentions:FatalError:") for k in keys)


def test_a_stop_after_the_source_read_again_is_a_new_notice(store: Store) -> None:
    _stop(store, AT)  # never read: it stopped at its first poll
    _stop(store, AT + timedelta(minutes=5))  # restarted on the same token: nothing new
    assert [k.split(":")[3] for k in _keys(store)] == ["never", "never"]
    store.ingest("x-mentions", [], "100")  # the token fixed: it reads again
    _stop(store, AT + timedelta(days=2))  # revoked once more
    assert len(_keys(store)) == 4
    store.ingest("x-mentions", [], "200")
    _stop(store, AT + timedelta(days=3))
    assert len(set(_keys(store))) == 6


def test_another_error_is_its_own_notice(store: Store) -> None:
    store.ingest("x-mentions", [], "100")
    queued = [
        queue_stop_notice(store, ["console"], ENGLISH, source="x-mentions", error=e, stopped_at=AT)
        for e in (REVOKED, REVOKED, PermissionError("account suspended"))
    ]
    assert queued == [1, 0, 1]
