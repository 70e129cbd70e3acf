"""When an open case still needs a reply from a person: the queue's default view.

An answered case leaves the queue until its author writes again; `view=all` shows it anyway.
"""

from __future__ import annotations

import sqlalchemy as sa

from mentiondesk.held_replies import by_a_person, reply_held
from mentiondesk.tables import CASE, DRAFT, FOLLOW_UP


def needs_reply() -> sa.ColumnElement[bool]:
    """A pending draft waits, nobody has answered and no approved reply is on its way, the
    author wrote again after the last approved reply, or the outbox holds that reply (it was
    never sent). A playbook's automatic reply answers nobody: the case waits for a person (as
    its first-response clock does)."""
    pending = sa.exists().where(DRAFT.c.case_id == CASE.c.id, DRAFT.c.status == "pending")
    approved = sa.exists().where(DRAFT.c.case_id == CASE.c.id, by_a_person(DRAFT))
    unanswered = sa.and_(CASE.c.first_response_at.is_(None), ~approved)
    # Correlated to the follow-up's case (not to CASE: nested two levels down, SQLAlchemy would
    # add a second, unrelated "case" to this subquery's FROM).
    answered_since = sa.exists().where(
        DRAFT.c.case_id == FOLLOW_UP.c.case_id,
        by_a_person(DRAFT),
        DRAFT.c.decided_at >= FOLLOW_UP.c.created_at,
    )
    wrote_again = sa.exists().where(FOLLOW_UP.c.case_id == CASE.c.id, ~answered_since)
    return sa.or_(pending, unanswered, wrote_again, reply_held(CASE.c.id))
