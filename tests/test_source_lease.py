"""One poller per source across the workers that share a store (source_lease): a worker
without the lease skips the poll, one taking it over reads from the stored cursor, and a page
polled under a lease since taken over is dropped, never stored over a newer one."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
import sqlalchemy as sa

from mentiondesk.ingested import Ingested
from mentiondesk.models import Batch
from mentiondesk.source_lease import LeasedSource, SourceLeases
from mentiondesk.store import Store
from mentiondesk.tables_sources import SOURCE_LEASE
from tests.helpers import mention
from tests.test_source_lease_app import NAME, Recording


class Worker:
    """One `mentiondesk run`'s view of the source: its leases, and the source under them."""

    def __init__(self, store: Store, holder: str) -> None:
        self.leases = SourceLeases(store, holder)
        self.inner = Recording()
        self.source: LeasedSource = self.leases.wrap(self.inner)

    async def poll(self, cursor: str | None, page: str | None = None) -> Batch:
        """Poll from the in-memory `cursor`; the platform answers with the `page` cursor."""
        self.inner.page = Batch(mentions=self.inner.page.mentions, cursor=page)
        return await self.source.poll(cursor)

    async def store(self, batch: Batch) -> Ingested:
        return await self.leases.ingest(NAME, batch.mentions, batch.cursor)


def lapse(store: Store) -> None:
    """The holder's lease runs out (it died, or its page took longer than the lease)."""
    with store.engine.begin() as conn:
        past = sa.func.now() - sa.text("interval '1 second'")
        conn.execute(sa.update(SOURCE_LEASE).values(until=past))


@pytest.mark.postgres
async def test_a_second_worker_skips_the_poll_quietly(
    pg_stores: tuple[Store, Store], caplog: pytest.LogCaptureFixture
) -> None:
    a, b = pg_stores
    first, second = Worker(a, "a"), Worker(b, "b")
    assert await first.store(await first.poll(None, page="100")) == Ingested()
    with caplog.at_level(logging.DEBUG, logger="mentiondesk.source_lease"):
        skipped = await second.poll("50", page="999")
        assert not await second.store(skipped)  # nothing stored for a skipped poll
        assert not await second.store(await second.poll("50", page="999"))
    assert (first.inner.asked, second.inner.asked) == ([None], [])
    assert (skipped.mentions, skipped.cursor, skipped.skipped) == ((), "50", True)
    assert a.cursor(NAME) == "100"
    said = [(r.levelno, r.getMessage()) for r in caplog.records]
    skip = f"source {NAME}: another worker polls it (it holds the source's lease); not here"
    assert said == [(logging.INFO, skip), (logging.DEBUG, skip)]  # once a run, then quietly


@pytest.mark.postgres
async def test_a_stale_page_does_not_move_the_cursor_back(
    pg_stores: tuple[Store, Store], caplog: pytest.LogCaptureFixture
) -> None:
    """The reviewer's case: A's page, fetched before B's, lands after it."""
    a, b = pg_stores
    a.ingest(NAME, [mention(1)], "100")  # both started here
    first, second = Worker(a, "a"), Worker(b, "b")
    late = await first.poll("100", page="150")  # A fetches; the answer is slow…
    lapse(a)  # …longer than its lease: B takes the source over
    newer = await second.poll("100", page="200")
    assert await second.store(Batch(mentions=[mention(2)], cursor=newer.cursor)) == Ingested(new=1)
    with caplog.at_level(logging.INFO, logger="mentiondesk.source_lease"):
        assert not await first.store(Batch(mentions=[mention(2)], cursor=late.cursor))
    assert b.cursor(NAME) == "200"
    assert "another worker took over polling it" in caplog.text
    with a.engine.connect() as conn:
        assert conn.scalar(sa.select(sa.func.count()).select_from(SOURCE_LEASE)) == 1


@pytest.mark.postgres
async def test_a_worker_that_takes_the_lease_again_reads_from_the_stored_cursor(
    pg_stores: tuple[Store, Store],
) -> None:
    a, b = pg_stores
    first, second = Worker(a, "a"), Worker(b, "b")
    await first.store(await first.poll("mine", page="100"))  # first poll: from the store
    await first.store(await first.poll("in-memory", page="110"))  # held since: its own
    lapse(a)
    await second.store(await second.poll(None, page="200"))
    lapse(b)
    await first.poll("110", page="210")  # its in-memory cursor is outdated now
    assert first.inner.asked == [None, "in-memory", "200"]
    assert second.inner.asked == ["110"]


@pytest.mark.postgres
async def test_a_lapsed_lease_nobody_took_keeps_the_cursor_in_memory(
    pg_stores: tuple[Store, Store],
) -> None:
    a, _ = pg_stores
    first = Worker(a, "a")
    await first.store(await first.poll(None, page="100"))
    lapse(a)  # a long backoff: nobody else polled meanwhile
    assert await first.store(await first.poll("in-memory", page="120")) == Ingested()
    assert first.inner.asked == [None, "in-memory"] and a.cursor(NAME) == "120"


@pytest.mark.postgres
async def test_closing_a_source_hands_its_lease_back(pg_stores: tuple[Store, Store]) -> None:
    a, b = pg_stores
    first, second = Worker(a, "a"), Worker(b, "b")
    await first.store(await first.poll(None, page="100"))
    await second.poll(None)  # skipped
    await first.source.close()
    await second.store(await second.poll(None, page="200"))  # at once, not a lease later
    assert first.inner.closed and second.inner.asked == ["100"] and a.cursor(NAME) == "200"


async def test_on_sqlite_the_one_process_always_holds_it(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 's.db'}")
    store.create_all()
    first, second = Worker(store, "a"), Worker(store, "b")
    assert await first.store(await first.poll(None, page="100")) == Ingested()
    await first.poll("in-memory")
    await second.poll(None)  # one process per SQLite store: never two workers to keep apart
    assert (first.inner.asked, second.inner.asked) == ([None, "in-memory"], ["100"])
    await first.source.close()
    with store.engine.connect() as conn:
        assert conn.scalar(sa.select(sa.func.count()).select_from(SOURCE_LEASE)) == 0
    store.dispose()
