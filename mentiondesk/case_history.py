"""What an author said before in a case: a ticket that one of their follow-ups opens carries it;
and the case a new mention of theirs joins, which the playbook decides on.

Without it, a help-desk agent would see only the angry third message ("STILL nothing!!") and
not the late parcel it is about.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from mentiondesk.models import Author, Label, Mention, Reading
from mentiondesk.models import History as AuthorHistory
from mentiondesk.tables import AUTHOR, CASE, FOLLOW_UP, MENTION, READING, case_number

# Only the last few earlier mentions go into a ticket: enough for the story, not a transcript.
MOST_EARLIER = 5

# A case's mentions as (mention id, mention), oldest first.
History = list[tuple[int, Mention]]

# An author's columns beside a MENTION row's own, whose names they share ("a_" + name).
AUTHOR_BESIDE_MENTION = tuple(
    c.label(f"a_{c.name}")
    for c in (AUTHOR.c.external_id, AUTHOR.c.handle, AUTHOR.c.name, AUTHOR.c.followers)
)


def mention_of(m: Any, author: Author) -> Mention:
    """A Mention from its MENTION row."""
    return Mention(
        platform=m.platform,
        external_id=m.external_id,
        text=m.text,
        created_at=m.created_at,
        url=m.url,
        lang=m.lang,
        thread_id=m.thread_id,
        parent_id=m.parent_id,
        visibility=m.visibility,
        on_title=getattr(m, "on_title", None),  # a row without the column: none said
        author=author,
    )


def author_of(row: Any, prefix: str = "") -> Author:
    """An Author from its AUTHOR row, or from a joined row's columns named `prefix` + name."""

    def get(name: str) -> Any:
        return getattr(row, prefix + name)

    return Author(
        id=get("external_id"), handle=get("handle"), name=get("name"), followers=get("followers")
    )


def case_mentions(conn: Connection, case_ids: Iterable[int]) -> dict[int, History]:
    """Each case's mentions, oldest first: the one that opened it, then its follow-ups."""
    ids = set(case_ids)
    if not ids:
        return {}
    parts = _in_order(ids)
    rows = conn.execute(
        sa.select(parts.c.case_id, MENTION, *AUTHOR_BESIDE_MENTION)
        .join(MENTION, MENTION.c.id == parts.c.mention_id)
        .join(AUTHOR, AUTHOR.c.id == MENTION.c.author_id)
        .order_by(parts.c.case_id, parts.c.n)
    )
    found: dict[int, History] = {}
    for row in rows:
        mention = mention_of(row, author_of(row, "a_"))
        found.setdefault(int(row.case_id), []).append((int(row.id), mention))
    return found


def case_tails(conn: Connection, wanted: dict[int, set[int]]) -> dict[int, History]:
    """Each case's mentions that `earlier` reads for the mentions `wanted` in it (case id →
    mention ids): those mentions and the MOST_EARLIER before each, oldest first.

    A batch's follow-ups asked only this much of a long case, yet every post of it was loaded
    (text, author) on each batch: the case's ids are read first, then only the posts needed."""
    wanted = {case: ids for case, ids in wanted.items() if ids}
    if not wanted:
        return {}
    parts = _in_order(wanted)
    order: dict[int, list[int]] = {}
    for case, mention in conn.execute(
        sa.select(parts.c.case_id, parts.c.mention_id).order_by(parts.c.case_id, parts.c.n)
    ):
        order.setdefault(int(case), []).append(int(mention))
    keep = {case: _around(ids, wanted[case]) for case, ids in order.items() if case in wanted}
    needed = {m for ids in keep.values() for m in ids}
    if not needed:
        return {}
    rows = conn.execute(
        sa.select(MENTION, *AUTHOR_BESIDE_MENTION)
        .join(AUTHOR, AUTHOR.c.id == MENTION.c.author_id)
        .where(MENTION.c.id.in_(needed))
    )
    loaded = {int(row.id): mention_of(row, author_of(row, "a_")) for row in rows}
    return {case: [(m, loaded[m]) for m in ids if m in loaded] for case, ids in keep.items()}


def _in_order(case_ids: Iterable[int]) -> sa.Subquery:
    """The cases' mention ids (case_id, mention_id), `n` their order in it: the one that
    opened it (0), then its follow-ups as they joined."""
    ids = list(case_ids)
    opened = sa.select(CASE.c.id.label("case_id"), CASE.c.mention_id, sa.literal(0).label("n"))
    joined = sa.select(FOLLOW_UP.c.case_id, FOLLOW_UP.c.mention_id, FOLLOW_UP.c.id.label("n"))
    return sa.union_all(
        opened.where(CASE.c.id.in_(ids)), joined.where(FOLLOW_UP.c.case_id.in_(ids))
    ).subquery()


def _around(ids: list[int], wanted: set[int]) -> list[int]:
    """`ids` (a case's, in order) cut to each wanted one and the MOST_EARLIER before it."""
    keep = [False] * len(ids)
    for at, mention in enumerate(ids):
        if mention in wanted:
            for k in range(max(0, at - MOST_EARLIER), at + 1):
                keep[k] = True
    return [m for m, kept in zip(ids, keep, strict=True) if kept]


def earlier(history: History, mention_id: int) -> tuple[Mention, ...]:
    """The case's mentions before `mention_id` (the last MOST_EARLIER of them)."""
    ids = [i for i, _ in history]
    if mention_id not in ids:
        return ()
    return tuple(m for _, m in history[: ids.index(mention_id)])[-MOST_EARLIER:]


def stored_mention(conn: Connection, mention_id: int) -> tuple[Mention, Reading]:
    """A stored mention, its author and how it was read, as the models a responder gets."""
    m = conn.execute(sa.select(MENTION).where(MENTION.c.id == mention_id)).one()
    a = conn.execute(sa.select(AUTHOR).where(AUTHOR.c.id == m.author_id)).one()
    r = conn.execute(sa.select(READING).where(READING.c.mention_id == mention_id)).one()
    mention = mention_of(m, author_of(a))
    reading = Reading(
        label=Label(r.label),
        score=r.score,
        lang=r.lang,
        topics=tuple(t for t in r.topics.split(",") if t),
        reason=r.reason,
        frustration=r.frustration,
        is_question=r.is_question,
        classifier=r.classifier,
    )
    return mention, reading


def with_joined_cases(
    conn: Connection, histories: dict[int, AuthorHistory]
) -> dict[int, AuthorHistory]:
    """`histories` (by author id) with the open case a new mention of each author joins as a
    follow-up, and when it opened: the latest open one, as cases.assign_cases picks it, however
    many posts the author wrote since it began."""
    if not histories:
        return histories
    latest = (
        sa.select(sa.func.max(CASE.c.id))
        .where(CASE.c.status == "open", CASE.c.author_id.in_(set(histories)))
        .group_by(CASE.c.author_id)
    )
    rows = conn.execute(
        sa.select(CASE.c.author_id, CASE.c.id, CASE.c.opened_at).where(CASE.c.id.in_(latest))
    ).all()
    joined = {int(r.author_id): (int(r.id), r.opened_at) for r in rows}
    return {
        author: _joining(history, *joined[author]) if author in joined else history
        for author, history in histories.items()
    }


def with_case_joined(conn: Connection, history: AuthorHistory, mention_id: int) -> AuthorHistory:
    """`history` with the case mention `mention_id` joined as a follow-up when it came in, and
    when that case opened (a post read again after an edit is decided as it was then)."""
    row = conn.execute(
        sa.select(CASE.c.id, CASE.c.opened_at)
        .join(FOLLOW_UP, FOLLOW_UP.c.case_id == CASE.c.id)
        .where(FOLLOW_UP.c.mention_id == mention_id)
    ).first()
    return history if row is None else _joining(history, int(row.id), row.opened_at)


def _joining(history: AuthorHistory, case_id: int, opened_at: datetime) -> AuthorHistory:
    return replace(history, joins_case=case_number(case_id), joins_case_opened_at=opened_at)
