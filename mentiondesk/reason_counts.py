"""The recurring complaint reasons of a period, as the dashboard, its summary sheet and
`mentiondesk report` show them: cases per reason, each case under one reason."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from mentiondesk.period import Period, posted_between, posted_within
from mentiondesk.tables import CASE, FOLLOW_UP, MENTION, READING

# The reason of a complaint read without one: counted apart from `other`, a reason read.
NO_REASON = "no_reason"


def reason_counts(conn: Connection, period: Period, span: timedelta) -> list[tuple[str, int, int]]:
    """Complaint reasons this period, most cases first, with the previous period's count for
    the trend.

    Counted in cases, not mentions: an author who writes three times about one late order
    (their follow-ups join their open case) is one delivery problem, not three. Each case once
    in a period, under one reason: its first complaint's there (the one that opened it, else the
    first that joined it), so the bars add up to the cases with a complaint, as a slide of them
    must. A follow-up that says the problem is solved ("refunded, all good now") is no
    complaint, though it may read as one (its reading is kept as read: resolution.py); nor is
    advice to another customer in their thread ("@ana try clearing the cache": bystanders.py).
    """
    stamps = MENTION.c.created_at, MENTION.c.ingested_at
    earlier = posted_between(*stamps, period.previous_since(span), period.since)
    in_period = posted_within(*stamps, period)
    # A complaint no rule opened a case for has the author as its case: one per person, still.
    case = sa.func.coalesce(CASE.c.id, FOLLOW_UP.c.case_id, -MENTION.c.author_id)
    now = sa.case((in_period, 1), else_=0).label("now")
    first = sa.func.row_number().over(
        partition_by=(case, now),
        order_by=(sa.case((CASE.c.id.is_(None), 1), else_=0), MENTION.c.id),
    )
    # A complaint read without a reason (a post a person relabelled as one) is still a
    # complaint, of no known cause: counted apart from `other`, a cause the reading named.
    reason = sa.func.coalesce(READING.c.reason, NO_REASON).label("reason")
    solved = sa.func.coalesce(FOLLOW_UP.c.resolves, sa.false())
    complaints = (
        sa.select()
        .select_from(MENTION)
        .join(READING, READING.c.mention_id == MENTION.c.id)
        .outerjoin(CASE, CASE.c.mention_id == MENTION.c.id)
        .outerjoin(FOLLOW_UP, FOLLOW_UP.c.mention_id == MENTION.c.id)
        .add_columns(reason, now, first.label("first"))
        .where(sa.or_(in_period, earlier), READING.c.label == "negative", ~solved)
        .where(~READING.c.advice)
        .subquery()
    )
    c = complaints.c
    query = (
        sa.select(
            c.reason,
            sa.func.count().filter(c.now == 1),
            sa.func.count().filter(c.now == 0),
        )
        .where(c.first == 1)
        .group_by(c.reason)
    )
    rows = [(str(r), int(n), int(before)) for r, n, before in conn.execute(query)]
    rows.sort(key=lambda r: (-r[1], r[0]))
    return rows
