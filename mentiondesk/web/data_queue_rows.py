"""The rows a queue item is built from (data_queue.py), typed: a draft, a reply by hand."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa

AnyRow = sa.Row[*tuple[Any, ...]]  # a result row of any columns


@dataclass(frozen=True, slots=True)
class HandReply:
    """A person's own reply written by hand (hand_reply.hand_replies): its kind, who sent it
    and when."""

    kind: str
    decided_by: str | None
    decided_at: datetime | None

    @classmethod
    def of(cls, row: AnyRow) -> HandReply:
        return cls(row.kind, row.decided_by, row.decided_at)


@dataclass(frozen=True, slots=True)
class DraftRef:
    """The pending draft a queue row shows, and what it answers and when it was written."""

    id: int
    kind: str
    text: str
    mention_id: int
    created_at: datetime

    @classmethod
    def of(cls, row: AnyRow) -> DraftRef:
        return cls(row.id, row.kind, row.text, row.mention_id, row.created_at)
