"""The queries the second peak review replaced, kept to time them against the ones now in
the same run (bench/desk_peak.py, bench/ingest_peak.py): won back grouping every author of
the period, and ingest's auto-reply cap counted per author."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from mentiondesk.period import Period, posted, posted_within
from mentiondesk.tables import AUTHOR, DRAFT, FOLLOW_UP, MENTION, READING
from mentiondesk.won_back import _complained_before


def old_won_back(conn: Connection, period: Period, shown: int = 10) -> tuple[list[object], int]:
    """won_back as it was: every author of the period grouped, then probed for a complaint."""
    label = READING.c.label
    at = posted(conn.dialect.name, MENTION.c.created_at, MENTION.c.ingested_at)
    solved = sa.func.coalesce(FOLLOW_UP.c.resolves, sa.false())
    advice = sa.func.coalesce(READING.c.advice, sa.false())
    praise = sa.or_(label == "positive", solved)
    complaint = sa.and_(label == "negative", ~solved, ~advice)
    in_period = posted_within(MENTION.c.created_at, MENTION.c.ingested_at, period)
    last = (
        sa.select(
            MENTION.c.author_id,
            sa.func.max(sa.case((praise, at))).label("last"),
            sa.func.max(sa.case((complaint, at))).label("last_negative"),
        )
        .join(READING, READING.c.mention_id == MENTION.c.id)
        .outerjoin(FOLLOW_UP, FOLLOW_UP.c.mention_id == MENTION.c.id)
        .where(sa.or_(label.in_(("positive", "negative")), solved), in_period)
        .group_by(MENTION.c.author_id)
        .subquery()
    )
    query = (
        sa.select(AUTHOR.c.platform, AUTHOR.c.handle, last.c.last, sa.func.count().over())
        .join(last, last.c.author_id == AUTHOR.c.id)
        .where(
            last.c.last.is_not(None),
            sa.or_(last.c.last_negative.is_(None), last.c.last_negative <= last.c.last),
            _complained_before(conn.dialect.name, last.c.author_id, last.c.last),
        )
        .order_by(AUTHOR.c.handle == "", last.c.last.desc(), AUTHOR.c.id)
        .limit(shown)
    )
    rows = conn.execute(query).all()
    return [(p, h, w) for p, h, w, _ in rows if h], int(rows[0][3]) if rows else 0


def old_auto_replies_sent(conn: Connection, authors: set[int], since: datetime) -> dict[int, int]:
    """The cap's counts as ingest took them: one statement per author."""
    found = {}
    for author in authors:
        count = conn.scalar(
            sa.select(sa.func.count())
            .select_from(DRAFT)
            .join(MENTION, MENTION.c.id == DRAFT.c.mention_id)
            .where(
                MENTION.c.author_id == author,
                DRAFT.c.auto.is_(True),
                DRAFT.c.created_at >= since,
            )
        )
        found[author] = int(count or 0)
    return found
