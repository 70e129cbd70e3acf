"""Stage restarts in the store: each process's supervision writes one row per restart (who,
which stage, when by the database's clock), so /healthz and `sources check` in any process
see a worker's stage that keeps crashing, as they see its sources (source_states). A worker
that serves no desk (`run` with [desk] off, a second worker behind a desk elsewhere) used to
say its restarts only in its own log, where a monitor of /healthz never looks.

The rule, stated here once (`StageRestarts.crashing`), per process and stage: KEEPS_CRASHING
restarts in the last RECENT (an hour), one of them within LATELY (ten minutes): started again,
it keeps dying, and what it does is not done. One that worked since keeps its count for the
hour but alarms no more. Rows past PRUNE_AFTER are deleted at the next write: a stage
crashing for weeks keeps a day's worth."""

from __future__ import annotations

import asyncio
import logging
import weakref
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa

from mentiondesk.models import utc
from mentiondesk.source_recorder import writer_name
from mentiondesk.store import Store
from mentiondesk.table_types import TS, DatabaseNow
from mentiondesk.tables import STAGE_RESTART

_LOGGER = logging.getLogger(__name__)
KEEPS_CRASHING = 5  # restarts in the last hour: one or two are a blip, this is a stage down
RECENT = timedelta(hours=1)  # the restarts counted: /healthz's `restarts`, `sources check`'s
LATELY = timedelta(minutes=10)  # a stage restarted since then is still crashing, not over it
PRUNE_AFTER = timedelta(days=1)
WRITE_WAIT = 5.0  # seconds a restart waits for its row: a store that hangs holds no stage up
# Engines whose store was seen to hold the table: it is never dropped, so /healthz, read every
# few seconds by a monitor, asks the catalogue once, not on every request.
_HAS_TABLE: weakref.WeakSet[sa.Engine] = weakref.WeakSet()


@dataclass(frozen=True)
class StageRestarts:
    """One process's (`writer`, "host:pid") restarts of one stage in the last hour."""

    writer: str
    stage: str
    count: int
    last: datetime  # the latest, by the database's clock, as is `read_at`
    read_at: datetime

    def crashed_often(self) -> bool:
        """KEEPS_CRASHING restarts or more in the hour, whether or not it works since."""
        return self.count >= KEEPS_CRASHING

    def crashing(self) -> bool:
        """Still crashing: crashed often, the latest restart within LATELY."""
        return self.crashed_often() and self.last > self.read_at - LATELY


def write(store: Store, stage: str, writer: str) -> None:
    """One restart of `stage` by `writer`, now by the database's clock; old rows pruned."""
    with store.engine.begin() as conn:
        now: datetime = conn.execute(sa.select(DatabaseNow())).scalar_one()
        conn.execute(sa.insert(STAGE_RESTART).values(writer=writer[:128], stage=stage, at=now))
        conn.execute(sa.delete(STAGE_RESTART).where(STAGE_RESTART.c.at < now - PRUNE_AFTER))


async def record(store: Store, stage: str, *, writer: str | None = None) -> None:
    """`write` from a running process; never raises: a store that fails or hangs is logged
    (the class only: a driver's message may name the host) and the stage restarts anyway."""
    try:
        said = asyncio.to_thread(write, store, stage, writer or writer_name())
        await asyncio.wait_for(said, WRITE_WAIT)
    except Exception as exc:  # the store's errors vary by driver; a restart goes on
        _LOGGER.error(
            "task %s: recording its restart in the store failed (%s); /healthz and "
            "`sources check` do not count it",
            stage,
            type(exc).__name__,
        )


def recent(store: Store) -> list[StageRestarts]:
    """Each process's stages restarted in the last hour, by writer then stage; none in a store
    no worker of this version has opened yet (`sources check` reads without changing it)."""
    counted = (
        sa.select(
            STAGE_RESTART.c.writer,
            STAGE_RESTART.c.stage,
            sa.func.count().label("times"),
            sa.func.max(STAGE_RESTART.c.at, type_=TS).label("last"),
        )
        .group_by(STAGE_RESTART.c.writer, STAGE_RESTART.c.stage)
        .order_by(STAGE_RESTART.c.writer, STAGE_RESTART.c.stage)
    )
    with store.engine.connect() as conn:
        if not _has_table(conn):
            return []
        now = utc(conn.execute(sa.select(DatabaseNow())).scalar_one())
        since = now - RECENT  # a bound value: SQLite's clock is text
        rows = conn.execute(counted.where(STAGE_RESTART.c.at >= since)).all()
    # In UTC: PostgreSQL answers in its session's zone (São Paulo's, set up there).
    return [StageRestarts(r.writer, r.stage, r.times, utc(r.last), now) for r in rows]


def _has_table(conn: sa.Connection) -> bool:
    """Whether the store holds the table, asked of its catalogue until it is seen there."""
    if conn.engine in _HAS_TABLE:
        return True
    if not sa.inspect(conn).has_table(STAGE_RESTART.name):
        return False  # an older worker's store: asked again, as a newer one may make it
    _HAS_TABLE.add(conn.engine)
    return True


def by_stage(restarts: list[StageRestarts]) -> dict[str, int]:
    """Restarts in the last hour by stage, every process's together: /healthz's `restarts`."""
    counts: dict[str, int] = {}
    for one in restarts:
        counts[one.stage] = counts.get(one.stage, 0) + one.count
    return dict(sorted(counts.items()))
