"""Won back: detractors whose last word in a period is praise (the dashboard's and the report's
figure), asked per author who praised us rather than over every case ever opened."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from mentiondesk.period import Period, within
from mentiondesk.tables import AUTHOR, CASE, MENTION, READING


def won_back(conn: Connection, period: Period) -> list[tuple[str, str, datetime]]:
    """Detractors (a complaint that became a case) whose last word in the period is praise: a
    positive post after the complaint, and no negative one after it.

    Requiring the case leaves out spam and other negative posts nobody had to answer; requiring
    no complaint after the praise leaves out whoever thanked us on the 3rd and was angry again
    on the 10th.
    """
    pos = (
        sa.select()
        .select_from(MENTION)
        .join(READING, READING.c.mention_id == MENTION.c.id)
        .add_columns(MENTION.c.author_id, sa.func.max(MENTION.c.created_at).label("last"))
        .where(READING.c.label == "positive", within(MENTION.c.created_at, period))
        .group_by(MENTION.c.author_id)
        .subquery()
    )
    query = (
        sa.select(AUTHOR.c.platform, AUTHOR.c.handle, pos.c.last)
        .join(pos, pos.c.author_id == AUTHOR.c.id)
        .where(
            _complained_before(pos.c.author_id, pos.c.last),
            ~_complained_after(period, pos.c.author_id, pos.c.last),
        )
        .order_by(pos.c.last.desc())
    )
    return [(p, h, last) for p, h, last in conn.execute(query)]


def _complained_before(author: Any, before: Any) -> Any:
    """Whether `author` had a complaint that became a case before `before`, at any time: the
    case may predate the period. Asked per author who praised us in the period (an index
    seek on author and time), not by grouping every case ever opened on each load."""
    earlier, reading = MENTION.alias("earlier"), READING.alias("earlier_reading")
    case = CASE.alias("earlier_case")
    return sa.exists().where(
        reading.c.mention_id == earlier.c.id,
        reading.c.label == "negative",
        case.c.mention_id == earlier.c.id,
        earlier.c.author_id == author,
        earlier.c.created_at < before,
    )


def _complained_after(period: Period, author: Any, since: Any) -> Any:
    """Whether `author` posted anything negative after `since`, within the period: a follow-up
    on an open case counts as much as a new complaint."""
    later, reading = MENTION.alias("later"), READING.alias("later_reading")
    return sa.exists().where(
        reading.c.mention_id == later.c.id,
        reading.c.label == "negative",
        later.c.author_id == author,
        later.c.created_at > since,
        within(later.c.created_at, period),
    )
