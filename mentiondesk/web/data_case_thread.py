"""A case page's thread: the mention's conversation around it (data_case.load_detail).

A brand's own post draws replies by the thousand in a Black Friday week, all one thread: the
page shows the thread's first post and the posts nearest the mention, never the thread's
first `THREAD_LIMIT` posts (which would leave out the mention itself and what it answers).
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from mentiondesk.tables import AUTHOR, MENTION, READING
from mentiondesk.web.data_case_rows import MentionData, ThreadPost, every

THREAD_LIMIT = 50
AFTER_AT_LEAST = 9  # replies after the mention shown, where the thread has more than fit


def thread(conn: Connection, mention: MentionData) -> list[ThreadPost]:
    """Mentions in the same conversation (same platform and thread id), oldest first: at most
    THREAD_LIMIT of them, the mention, the thread's first post and those nearest the
    mention. A thread's first post may carry no thread id (Bluesky, Mastodon): its replies
    name it. Two statements however long the thread, three where it overflows."""
    root = mention.thread_id or mention.external_id
    at, mine = mention.created_at, MENTION.c.id == mention.id
    tie = sa.and_(MENTION.c.created_at == at, MENTION.c.id < mention.id)
    # Each side bounded by date too, which the index can seek to (the tie it cannot).
    earlier = sa.and_(MENTION.c.created_at <= at, sa.or_(MENTION.c.created_at < at, tie))
    later = sa.and_(MENTION.c.created_at >= at, ~tie, ~mine)
    arms = _arms(root, mention.platform)
    # Each side read up to the whole budget: a short side leaves its room to the other. The
    # mention comes first of `upto` (the newest of it).
    upto = _posts(conn, [mine, *(sa.and_(a, earlier) for a in arms)], newest_first=True)
    after = _posts(conn, [sa.and_(a, later) for a in arms], newest_first=False)
    n_after = min(len(after), max(AFTER_AT_LEAST, THREAD_LIMIT - len(upto)))
    shown = upto[: THREAD_LIMIT - n_after]
    if len(upto) > len(shown) and len(shown) > 1:
        # The thread's first post (what the replies answer) in place of the farthest shown.
        first = _posts(conn, arms, newest_first=False, limit=1)
        shown = [*shown[:-1], *first]
    return [*reversed(shown), *after[:n_after]]


def _arms(root: str, platform: str) -> list[sa.ColumnElement[bool]]:
    """The thread's posts in two parts, each read in order on its own index: the posts that
    name it as their thread (ix_mention_thread_created), and those replying to its first
    post that carry no thread id or another (ix_mention_parent). As one OR, PostgreSQL read
    a long thread by walking the whole mention table in date order (ix_mention_created_*)."""
    on = MENTION.c.platform == platform
    other = sa.or_(MENTION.c.thread_id.is_(None), MENTION.c.thread_id != root)
    return [
        sa.and_(MENTION.c.thread_id == root, on),
        sa.and_(MENTION.c.parent_id == root, other, on),
    ]


def _posts(
    conn: Connection,
    parts: list[sa.ColumnElement[bool]],
    *,
    newest_first: bool,
    limit: int = THREAD_LIMIT + 1,  # one more than shown: whether there are more
) -> list[ThreadPost]:
    """The first `limit` posts of the union of `parts` in date order, each part read in
    that order on its own and the few rows then sorted, not the table."""

    def ordered(created: Any, id_: Any) -> tuple[Any, ...]:
        return (created.desc(), id_.desc()) if newest_first else (created, id_)

    picks = [
        sa.select(MENTION.c.id, MENTION.c.created_at)
        .where(part)
        .order_by(*ordered(MENTION.c.created_at, MENTION.c.id))
        .limit(limit)
        .subquery()
        for part in parts
    ]
    found = sa.union_all(*(sa.select(p.c.id, p.c.created_at) for p in picks)).subquery()
    query = (
        sa.select(
            MENTION.c.id, MENTION.c.text, MENTION.c.created_at, AUTHOR.c.handle, READING.c.lang
        )
        .add_columns(READING.c.advice)  # advice to the thread's customer, shown so
        .add_columns(AUTHOR.c.name)  # a possible impostor of the brand, badged so
        .select_from(found)
        .join(MENTION, MENTION.c.id == found.c.id)
        .join(AUTHOR, AUTHOR.c.id == MENTION.c.author_id)
        .outerjoin(READING, READING.c.mention_id == MENTION.c.id)  # each post in its language
        .order_by(*ordered(found.c.created_at, found.c.id))
        .limit(limit)
    )
    return every(conn, ThreadPost, query)
