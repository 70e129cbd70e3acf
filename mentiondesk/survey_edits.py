"""A post edited after it was read (edited_reread), where survey answers are read from posts
(survey_answers): the answer follows the post's latest text, as a CS lead counts it.

Edited out of a score ("5" → "5 dias sem internet, resolvam!"): the customer no longer says 5,
so the answer is withdrawn (its row deleted: the case's figures fall back to an earlier
answer, if any), audited as "csat 5 withdrawn" (never the text), and the post is read again
as any edited post (a complaint reaches the desk). Edited from one score to another: the
old one withdrawn, the new one recorded. Edited into a score ("nota" → "nota 5") while
nothing was decided on the post and it opened or joined no case: recorded as it would have
been had it been posted so, and its pending drafts withdrawn (a score gets none).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from mentiondesk.audit_trail import write as audit
from mentiondesk.config_sections import SurveySection
from mentiondesk.edited_posts import EDITED
from mentiondesk.store import PendingMention
from mentiondesk.survey_answers import ACTION, BY, Answer, case_answered, record_one
from mentiondesk.survey_scores import score_in
from mentiondesk.tables import AUDIT, CASE, DRAFT, FOLLOW_UP, SURVEY

WITHDRAWN = " withdrawn"  # the detail's end on the audit line of a withdrawn answer
_DETAIL = re.compile(r"(?P<kind>csat|nps) (?P<score>\d+)")


@dataclass(frozen=True, slots=True)
class Recorded:
    """An answer recorded from a post and not withdrawn since."""

    case_id: int
    kind: str
    score: int


def answer_edited(
    conn: Connection,
    pending: PendingMention,
    survey: SurveySection | None,
    *,
    decided: bool,
    now: datetime,
) -> bool:
    """Make the answer the edited post gave follow its new text (see the module's docstring;
    `decided`: the desk decided on the post, edited_posts.decided); True when the post is an
    answer now (its reading is all there is to store)."""
    recorded = recorded_from(conn, pending.id)
    kind = recorded.kind if recorded else survey.answers_from_posts if survey else "none"
    score = score_in(pending.mention.text, kind) if kind != "none" else None
    if recorded is not None and score == recorded.score:
        return True  # "5" → "5!": the same answer
    if recorded is not None:
        _withdraw(conn, pending, recorded)
    if score is None or survey is None or decided or _on_a_case(conn, pending.id):
        return False
    at = min(_aware(pending.mention.created_at), now)
    case_id = case_answered(conn, pending.author_id, at, timedelta(days=survey.within_days))
    if case_id is None:
        return False
    record_one(conn, Answer(pending.id, case_id, kind, score, at))
    conn.execute(
        sa.update(DRAFT)
        .where(DRAFT.c.mention_id == pending.id, DRAFT.c.status == "pending")
        .values(status="withdrawn", decided_at=now, decided_by=EDITED)
    )
    return True


def recorded_from(conn: Connection, mention_id: int) -> Recorded | None:
    """The answer recorded from the post, by its latest survey audit line; None when none
    was, or it was withdrawn since."""
    line = conn.execute(
        sa.select(AUDIT.c.case_id, AUDIT.c.detail)
        .where(AUDIT.c.mention_id == mention_id, AUDIT.c.action == ACTION, AUDIT.c.actor == BY)
        .order_by(AUDIT.c.id.desc())
        .limit(1)
    ).first()
    said = _DETAIL.match(line.detail) if line is not None else None
    if line is None or said is None or line.case_id is None or line.detail.endswith(WITHDRAWN):
        return None
    return Recorded(int(line.case_id), said["kind"], int(said["score"]))


def _withdraw(conn: Connection, pending: PendingMention, recorded: Recorded) -> None:
    """Delete the answer's row (the survey table keeps no post: the row of that case, kind
    and score given nearest the post's time, which it was recorded at) and say so."""
    rows = conn.execute(
        sa.select(SURVEY.c.id, SURVEY.c.answered_at).where(
            SURVEY.c.case_id == recorded.case_id,
            SURVEY.c.kind == recorded.kind,
            SURVEY.c.score == recorded.score,
        )
    ).all()
    posted = _aware(pending.mention.created_at)
    if rows:
        row = min(rows, key=lambda r: abs(_aware(r.answered_at) - posted))
        conn.execute(sa.delete(SURVEY).where(SURVEY.c.id == row.id))
    detail = f"{recorded.kind} {recorded.score}{WITHDRAWN}"
    audit(conn, BY, ACTION, mention_id=pending.id, case_id=recorded.case_id, detail=detail)


def _on_a_case(conn: Connection, mention_id: int) -> bool:
    """Whether the post opened or joined a case: the desk's to deal with, not an answer."""
    opened = sa.select(CASE.c.id).where(CASE.c.mention_id == mention_id)
    joined = sa.select(FOLLOW_UP.c.case_id).where(FOLLOW_UP.c.mention_id == mention_id)
    return conn.scalar(opened.union_all(joined).limit(1)) is not None


def _aware(at: datetime) -> datetime:
    return at if at.tzinfo else at.replace(tzinfo=UTC)  # SQLite gives it back without its zone
