"""CSAT and NPS over a period, each customer once (their case's latest answer)."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from mentiondesk.period import Period, within
from mentiondesk.tables import SURVEY


def _latest() -> Any:
    """SQL: the answer is its case's latest of its kind, at any time: the one answered last
    (of two answered at the same moment, the one stored last).

    A customer counts once per case: an answer recorded twice, or changed later, must not
    weigh double in CSAT or NPS, nor count in a period its replacement falls outside of. Latest
    by when it was answered, not by when it was stored: an answer imported or delivered late
    has a higher id than one its customer gave after it, and the one given after still counts.
    An answer with no case stands on its own. Asked per answer in the period
    (ix_survey_case_id): a week's answers cost a week's look-ups, not a pass over every answer
    ever given.
    """
    later = SURVEY.alias("later")
    after = sa.or_(
        later.c.answered_at > SURVEY.c.answered_at,
        sa.and_(later.c.answered_at == SURVEY.c.answered_at, later.c.id > SURVEY.c.id),
    )
    replaced = (
        sa.select(later.c.id)
        .where(later.c.case_id == SURVEY.c.case_id, later.c.kind == SURVEY.c.kind, after)
        .exists()
    )
    return sa.or_(SURVEY.c.case_id.is_(None), ~replaced)


def surveys(conn: Connection, period: Period) -> tuple[float | None, int, float | None, int]:
    """CSAT and NPS, each with its answers: those given in `period` that no later one of their
    case has replaced."""
    rows = conn.execute(
        sa.select(SURVEY.c.kind, SURVEY.c.score, sa.func.count())
        .where(within(SURVEY.c.answered_at, period), _latest())
        .group_by(SURVEY.c.kind, SURVEY.c.score)
    ).all()
    csat = {int(s): int(n) for k, s, n in rows if k == "csat"}
    nps = {int(s): int(n) for k, s, n in rows if k == "nps"}
    csat_n, nps_n = sum(csat.values()), sum(nps.values())
    happy = sum(n for s, n in csat.items() if s >= 4)
    promoters = sum(n for s, n in nps.items() if s >= 9)
    detractors = sum(n for s, n in nps.items() if s <= 6)
    return (
        happy / csat_n * 100 if csat_n else None,
        csat_n,
        (promoters - detractors) / nps_n * 100 if nps_n else None,
        nps_n,
    )
