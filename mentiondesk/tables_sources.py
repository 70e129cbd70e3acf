"""How each running process's sources stand (source_recorder writes it, source_states reads
it): in the store, so the desk and `sources check` in other processes see what a worker saw
(the SQLModel metadata is shared with `tables`, which imports this module)."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from mentiondesk.table_types import TS as _TS


class SourceStateRow(SQLModel, table=True):
    """One source as one process last recorded it. Keyed by the writer too: two workers
    polling the same source each keep their own row, so a worker still stopped on an old
    token is not hidden by a restarted one that reads fine."""

    __tablename__ = "source_state"

    source: str = Field(primary_key=True, max_length=128)
    writer: str = Field(primary_key=True, max_length=128)  # "host:pid"
    state: str = Field(max_length=16)  # ok | limited | stopped
    error: str = Field(default="", max_length=64)  # the exception's class, where stopped
    reason: str = Field(default="", sa_type=sa.Text)  # its message, scrubbed of token-like text
    since: datetime = Field(sa_type=_TS)  # when this state began, in this process
    until: datetime | None = Field(default=None, sa_type=_TS)  # a rate limit's end
    updated_at: datetime = Field(sa_type=_TS, index=True)  # refreshed while the writer runs
    ended_at: datetime | None = Field(default=None, sa_type=_TS)  # the writer stopped cleanly


SOURCE_STATE = SQLModel.metadata.tables["source_state"]


class SourceLeaseRow(SQLModel, table=True):
    """Which process polls a source now (source_lease): one at a time, so that two workers
    never store one source's pages out of order. A new table: made at start-up (schema.py)."""

    __tablename__ = "source_lease"

    source: str = Field(primary_key=True, max_length=128)
    holder: str = Field(max_length=160)  # "host:pid:random", "" once released
    # Grows each time the lease changes hands: a holder that finds it moved on reloads the
    # cursor, and a page it fetched under the old one is not stored.
    epoch: int = 1
    until: datetime = Field(sa_type=_TS)  # the database's clock: hosts' clocks may differ


SOURCE_LEASE = SQLModel.metadata.tables["source_lease"]
