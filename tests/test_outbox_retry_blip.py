"""A failed action's reschedule (or hold), and a dead sink's put-off, are retried through a
database blip, as a delivery's record is: dropped, the action stayed leased and untried."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
import sqlalchemy as sa

from mentiondesk.models import FatalError, RateLimited, TransientError
from mentiondesk.outbox_retry import retry_at
from mentiondesk.store import Store
from tests.test_outbox import Clock, Flaky, _enqueue, _row, _worker


def _first_write_fails(store: Store, *words: str) -> list[str]:
    """The store's first write of an outbox row's error (and `words`) fails (a blip); later
    ones work."""
    failed: list[str] = []

    def blip(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        ours = statement.startswith("UPDATE outbox") and "last_error" in statement
        if not failed and ours and all(w in statement for w in words):
            failed.append(statement)
            raise sa.exc.OperationalError(statement, {}, OSError("connection reset"))

    sa.event.listen(store.engine, "before_cursor_execute", blip)
    return failed


async def _no_sleep(_: float) -> None:
    return None


@pytest.mark.parametrize(
    ("error", "status"), [(TransientError("down"), "pending"), (FatalError("gone"), "held")]
)
async def test_a_reschedule_through_a_blip_is_written(
    store: Store, error: Exception, status: str
) -> None:
    clock = Clock()
    _enqueue(store, "k1", clock.now)
    worker = _worker(store, Flaky(error), clock)
    worker._sleep = _no_sleep  # type: ignore[assignment]
    failed = _first_write_fails(store)
    assert await worker.deliver_due() == (1, 0) and len(failed) == 1
    row = _row(store, "k1")
    assert (row.status, row.lease_until) == (status, None) and str(error) in row.last_error


async def test_a_put_off_through_a_blip_is_written(store: Store) -> None:
    clock = Clock()
    _enqueue(store, "k1", clock.now)
    _enqueue(store, "k2", clock.now)
    worker = _worker(store, Flaky(RateLimited(clock.now + timedelta(minutes=5))), clock)
    worker._sleep = _no_sleep  # type: ignore[assignment]
    failed = _first_write_fails(store, "attempts")  # k2's, put off untried
    assert await worker.deliver_due() == (2, 0) and len(failed) == 1
    rows = [_row(store, k) for k in ("k1", "k2")]
    assert [(r.lease_until, r.next_attempt_at > clock.now) for r in rows] == [(None, True)] * 2


def test_a_reschedule_tried_again_after_its_answer_was_lost_reads_as_done(
    store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    """The commit went through but its answer did not: the repeat is not a lost lease."""
    clock = Clock()
    _enqueue(store, "k1", clock.now)
    (claimed,) = _worker(store, Flaky(), clock)._claim(None)
    when = clock.now + timedelta(minutes=1)
    first = retry_at(store, claimed, when, "down", False)
    assert (first, retry_at(store, claimed, when, "down", False)) == (True, True)
    assert "another worker" not in caplog.text
