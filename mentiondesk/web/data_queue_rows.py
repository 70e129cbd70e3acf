"""The rows a queue item is built from (data_queue.py), typed: the columns of its mention, a
draft, a reply by hand; and the queue's counts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from mentiondesk.tables import AUTHOR, DRAFT, MENTION, READING
from mentiondesk.web.data_queue_posts import EXCERPT

AnyRow = sa.Row[*tuple[Any, ...]]  # a result row of any columns
AnySelect = sa.Select[*tuple[Any, ...]]  # a query of any columns


def item_columns() -> list[sa.ColumnElement[Any]]:
    """The columns of a queue row, for a case and a loose draft alike: its mention (an
    excerpt), the author, and the mention's reading."""
    return [
        MENTION.c.id.label("mention_id"),
        MENTION.c.platform,
        sa.func.substr(MENTION.c.text, 1, EXCERPT + 1).label("excerpt"),
        MENTION.c.on_title,
        AUTHOR.c.handle,
        AUTHOR.c.name,
        AUTHOR.c.followers,
        READING.c.lang,
        READING.c.label,
        READING.c.reason,
        READING.c.frustration,
        READING.c.advice,
    ]


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
    lang: str | None = None  # the language it is written in: read in that voice

    @classmethod
    def of(cls, row: AnyRow) -> DraftRef:
        return cls(row.id, row.kind, row.text, row.mention_id, row.created_at, row.lang)


def drafts_by_id(conn: Connection, ids: list[int]) -> dict[int, DraftRef]:
    """Each draft by its id."""
    if not ids:
        return {}
    columns = (
        *(DRAFT.c.id, DRAFT.c.kind, DRAFT.c.text, DRAFT.c.mention_id, DRAFT.c.created_at),
        DRAFT.c.lang,
    )
    rows = conn.execute(sa.select(*columns).where(DRAFT.c.id.in_(ids))).all()
    return {r.id: DraftRef.of(r) for r in rows}


@dataclass(frozen=True, slots=True)
class Waiting:
    """How many items wait in all, by kind: the header's "open cases" and "drafts to approve"
    count other things (every open case; every pending draft, a case's too)."""

    cases: int
    drafts: int  # pending drafts outside any case (a thank-you for praise)

    @property
    def total(self) -> int:
        return self.cases + self.drafts
