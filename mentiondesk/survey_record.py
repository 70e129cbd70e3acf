"""Recording one satisfaction answer for a case (CSAT 1-5, NPS 0-10): `mentiondesk survey
record` and an answer read from the customer's own post (survey_answers.py) both write it
here, so that both count alike: one row per answer, a case's latest of a kind replacing the
earlier ones in the figures (survey_figures.py)."""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from mentiondesk.tables import CASE, SURVEY, case_number

RANGES = {"csat": (1, 5), "nps": (0, 10)}


def record_answer(
    conn: Connection, case_id: int, kind: str, score: int, *, at: datetime | None = None
) -> tuple[int, datetime] | None:
    """Store the answer in the caller's transaction; the case's latest earlier one of that
    kind (score, when), if any. LookupError when there is no such case."""
    if conn.scalar(sa.select(CASE.c.id).where(CASE.c.id == case_id)) is None:
        raise LookupError(f"no case {case_number(case_id)}")
    earlier = conn.execute(
        sa.select(SURVEY.c.score, SURVEY.c.answered_at)
        .where(SURVEY.c.case_id == case_id, SURVEY.c.kind == kind)
        .order_by(SURVEY.c.answered_at.desc(), SURVEY.c.id.desc())  # as the figures
        .limit(1)
    ).first()
    values = {
        "case_id": case_id,
        "kind": kind,
        "score": score,
        "answered_at": at or datetime.now(UTC),
    }
    conn.execute(sa.insert(SURVEY).values(values))
    if earlier is None:
        return None
    when = earlier.answered_at  # SQLite gives it back without its zone
    return int(earlier.score), when if when.tzinfo else when.replace(tzinfo=UTC)
