"""A case page's data across the case's mentions: the one that opened it and its follow-ups.

Kept apart from data_case, whose queries are about the one mention the page is open on: these
read every mention of its case (listed, their highest frustration, the opener's corrected
label, whether the latest follow-up is praise) through one subquery of their ids.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from mentiondesk.queue_views import praised_latest
from mentiondesk.tables import CASE, CORRECTION, FOLLOW_UP, MENTION, READING
from mentiondesk.web.data_case_rows import CaseData, CaseMention, every


def corrected_label(conn: Connection, case: CaseData | None) -> str | None:
    """The latest corrected label of the mention that opened the case: its rule was chosen
    for the reading before the correction, which the page says."""
    if case is None:
        return None
    query = sa.select(CORRECTION.c.label).where(CORRECTION.c.mention_id == case.mention_id)
    return conn.scalar(query.order_by(CORRECTION.c.id.desc()).limit(1))


def case_frustration(conn: Connection, case: CaseData | None) -> int | None:
    """The highest frustration of the case's mentions, a follow-up's too: the one its
    priority counts (as `cases list` shows), which its opening mention's may not be."""
    if case is None:
        return None
    mentions = READING.c.mention_id.in_(_with_follow_ups(case))
    highest = conn.scalar(sa.select(sa.func.max(READING.c.frustration)).where(mentions))
    return int(highest) if highest is not None else None


def praised(conn: Connection, case: CaseData | None) -> str | None:
    """SOLVED or PRAISE where the open case's latest follow-up says so (queue_views)."""
    if case is None or case.status != "open":
        return None
    return conn.scalar(sa.select(praised_latest()).where(CASE.c.id == case.id))


def mention_total(conn: Connection, case: CaseData | None) -> int:
    """How many mentions the case has, its opening one included: the page's heading says
    so when it lists only some of them."""
    if case is None:
        return 0
    ids = _with_follow_ups(case).subquery()
    return int(conn.scalar(sa.select(sa.func.count()).select_from(ids)) or 0)


def case_mentions(conn: Connection, case: CaseData | None, *, limit: int) -> list[CaseMention]:
    """The case's opening mention, then its latest `limit` - 1 follow-ups, oldest first, with
    their readings. A case an author kept writing to (hundreds of follow-ups in a Black Friday
    week) shows what it is about and what they said last, not its first `limit` posts."""
    if case is None:
        return []
    query = (
        sa.select(
            MENTION.c.id,
            MENTION.c.text,
            MENTION.c.created_at,
            MENTION.c.url,
            MENTION.c.visibility,  # a followers-only or direct one is marked so
            READING.c.label,
            READING.c.lang,
            MENTION.c.on_title,
        )
        .outerjoin(READING, READING.c.mention_id == MENTION.c.id)
        .where(MENTION.c.id.in_(_opener_and_latest(case, limit - 1)))
        .order_by(MENTION.c.created_at, MENTION.c.id)
    )
    return every(conn, CaseMention, query)


def _opener_and_latest(case: CaseData, latest: int) -> sa.CompoundSelect[tuple[int]]:
    """The ids of the case's opening mention and of its `latest` newest follow-ups."""
    newest = (
        sa.select(FOLLOW_UP.c.mention_id)
        .join(MENTION, MENTION.c.id == FOLLOW_UP.c.mention_id)
        .where(FOLLOW_UP.c.case_id == case.id)
        .order_by(MENTION.c.created_at.desc(), MENTION.c.id.desc())
        .limit(max(latest, 0))
        .subquery()
    )
    opener = sa.select(sa.literal(case.mention_id, sa.Integer))
    return sa.union_all(opener, sa.select(newest.c.mention_id))


def _with_follow_ups(case: CaseData) -> sa.CompoundSelect[tuple[int]]:
    """The case's opening mention's id and its follow-ups', as one subquery: an IN over it
    uses the primary key, where `id = :id OR id IN (…)` scans the whole table on PostgreSQL."""
    follow_ups = sa.select(FOLLOW_UP.c.mention_id).where(FOLLOW_UP.c.case_id == case.id)
    return sa.union_all(sa.select(sa.literal(case.mention_id, sa.Integer)), follow_ups)
