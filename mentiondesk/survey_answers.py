"""Satisfaction answers read from the customers' own posts (`[survey] answers_from_posts`).

After solving a case the team asks "De 1 a 5, como você avalia nosso atendimento?" (a saved
reply) and the customer answers in a reply or a DM: "5", "nota 5", "⭐⭐⭐⭐⭐". A post that is
just such a score (survey_scores.py), from an author with no open case whose latest case was
resolved (not closed without resolution) within `within_days` before it, is recorded as that
case's answer, as `mentiondesk survey record` records one (survey_record.py), with an audit
line by "their reply". It opens no case and gets no alert or draft: its reading is stored and
nothing else. Anything else goes through the playbook as usual.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from mentiondesk.audit_trail import write as audit
from mentiondesk.config_sections import SurveySection
from mentiondesk.decisions import Decision
from mentiondesk.models import Reading
from mentiondesk.store import PendingMention, Store
from mentiondesk.store_engine import lost
from mentiondesk.survey_record import record_answer
from mentiondesk.survey_scores import score_in
from mentiondesk.tables import AUDIT, CASE, case_number

_LOGGER = logging.getLogger(__name__)
ACTION = "survey"  # the audit line's action; its actor is BY, its detail "csat 5"
BY = "their reply"
# A score posted a little before the case was marked resolved (the customer answered at once,
# the agent clicked Resolve a moment later) still answers it.
GRACE = timedelta(hours=1)

Pair = tuple[PendingMention, Reading]


@dataclass(frozen=True, slots=True)
class Answer:
    mention_id: int
    case_id: int
    kind: str
    score: int
    at: datetime  # when it was given: the post's time, never ahead of our clock


def take_answers(
    store: Store, survey: SurveySection, part: Sequence[Pair]
) -> tuple[list[Decision], list[Pair]]:
    """Record the answers among `part`; their decisions (store the reading, nothing more)
    and the other mentions, to be decided as usual. With answers_from_posts "none", or when
    the answers cannot be recorded (logged), every mention is the playbook's."""
    kind = survey.answers_from_posts
    if kind == "none":
        return [], list(part)
    scored = {p.id: s for p, _ in part if (s := score_in(p.mention.text, kind)) is not None}
    if not scored:
        return [], list(part)
    try:
        answers = _record(
            store, survey, kind, [(p, scored[p.id]) for p, _ in part if p.id in scored]
        )
    except Exception as exc:
        if lost(exc):  # the database went away: the batch is taken up again once it is back
            raise
        said = "survey answers in %d posts could not be recorded (%s); read as usual"
        _LOGGER.error(said, len(scored), type(exc).__name__)
        return [], list(part)
    taken = [_stored_only(p, r) for p, r in part if p.id in answers]
    return taken, [(p, r) for p, r in part if p.id not in answers]


def _stored_only(p: PendingMention, reading: Reading) -> Decision:
    return Decision(mention_id=p.id, author_id=p.author_id, mention=p.mention, reading=reading)


def _record(
    store: Store, survey: SurveySection, kind: str, scored: list[tuple[PendingMention, int]]
) -> set[int]:
    """Record each post's answer where it answers a case; the ids of those that do."""
    window = timedelta(days=survey.within_days)
    taken: set[int] = set()
    with store.engine.begin() as conn:
        for p, score in scored:
            at = min(_aware(p.mention.created_at), datetime.now(UTC))
            case_id = case_answered(conn, p.author_id, at, window)
            if case_id is None:
                _LOGGER.info(
                    "mention %s: a score, but no case resolved lately; read as usual", p.id
                )
                continue
            taken.add(p.id)
            if _recorded_already(conn, p.id):  # a retry after the batch failed to record
                continue
            record_one(conn, Answer(p.id, case_id, kind, score, at))
    return taken


def record_one(conn: Connection, answer: Answer) -> None:
    earlier = record_answer(conn, answer.case_id, answer.kind, answer.score, at=answer.at)
    detail = f"{answer.kind} {answer.score}"
    if earlier is not None:
        detail += f", replacing {earlier[0]} of {earlier[1]:%Y-%m-%d}"
    audit(conn, BY, ACTION, mention_id=answer.mention_id, case_id=answer.case_id, detail=detail)
    _LOGGER.info(
        "mention %s: recorded as the %s answer %d of %s, from the author's post%s",
        answer.mention_id,
        answer.kind,
        answer.score,
        case_number(answer.case_id),
        "" if earlier is None else f" (replacing {earlier[0]})",
    )


def case_answered(conn: Connection, author_id: int, at: datetime, window: timedelta) -> int | None:
    """The author's case the post answers: their latest, resolved within `window` before
    `at` (or GRACE after it); None when they have an open case, whose follow-up it is."""
    mine = CASE.c.author_id == author_id
    if conn.scalar(sa.select(CASE.c.id).where(mine, CASE.c.status == "open").limit(1)):
        return None
    latest = conn.execute(
        sa.select(CASE.c.id, CASE.c.status, CASE.c.closed_at)
        .where(mine, CASE.c.closed_at.is_not(None))
        .order_by(CASE.c.closed_at.desc(), CASE.c.id.desc())
        .limit(1)
    ).first()
    if latest is None or latest.status != "resolved" or latest.closed_at is None:
        return None
    closed = _aware(latest.closed_at)
    return int(latest.id) if at - window <= closed <= at + GRACE else None


def _recorded_already(conn: Connection, mention_id: int) -> bool:
    query = sa.select(AUDIT.c.id).where(AUDIT.c.mention_id == mention_id, AUDIT.c.action == ACTION)
    return conn.scalar(query.limit(1)) is not None


def _aware(at: datetime) -> datetime:
    return at if at.tzinfo else at.replace(tzinfo=UTC)  # SQLite gives it back without its zone
