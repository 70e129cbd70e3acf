"""Which of a case's mentions a queue row shows, each beside its own reading.

A row shows the mention its pending draft answers: that is what one click would answer. When
the author has written since (a complaint after praise, "any news?"), the row shows that
latest post below it, as newer, and offers no one-click Approve: the draft may no longer fit.
Without a draft, the row shows the author's latest post (it may say the problem is solved).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from mentiondesk.models import cut_title
from mentiondesk.tables import FOLLOW_UP, MENTION, READING

EXCERPT = 280  # characters of the mention shown in the queue (the case page shows it all)
# The most of a story's or post's title the 'on “…”' line shows (queue and case page): the
# whole title is a click away ("view on …").
ON_TITLE_SHOWN = 90


@dataclass(frozen=True, slots=True)
class Post:
    """A mention as the queue shows it: its excerpt, and its own reading for the chips."""

    mention_id: int
    excerpt: str
    label: str
    reason: str | None
    frustration: int
    lang: str
    on_title: str | None = None  # the story's or post's title it is on, as shown


def cut(text: str) -> str:
    return text if len(text) <= EXCERPT else text[:EXCERPT] + "…"


def on_shown(title: str | None) -> str | None:
    """What the desk shows of the title a comment is on: cut short with "…"; None: none."""
    return cut_title(title, ON_TITLE_SHOWN)


def latest_mentions(conn: Connection, case_ids: list[int]) -> dict[int, int]:
    """The author's latest follow-up (its mention id) per case."""
    if not case_ids:
        return {}
    last = (
        sa.select(FOLLOW_UP.c.case_id, sa.func.max(FOLLOW_UP.c.id).label("id"))
        .where(FOLLOW_UP.c.case_id.in_(case_ids))
        .group_by(FOLLOW_UP.c.case_id)
        .subquery()
    )
    rows = conn.execute(
        sa.select(last.c.case_id, FOLLOW_UP.c.mention_id).join(
            FOLLOW_UP, FOLLOW_UP.c.id == last.c.id
        )
    ).all()
    return {int(case_id): int(mention_id) for case_id, mention_id in rows}


def posts(conn: Connection, mention_ids: Iterable[int]) -> dict[int, Post]:
    """Each mention's excerpt and reading."""
    ids = set(mention_ids)
    if not ids:
        return {}
    rows = conn.execute(
        sa.select(
            MENTION.c.id,
            sa.func.substr(MENTION.c.text, 1, EXCERPT + 1).label("excerpt"),
            READING.c.label,
            READING.c.reason,
            READING.c.frustration,
            READING.c.lang,
            MENTION.c.on_title,
        )
        .join(READING, READING.c.mention_id == MENTION.c.id)
        .where(MENTION.c.id.in_(ids))
    ).all()
    return {
        int(r.id): Post(
            int(r.id),
            cut(r.excerpt),
            *(r.label, r.reason, r.frustration, r.lang),
            on_shown(r.on_title),
        )
        for r in rows
    }


def shown(answers: int | None, latest: int | None) -> tuple[int | None, int | None]:
    """The mention a row shows (the one its draft answers, else the latest follow-up; None:
    the case's first mention, already in the row) and the newer one shown below it, if any."""
    if answers is None or latest is None or answers == latest:
        return answers or latest, None
    return answers, latest
