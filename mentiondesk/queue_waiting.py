"""How long a case's author has waited for us: since the earliest message not yet answered.

A case nobody answered waits since it opened. An answered case whose author wrote again (the
queue's `needs_reply`, "wrote again") waits since that new message was posted, not since the
case opened weeks ago: the queue ranks it, and its row says so, by that wait.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from mentiondesk.held_replies import by_a_person
from mentiondesk.tables import CASE, DRAFT, FOLLOW_UP, MENTION


def answered() -> sa.ColumnElement[bool]:
    """SQL, on CASE: a person answered it (a first response, or a reply they approved that is
    on its way); a playbook's automatic reply answers nobody."""
    approved = sa.exists().where(DRAFT.c.case_id == CASE.c.id, by_a_person(DRAFT))
    return sa.or_(CASE.c.first_response_at.is_not(None), approved)


def again_since() -> sa.ScalarSelect[datetime]:
    """SQL, on CASE: when the author posted the earliest follow-up that no person's reply has
    answered since it joined (needs_reply's test), or NULL; capped at when it joined, as a
    case's opening is (a post dated in the future waits from when we read it)."""
    later = FOLLOW_UP.alias("again_follow_up")
    post = MENTION.alias("again_mention")  # not the outer query's MENTION: the case's opening
    reply = DRAFT.alias("again_reply")
    replied = sa.exists().where(
        reply.c.case_id == later.c.case_id,
        by_a_person(reply),
        reply.c.decided_at >= later.c.created_at,
    )
    posted = sa.case(
        (post.c.created_at < later.c.created_at, post.c.created_at), else_=later.c.created_at
    )
    return (
        sa.select(sa.func.min(posted))
        .select_from(later)
        .join(post, post.c.id == later.c.mention_id)
        .where(later.c.case_id == CASE.c.id, ~replied)
        .scalar_subquery()
    )


def waiting_since() -> sa.ColumnElement[datetime]:
    """SQL, on CASE: when its author began waiting for us, as the queue ranks it: since the
    earliest follow-up not answered, once a person answered; since it opened otherwise."""
    return sa.func.coalesce(sa.case((answered(), again_since()), else_=None), CASE.c.opened_at)


def waits_again(conn: Connection, case_id: int) -> datetime | None:
    """When the author of answered case `case_id` began waiting again, as the queue ranks and
    words it (the case page says the same); None when they wait on nothing since an answer."""
    found: datetime | None = conn.scalar(
        sa.select(again_since()).where(CASE.c.id == case_id, answered())
    )
    return found


def longest_waiting(conn: Connection, query: Any, limit: int) -> list[Any]:
    """The first `limit` cases of `query` (over CASE, selecting its id, priority and
    opened_at) by priority, then how long their author has waited, then id; each row with
    `again_since` (None unless it waits on a message after an answer).

    Those waiting since they opened are paged by the queue's index (status, priority,
    opened_at) as before; those waiting again are found apart, each ranked by its wait (the
    same per-case subqueries the queue's needs-a-reply filter and count run); the two merged."""
    since = again_since()
    again = sa.and_(answered(), since.is_not(None))
    first = query.add_columns(sa.null().label("again_since")).where(~again)
    first = first.order_by(CASE.c.priority.desc(), CASE.c.opened_at, CASE.c.id)
    rows = list(conn.execute(first.limit(limit)).all())
    later = query.add_columns(since.label("again_since")).where(again)
    later = later.order_by(CASE.c.priority.desc(), since, CASE.c.id)
    rows += conn.execute(later.limit(limit)).all()
    rows.sort(key=lambda r: (-r.priority, waited_since(r), r.id))
    return rows[:limit]


def waited_since(row: Any) -> datetime:
    """When the author of a longest_waiting() row began waiting for us."""
    return row.again_since or row.opened_at  # type: ignore[no-any-return]
