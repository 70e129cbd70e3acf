"""Each stage restart a process's supervision made (stage_restarts writes and reads them): in
the store, so /healthz and `sources check` in any process see a worker's stage that keeps
crashing, as they see its sources (the SQLModel metadata is shared with `tables`, which
imports this module). A new table: made at start-up (schema.py)."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from mentiondesk.table_types import NEVER_REUSED
from mentiondesk.table_types import TS as _TS


class StageRestartRow(SQLModel, table=True):
    """One restart of one stage (a poller, the processor, the outbox, a chore) after a crash.
    Never its exception's message: that may quote a post."""

    __tablename__ = "stage_restart"
    __table_args__ = NEVER_REUSED

    id: int | None = Field(default=None, primary_key=True)
    writer: str = Field(max_length=128)  # "host:pid", as source_state names it
    stage: str = Field(max_length=160)  # the task's name: "poll:x", "processor", "outbox"
    at: datetime = Field(sa_type=_TS, index=True)  # the database's clock: hosts' clocks differ


STAGE_RESTART = SQLModel.metadata.tables["stage_restart"]
