"""Won back: detractors whose last word in a period is praise (the dashboard's and the report's
figure), asked per author who praised us rather than over every case ever opened."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from mentiondesk.period import Period, posted, posted_within
from mentiondesk.tables import AUTHOR, CASE, FOLLOW_UP, MENTION, READING


def won_back(
    conn: Connection, period: Period, *, shown: int = 10
) -> tuple[list[tuple[str, str, datetime]], int]:
    """Detractors (a complaint that became a case) whose last word in the period is praise: a
    positive post after the complaint, and no negative one after it. The `shown` latest
    to praise us (platform, handle, when), and how many they are in all: one whose handle the
    retention blanked is counted only. (A year's store has tens of thousands: every one of
    them was read into Python to show ten.)

    Requiring the case leaves out spam and other negative posts nobody had to answer; requiring
    no complaint after the praise leaves out whoever thanked us on the 3rd and was angry again
    on the 10th. A follow-up that says the problem is solved ("refunded, all good now") is
    praise here, as the desk decides it (resolution.praises), however it reads; advice to
    another customer (bystanders.py) is no complaint after it.
    """
    # One pass over the period's posts gives each author's last praise and last complaint:
    # no complaint after the praise is a last complaint no later than it. (A probe per author
    # for a later complaint read thousands of posts for the few who write all day.)
    # When posted as the figures reckon it (period.posted): praise stamped ahead of our clock
    # would otherwise sort after a complaint written later, and read as the last word.
    label = READING.c.label
    at = posted(conn.dialect.name, MENTION.c.created_at, MENTION.c.ingested_at)
    solved = sa.func.coalesce(FOLLOW_UP.c.resolves, sa.false())
    # Advice to another customer in their thread ("@ana try clearing the cache") may read as
    # negative, yet it is no complaint of the writer's: it does not undo their praise.
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
        # Only someone who complained can be won back: the period's posts of everyone else
        # are left out before they are joined and grouped (all of them were, at 200,000
        # mentions most of the query's time); _complained_before then checks the time.
        .where(MENTION.c.author_id.in_(_complainers()))
        .group_by(MENTION.c.author_id)
        .subquery()
    )
    blanked = AUTHOR.c.handle == ""
    query = (
        sa.select(AUTHOR.c.platform, AUTHOR.c.handle, last.c.last, sa.func.count().over())
        .join(last, last.c.author_id == AUTHOR.c.id)
        .where(
            last.c.last.is_not(None),
            sa.or_(last.c.last_negative.is_(None), last.c.last_negative <= last.c.last),
            _complained_before(conn.dialect.name, last.c.author_id, last.c.last),
        )
        .order_by(blanked, last.c.last.desc(), AUTHOR.c.id)
        .limit(shown)
    )
    rows = conn.execute(query).all()
    return [(p, h, when) for p, h, when, _ in rows if h], int(rows[0][3]) if rows else 0


def _complainers() -> Any:
    """Authors with a complaint that became a case, at any time: a superset of those
    `_complained_before` finds, over the cases, a fraction of the posts."""
    reading = READING.alias("complaint_reading")
    return (
        sa.select(CASE.c.author_id)
        .join(reading, reading.c.mention_id == CASE.c.mention_id)
        .where(reading.c.label == "negative")
    )


def _complained_before(dialect: str, author: Any, before: Any) -> Any:
    """Whether `author` had a complaint that became a case before `before`, at any time: the
    case may predate the period.

    Matched on case.author_id (the opening post's author: cases.assign_cases), so PostgreSQL
    hashes the bare case table rather than every case joined to its post. A scalar subquery
    with LIMIT seeks per author, but its cost estimate sets off JIT compiling (~2 s)."""
    earlier, reading = MENTION.alias("earlier"), READING.alias("earlier_reading")
    case = CASE.alias("earlier_case")
    return sa.exists(
        sa.select(case.c.id)
        .join(earlier, earlier.c.id == case.c.mention_id)
        .join(reading, reading.c.mention_id == earlier.c.id)
        .where(
            case.c.author_id == author,
            posted(dialect, earlier.c.created_at, earlier.c.ingested_at) < before,
            reading.c.label == "negative",
        )
    )
