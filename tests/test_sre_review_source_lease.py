"""A worker taking a source's lease over reads the stored cursor before it polls: when that
read fails (the database restarting), the next poll reads it, not the stale one in memory
(which would store an older page over the other worker's, and move the cursor back)."""

from __future__ import annotations

from typing import Any

import pytest
import sqlalchemy as sa

from mentiondesk.models import Batch, TransientError
from mentiondesk.store import Store
from tests.test_source_lease import Worker, lapse
from tests.test_source_lease_app import Recording

pytestmark = pytest.mark.postgres


def _cursor_read_fails_once(store: Store) -> list[str]:
    """The store's next read of a source's cursor fails (a blip); later ones work."""
    failed: list[str] = []

    def blip(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if not failed and " ".join(statement.split()).startswith("SELECT cursor.value FROM cursor"):
            failed.append(statement)
            raise sa.exc.OperationalError(statement, {}, OSError("server closed the connection"))

    sa.event.listen(store.engine, "before_cursor_execute", blip)
    return failed


class FailsOnce(Recording):
    """A source whose next poll fails (the platform's blip) after saying what it was asked."""

    async def poll(self, cursor: str | None) -> Batch:
        await super().poll(cursor)
        raise TransientError("platform unavailable")


def _fails_once(worker: Worker, store: Store, failure: str) -> type[Exception]:
    """The next poll fails: reading the stored cursor, or the platform's answer."""
    if failure == "cursor read":
        _cursor_read_fails_once(store)
        return sa.exc.OperationalError
    failing = FailsOnce()
    failing.asked = worker.inner.asked
    worker.source.inner = failing
    return TransientError


@pytest.mark.parametrize("failure", ["cursor read", "platform"])
async def test_a_takeover_whose_first_poll_failed_polls_from_the_stored_cursor(
    pg_stores: tuple[Store, Store], failure: str
) -> None:
    a, b = pg_stores
    first, second = Worker(a, "a"), Worker(b, "b")
    await first.store(await first.poll(None, page="100"))
    lapse(a)  # A stalls; B takes the source over and reads on
    await second.store(await second.poll("100", page="200"))
    lapse(a)  # B stalls in turn; A takes it back, at a new epoch
    with pytest.raises(_fails_once(first, a, failure)):
        await first.poll("100", page="150")
    first.source.inner = first.inner
    await first.store(await first.poll("100", page="250"))  # the poller's retry, its cursor
    await first.poll("250", page="300")
    assert first.inner.asked[0] is None and first.inner.asked[-2:] == ["200", "250"]
