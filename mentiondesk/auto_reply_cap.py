"""The daily cap on public auto-replies per author, reckoned for a whole batch of decisions
with one count, not one per author."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from mentiondesk.tables import DRAFT, MENTION

if TYPE_CHECKING:
    from mentiondesk.decisions import Decision


def auto_replies_sent(
    conn: Connection, decisions: list[Decision], since: datetime
) -> dict[int, int]:
    """Auto-replies drafted since `since` to each author `decisions` would auto-reply
    to: one grouped count for the batch (one count per author was as many statements)."""
    authors = {d.author_id for d in decisions if any(p.auto for p in d.drafts)}
    if not authors:
        return {}
    rows = conn.execute(
        sa.select(MENTION.c.author_id, sa.func.count())
        .select_from(DRAFT)
        .join(MENTION, MENTION.c.id == DRAFT.c.mention_id)
        .where(
            MENTION.c.author_id.in_(authors),
            DRAFT.c.auto.is_(True),
            DRAFT.c.created_at >= since,
        )
        .group_by(MENTION.c.author_id)
    )
    counted = {int(author): int(n) for author, n in rows}
    return {author: counted.get(author, 0) for author in authors}


def cap_auto_replies(d: Decision, cap: int, sent: dict[int, int]) -> Decision:
    """Public auto-replies are capped per author per day; past the cap they wait for a person.
    `sent` holds each author's count so far (`auto_replies_sent`), kept up as this batch's go."""
    if not any(p.auto for p in d.drafts):
        return d
    if sent[d.author_id] < cap:
        sent[d.author_id] += 1
        return d
    return replace(d, drafts=tuple(replace(p, auto=False) for p in d.drafts))
