"""Alerts collected for a digest route (digest.py) until their period's digest is sent; the
SQLModel metadata is shared with `tables`, which imports this module."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from mentiondesk.table_types import NEVER_REUSED, now
from mentiondesk.table_types import TS as _TS


class DigestItemRow(SQLModel, table=True):
    """An alert collected for a digest route, waiting to be sent with the others of its period."""

    __tablename__ = "digest_item"
    __table_args__ = (
        sa.Index("ix_digest_waiting", "route", "flushed_at"),
        sa.Index("ix_digest_post", "platform", "external_id"),
        NEVER_REUSED,
    )

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(max_length=255, unique=True)  # the alert's outbox key: collected once
    route: str = Field(max_length=128)
    payload: str = Field(sa_type=sa.Text)  # JSON of the CaseContext
    created_at: datetime = Field(default_factory=now, sa_type=_TS)
    flushed_at: datetime | None = Field(default=None, sa_type=_TS)
    # The digest it went in: its outbox actions, one per chat, are keyed `DIGEST_KEY:TARGET`
    # (a retarget changes only the target). NULL until flushed, and for items flushed by a
    # version that did not write it.
    digest_key: str | None = Field(default=None, max_length=255)
    # The post the alert quotes, as the mention row names it: the retention keeps that post
    # while the item is unsent, found through the index. NULL for items collected by a
    # version that did not write them (the retention then reads the key).
    platform: str | None = Field(default=None, max_length=32)
    external_id: str | None = Field(default=None, max_length=128)


DIGEST_ITEM = SQLModel.metadata.tables["digest_item"]
