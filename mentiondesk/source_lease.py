"""One poller per source across the workers that share a store (DESIGN "Scale").

Every `mentiondesk run` builds a poller for every source. Left alone, two workers would read
one source, each from its own in-memory cursor, and store their pages in whatever order they
commit: the saved cursor moved back, an older edit of a post stored over a newer one. So a
process polls a source only while it holds the source's lease, a row of `source_lease`:

- taken, or renewed, before each poll, for a while past the source's interval (the
  database's clock); a worker that does not get it skips that poll, said at debug level,
  and asks again after the interval, so it takes over within LEASE_SLACK of a holder dying;
- `epoch` grows each time the lease changes hands: a holder whose epoch is not the one it
  last held may have missed what another stored, so it reloads the cursor from the store,
  never trusting the one it kept (nor the poller's, until a page polled from it is stored:
  a poll that failed leaves the poller with its own);
- a page is stored only while the lease is still this holder's at that epoch, checked (and
  renewed) in the ingest's own transaction, the row locked until it commits: a page fetched
  under a lease since taken over is dropped, never stored over a newer one;
- released when the process stops polling, so the next start (cron's `run --once`) need not
  wait for it to lapse.

On SQLite one process serves the store (DESIGN "Scale"): the lease is always held and
nothing is written for it.
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket
import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Literal

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from mentiondesk.ingested import Ingested
from mentiondesk.models import Batch, Mention, Source
from mentiondesk.store import UNREACHABLE, Store
from mentiondesk.table_types import DatabaseNow
from mentiondesk.tables_sources import SOURCE_LEASE

_LOGGER = logging.getLogger(__name__)
# How long a lease outlasts the source's interval: a page's fetch and ingest fit in it, and
# a dead holder's source waits no longer than this past its interval for another worker.
LEASE_SLACK = timedelta(seconds=120)
Taken = Literal["kept", "taken", "busy"]  # still ours at our epoch; ours anew; another's


def holder_name() -> str:
    """ "host:pid:random": a process as an operator finds it, and each App of it apart."""
    return f"{socket.gethostname()}:{os.getpid()}"[-150:] + f":{uuid.uuid4().hex[:8]}"


class SourceLease:
    """This process's lease on one source."""

    def __init__(self, store: Store, source: str, holder: str, ttl: timedelta) -> None:
        self.store, self.source, self.holder, self.ttl = store, source, holder, ttl
        self.epoch: int | None = None  # the epoch last held; None: never held yet
        self.held = False  # whether the last take() got it: the page polled now may be stored
        # Taken anew, and no page stored under it yet: each poll reads the stored cursor, the
        # poller's being older while a read or a poll fails (its take() then says "kept").
        self.behind = False

    def take(self) -> Taken:
        """Take or renew the lease before a poll; "taken" asks for the cursor to be reloaded."""
        if self.store.dialect != "postgresql":
            self.held, fresh = True, self.epoch is None
            self.epoch = 1
            return "taken" if fresh else "kept"
        with self.store.engine.begin() as conn:
            epoch = conn.scalar(self._renew()) or conn.scalar(self._first())
        self.held = epoch is not None
        if epoch is None:
            return "busy"
        fresh, self.epoch = epoch != self.epoch, epoch
        return "taken" if fresh else "kept"

    def confirm(self, conn: Connection) -> bool:
        """In the ingest's transaction, before it writes: whether the page polled may still be
        stored (the lease is ours at the epoch it was polled under); renewed and locked if so."""
        if not self.held:
            return False  # a skipped poll: nothing to store, said when it was skipped
        if self.store.dialect != "postgresql":
            return True
        ours = (SOURCE_LEASE.c.holder == self.holder) & (SOURCE_LEASE.c.epoch == self.epoch)
        renew = self._mine().where(ours).values(until=self._until())
        if conn.scalar(renew.returning(SOURCE_LEASE.c.epoch)) is not None:
            return True
        self.held = False
        said = "source %s: another worker took over polling it; its page is left to it"
        _LOGGER.info(said, self.source)
        return False

    def release(self) -> None:
        """Hand the lease back: the next holder, whoever it is, takes it at a new epoch."""
        self.held = False
        if self.store.dialect != "postgresql" or self.epoch is None:
            return  # never written
        mine = self._mine().where(SOURCE_LEASE.c.holder == self.holder)
        with self.store.engine.begin() as conn:
            conn.execute(mine.values(holder="", until=DatabaseNow()))

    def _mine(self) -> sa.Update:
        return sa.update(SOURCE_LEASE).where(SOURCE_LEASE.c.source == self.source)

    def _until(self) -> sa.ColumnElement[datetime]:
        return DatabaseNow() + sa.literal(self.ttl, sa.Interval())

    def _renew(self) -> sa.Update:
        """Ours still, or lapsed: renewed; the epoch grows only when it changes hands."""
        lease = SOURCE_LEASE.c
        ours = lease.holder == self.holder
        stmt = self._mine().where(ours | (lease.until < DatabaseNow()))
        epoch = sa.case((ours, lease.epoch), else_=lease.epoch + 1)
        return stmt.values(holder=self.holder, until=self._until(), epoch=epoch).returning(
            lease.epoch
        )

    def _first(self) -> sa.Insert:
        """The source's first lease; nothing when another worker made it meanwhile."""
        row = {"source": self.source, "holder": self.holder, "epoch": 1, "until": self._until()}
        stmt: sa.Insert = self.store.insert(SOURCE_LEASE).values(row).on_conflict_do_nothing()
        return stmt.returning(SOURCE_LEASE.c.epoch)


class LeasedSource:
    """A source as a poller sees it: it polls only under this process's lease, from the
    stored cursor whenever the lease was taken anew. The listener knows nothing of leases."""

    def __init__(self, inner: Source, lease: SourceLease) -> None:
        self.inner, self.lease = inner, lease
        self.name, self.poll_seconds = inner.name, inner.poll_seconds
        self._skipping = False  # the last poll was left to another worker

    async def poll(self, cursor: str | None) -> Batch:
        taken = await asyncio.to_thread(self.lease.take)
        if taken == "busy":  # said once at info (a cron `run --once` says why it read none)
            said = "source %s: another worker polls it (it holds the source's lease); not here"
            _LOGGER.log(logging.DEBUG if self._skipping else logging.INFO, said, self.name)
            self._skipping = True
            return Batch(mentions=(), cursor=cursor, skipped=True)  # confirm(): not held
        if self._skipping:
            _LOGGER.info("source %s: polled here now (the other worker let it go)", self.name)
        self._skipping = False
        if taken == "taken":  # another may have stored pages since ours: its cursor, not ours
            self.lease.behind = True
        if self.lease.behind:
            cursor = await asyncio.to_thread(self.lease.store.cursor, self.name)
        return await self.inner.poll(cursor)

    async def close(self) -> None:
        """Close the source, and hand its lease back (the next start need not wait for it to
        lapse); a store that is down lets it lapse."""
        try:
            await self.inner.close()
        finally:
            try:
                await asyncio.to_thread(self.lease.release)
            except UNREACHABLE as exc:
                said = "source %s: handing its lease back failed (%s); it lapses in time"
                _LOGGER.warning(said, self.name, type(exc).__name__)


class SourceLeases:
    """An App's leases, one per source, under one holder name (`holder`: tests name two)."""

    def __init__(self, store: Store, holder: str | None = None) -> None:
        self.store, self.holder = store, holder or holder_name()
        self._leases: dict[str, SourceLease] = {}

    def wrap(self, source: Source) -> LeasedSource:
        """The source polled under its lease, for `interval + LEASE_SLACK` at a time."""
        ttl = timedelta(seconds=source.poll_seconds) + LEASE_SLACK
        lease = SourceLease(self.store, source.name, self.holder, ttl)
        self._leases[source.name] = lease
        return LeasedSource(source, lease)

    async def load_cursor(self, source: str) -> str | None:
        return await asyncio.to_thread(self.store.cursor, source)

    async def ingest(
        self, source: str, mentions: Sequence[Mention], cursor: str | None
    ) -> Ingested:
        """Store a page of `source` (Store.ingest) while its lease is still ours; nothing when
        the poll was skipped or the lease changed hands since."""
        lease = self._leases.get(source)
        guard = lease.confirm if lease is not None else None
        taken = await asyncio.to_thread(self.store.ingest, source, mentions, cursor, guard=guard)
        if lease is not None and lease.held:  # stored: the poller's cursor is the store's now
            lease.behind = False
        return taken
