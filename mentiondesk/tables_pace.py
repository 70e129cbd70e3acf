"""Turns at the sinks' paces reserved by the workers sharing a PostgreSQL store
(outbox_pace_shared); the SQLModel metadata is shared with `tables`, which imports this
module. SQLite's one process counts its turns in memory and leaves this table empty."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from mentiondesk.table_types import TS as _TS


class PaceTurnRow(SQLModel, table=True):
    """One send's reserved time at a destination: the last few in its window are read to
    place the next, and rows older than every window are pruned."""

    __tablename__ = "pace_turn"
    __table_args__ = (sa.Index("ix_pace_turn_key_at", "key", "at"),)

    id: int | None = Field(default=None, primary_key=True)
    # "destination slack C123" or "responder NAME" (outbox_pace.destination): a webhook's
    # URL, a secret, is already only a digest there.
    key: str = Field(sa_type=sa.Text)
    at: datetime = Field(sa_type=_TS)  # the database's clock (UTC), shared by every worker


PACE_TURN = SQLModel.metadata.tables["pace_turn"]
