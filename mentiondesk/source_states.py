"""How each source stands as the running processes recorded it in the store (source_recorder
writes it): what the desk's banner, /healthz and `sources check` show, whichever process they
run in, so a worker's stopped source is seen from the desk served by another.

Staleness: a writer refreshes its rows every REFRESH (60 s) while it runs. A row not refreshed
for STALE_AFTER (5 minutes: several missed refreshes, not one slow one), or marked ended by its
writer's clean stop, is not current: it is shown as what that process last said, never as how
the source stands now (the banner leaves it out; /healthz says "unknown"). Both ends of that
age are the database's clock (`updated_at` written, and the now it is compared with read, by
the database), so workers and desks on hosts whose clocks differ agree on it. `since` and
`until` are what the writer saw, on its clock (or the platform's, for a rate limit's reset)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa

from mentiondesk.models import utc
from mentiondesk.store import Store
from mentiondesk.table_types import DatabaseNow
from mentiondesk.tables import SOURCE_STATE

REFRESH = timedelta(seconds=60)
STALE_AFTER = timedelta(minutes=5)
PRUNE_AFTER = timedelta(days=7)  # rows of processes long gone: nobody asks about them
# The worst current row speaks for a source ("failing": source_failing).
_RANK = {"ok": 0, "limited": 1, "failing": 2, "stopped": 3}


@dataclass(frozen=True)
class RecordedSource:
    """One source as one process (`writer`, "host:pid") last recorded it."""

    name: str
    writer: str
    state: str  # ok | limited | failing | stopped
    error: str
    reason: str  # scrubbed of anything token-like before it was written
    since: datetime
    until: datetime | None
    updated_at: datetime  # the database's clock, as is `read_at`
    ended_at: datetime | None
    read_at: datetime  # the database's now when this row was read

    def current(self) -> bool:
        """Its writer still runs and refreshed it lately (the module's staleness rule)."""
        return self.ended_at is None and self.read_at - self.updated_at <= STALE_AFTER

    def vanished(self) -> bool:
        """Its writer went without a clean stop (killed, out of memory, its host down) or hangs:
        not current, yet never marked ended. No process reads the source for it now."""
        return self.ended_at is None and not self.current()

    def state_at(self, now: datetime) -> str:
        """A rate limit already past is read as ok (its writer says so within seconds)."""
        if self.state == "limited" and (self.until is None or self.until <= now):
            return "ok"
        return self.state

    def stopped(self) -> bool:
        return self.current() and self.state == "stopped"

    def as_json(self, now: datetime) -> dict[str, str]:
        """As /healthz shows it; it names no host (the endpoint is public)."""
        if not self.current():
            updated = self.updated_at.isoformat(timespec="seconds")
            return {"status": "unknown", "last_status": self.state, "updated_at": updated}
        if self.state == "stopped":
            since = self.since.isoformat(timespec="seconds")
            return {"status": "stopped", "error": self.error, "reason": self.reason, "since": since}
        shown = {"status": "ok"}
        if self.state_at(now) == "limited" and self.until is not None:
            shown["rate_limited_until"] = self.until.isoformat(timespec="seconds")
        return shown


def recorded(store: Store) -> list[RecordedSource]:
    """Every row, by source, the latest first; none in a store no worker of this version has
    opened yet (`sources check` reads it without changing the schema)."""
    read_at = DatabaseNow().label("read_at")  # in the same query: the rows' own clock
    query = sa.select(SOURCE_STATE, read_at).order_by(
        SOURCE_STATE.c.source, SOURCE_STATE.c.updated_at.desc()
    )
    with store.engine.connect() as conn:
        if not sa.inspect(conn).has_table(SOURCE_STATE.name):
            return []
        return [_recorded(row._mapping) for row in conn.execute(query)]


def _recorded(row: Any) -> RecordedSource:
    """A row's times in UTC, as /healthz says every time: PostgreSQL answers in its session's
    zone ("-03:00" for a server set up in São Paulo)."""
    return RecordedSource(
        name=row["source"],
        writer=row["writer"],
        state=row["state"],
        error=row["error"],
        reason=row["reason"],
        since=utc(row["since"]),
        until=None if row["until"] is None else utc(row["until"]),
        updated_at=utc(row["updated_at"]),
        ended_at=None if row["ended_at"] is None else utc(row["ended_at"]),
        read_at=utc(row["read_at"]),
    )


def standing(rows: Iterable[RecordedSource], now: datetime) -> dict[str, RecordedSource]:
    """Each source's row that speaks for it: the worst of the current ones (a worker stopped
    on it is worth knowing even while another reads it), else the latest, not current."""
    best: dict[str, RecordedSource] = {}
    for row in rows:
        held = best.get(row.name)
        if held is None or by_weight(row, now) > by_weight(held, now):
            best[row.name] = row
    return best


def by_weight(row: RecordedSource, now: datetime) -> tuple[bool, int, datetime]:
    """Current before gone, then the worst state, then the latest."""
    return row.current(), _RANK.get(row.state_at(now), 0), row.updated_at


def stopped_now(store: Store, now: datetime) -> list[RecordedSource]:
    """The sources a running process has stopped for good: the managers' banner."""
    return [row for row in standing(recorded(store), now).values() if row.stopped()]


def write(store: Store, rows: Sequence[dict[str, Any]], *, prune: bool = False) -> None:
    """Upsert one writer's rows in one transaction, refreshed (and not ended) as of the
    database's now; with `prune`, delete rows of any writer not refreshed for PRUNE_AFTER."""
    stmt = store.insert(SOURCE_STATE)
    kept = ("state", "error", "reason", "since", "until", "updated_at", "ended_at")
    stmt = stmt.on_conflict_do_update(
        index_elements=["source", "writer"], set_={c: stmt.excluded[c] for c in kept}
    )
    with store.engine.begin() as conn:
        now: datetime = conn.execute(sa.select(DatabaseNow())).scalar_one()
        if rows:
            conn.execute(stmt, [{**row, "updated_at": now, "ended_at": None} for row in rows])
        if prune:
            old = SOURCE_STATE.c.updated_at < now - PRUNE_AFTER
            conn.execute(sa.delete(SOURCE_STATE).where(old))


def end(store: Store, writer: str) -> None:
    """Mark a writer's rows ended (its clean stop), as of the database's now: from now they
    say what it last saw."""
    mine = sa.update(SOURCE_STATE).where(SOURCE_STATE.c.writer == writer)
    with store.engine.begin() as conn:
        conn.execute(mine.values(ended_at=DatabaseNow(), updated_at=DatabaseNow()))
