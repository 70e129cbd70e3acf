"""The clock outbox leases are judged by: one for every worker that shares the store.

A claimed action is a worker's until its `lease_until`. Judged by each worker's own clock,
a worker whose host runs minutes ahead sees another's live lease as lapsed and sends the
action too, and one whose host runs behind writes a lease already lapsed for the others.
So on PostgreSQL a lease is judged, and its end written, by the database's clock, read in
the statement (clock_timestamp(): a transaction's start may be long past); on SQLite one
process serves the store (DESIGN "Scale") and the worker's clock does. `wall` stands in for
the database's where a test lets a lease lapse by moving its clock on.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa

from mentiondesk.table_types import TS

WallClock = Callable[[], datetime]


@dataclass(frozen=True, slots=True)
class LeaseClock:
    postgres: bool  # the store's dialect: the database's clock is the one shared
    clock: WallClock  # the worker's own, where the database's is not used
    wall: WallClock | None = None  # stands in for the database's (tests)

    def now(self) -> sa.ColumnElement[datetime]:
        if self.wall is None and self.postgres:
            return database_now()
        return sa.literal((self.wall or self.clock)(), TS)

    def until(self, seconds: float) -> sa.ColumnElement[datetime]:
        """The end of a lease taken (or renewed) now for `seconds`."""
        length = timedelta(seconds=seconds)
        if self.wall is None and self.postgres:
            return database_now() + sa.literal(length, sa.Interval())
        return sa.literal((self.wall or self.clock)() + length, TS)

    def free(self, column: sa.ColumnElement[Any]) -> sa.ColumnElement[bool]:
        """No lease in `column`, or a lapsed one."""
        return sa.or_(column.is_(None), column < self.now())


def database_now() -> sa.ColumnElement[datetime]:
    """PostgreSQL's clock as the statement reads it."""
    return sa.func.clock_timestamp(type_=TS)
