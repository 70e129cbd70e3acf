"""`outbox look-first` names the actions a worker is sending right now by the clock leases
are judged by (the database's on PostgreSQL), not the host's it runs on: a host running
ahead would miss a live send, one running behind would name a worker long gone."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, tzinfo

import pytest
import sqlalchemy as sa

from mentiondesk import outbox_hold
from mentiondesk.config import OutboxSection
from mentiondesk.outbox import OutboxWorker
from mentiondesk.store import Store
from mentiondesk.tables import OUTBOX
from tests.test_outbox import Flaky, _enqueue

pytestmark = pytest.mark.postgres
SKEW = timedelta(minutes=10)  # more than a lease (300 s)


class _Ahead(datetime):
    """The clock of a host running SKEW ahead of the database's."""

    @classmethod
    def now(cls, tz: tzinfo | None = None) -> _Ahead:
        return cls.fromtimestamp((datetime.now(tz) + SKEW).timestamp(), tz)


class _Behind(datetime):
    """The clock of a host running SKEW behind the database's."""

    @classmethod
    def now(cls, tz: tzinfo | None = None) -> _Behind:
        return cls.fromtimestamp((datetime.now(tz) - SKEW).timestamp(), tz)


def _claimed(store: Store) -> int:
    """An action a worker has just claimed (its first try, under a live lease)."""
    _enqueue(store, "k1", datetime.now(UTC) - SKEW)
    worker = OutboxWorker(store, {"sink": Flaky()}, OutboxSection())
    (mine,) = worker._claim(None)
    return mine.id


def test_a_host_ahead_still_names_a_send_under_way(
    pg_stores: tuple[Store, Store], monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = pg_stores
    outbox_id = _claimed(first)
    monkeypatch.setattr(outbox_hold, "datetime", _Ahead)
    done = outbox_hold.look_first(second, [outbox_id])
    assert done.under_way == [outbox_id]


def test_a_host_behind_does_not_name_a_lapsed_lease(
    pg_stores: tuple[Store, Store], monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = pg_stores
    outbox_id = _claimed(first)
    lapsed = sa.func.clock_timestamp() - sa.text("interval '1 minute'")
    with first.engine.begin() as conn:  # the worker died a minute ago, by the database
        conn.execute(sa.update(OUTBOX).values(lease_until=lapsed))
    monkeypatch.setattr(outbox_hold, "datetime", _Behind)
    done = outbox_hold.look_first(second, [outbox_id])
    assert done.under_way == []
