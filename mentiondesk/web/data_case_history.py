"""A case page's history: the same handle on other platforms, the author's past cases and
replies, the timeline of their readings, the case's earlier tickets and its notes
(data_case.load_detail)."""

from __future__ import annotations

from dataclasses import replace

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from mentiondesk.case_tickets import LOCAL, delivered
from mentiondesk.held_replies import post_states
from mentiondesk.outbox_payload import post_key
from mentiondesk.tables import AUTHOR, CASE, DRAFT, FOLLOW_UP, MENTION, NOTE, OUTBOX, READING
from mentiondesk.web.data_case_rows import (
    AuthorData,
    CaseData,
    NoteData,
    PastCase,
    PastReply,
    TimelineEntry,
    every,
    select_of,
)

HISTORY_LIMIT = 30


def linked(conn: Connection, author: AuthorData) -> list[AuthorData]:
    """The author plus, on other platforms, authors with the same handle (a likely match)."""
    handle = author.handle.lower().lstrip("@")
    if not handle:
        return [author]
    query = select_of(AUTHOR, AuthorData).where(
        sa.func.lower(AUTHOR.c.handle).in_([handle, "@" + handle]),
        AUTHOR.c.platform != author.platform,
    )
    return [author, *every(conn, AuthorData, query.limit(10))]


def past_cases(conn: Connection, author_ids: list[int], current: int | None) -> list[PastCase]:
    query = (
        sa.select(CASE.c.id, CASE.c.status, CASE.c.opened_at, CASE.c.rule, MENTION.c.platform)
        .join(MENTION, MENTION.c.id == CASE.c.mention_id)
        .where(CASE.c.author_id.in_(author_ids))
        .order_by(CASE.c.opened_at.desc())
        .limit(HISTORY_LIMIT)
    )
    return [c for c in every(conn, PastCase, query) if c.id != current]


def past_replies(
    conn: Connection, author_ids: list[int], mention_id: int, case_id: int | None
) -> list[PastReply]:
    """The author's replies outside this page: not the mention's, nor its case's (one sent
    on a follow-up shows among the case's drafts already, not as an earlier reply), nor one
    approved whose post a person then dropped (it never reached them). Each with its post's
    state, so one the outbox holds or still sends does not read as one they got."""
    dropped = sa.exists().where(OUTBOX.c.key == post_key(DRAFT.c.id), OUTBOX.c.status == "dropped")
    query = (
        sa.select(
            DRAFT.c.text,
            DRAFT.c.decided_at,
            DRAFT.c.decided_by,
            MENTION.c.platform,
            DRAFT.c.kind,
            DRAFT.c.id,
            DRAFT.c.mention_id,
            DRAFT.c.case_id,
            DRAFT.c.lang,
        )
        .join(MENTION, MENTION.c.id == DRAFT.c.mention_id)
        .where(
            MENTION.c.author_id.in_(author_ids),
            DRAFT.c.status == "approved",
            DRAFT.c.mention_id != mention_id,
            ~dropped,
        )
        .order_by(DRAFT.c.decided_at.desc())
        .limit(HISTORY_LIMIT)
    )
    if case_id is not None:  # (NULL != id is not true: a reply outside any case stays)
        query = query.where(sa.or_(DRAFT.c.case_id.is_(None), DRAFT.c.case_id != case_id))
    replies = every(conn, PastReply, query)
    posts = post_states(conn, [r.id for r in replies])
    return [replace(r, post=posts.get(r.id)) for r in replies]


def timeline(conn: Connection, author_ids: list[int]) -> list[TimelineEntry]:
    query = (
        sa.select(MENTION.c.created_at, READING.c.label, READING.c.score, MENTION.c.platform)
        .join(READING, READING.c.mention_id == MENTION.c.id)
        .where(MENTION.c.author_id.in_(author_ids))
        .order_by(MENTION.c.created_at.desc())
        .limit(HISTORY_LIMIT)
    )
    return list(reversed(every(conn, TimelineEntry, query)))


def other_tickets(conn: Connection, case: CaseData | None) -> list[tuple[str, str | None]]:
    """Help-desk tickets the case went to besides its current one, oldest first (ref, link):
    one a follow-up ticket replaced (closed, archived or deleted), or another help desk's.
    The local help desk's case list is no ticket elsewhere."""
    if case is None or case.ticket_ref is None:
        return []
    found = {
        ref: url
        for _, _, ref, url in delivered(conn, OUTBOX.c.case_id == case.id)
        if ref != case.ticket_ref and not ref.startswith(LOCAL)
    }
    return list(found.items())


def case_notes(conn: Connection, mention_id: int, case: CaseData | None) -> list[NoteData]:
    """The mention's notes and its case's, those left on a follow-up's page included (found
    by the follow-up's post too: notes written before they named their case have none)."""
    parts = [sa.select(NOTE.c.id).where(NOTE.c.mention_id == mention_id)]
    if case is not None:  # a union of ids, each part on its own index (as data_case._audit)
        parts.append(sa.select(NOTE.c.id).where(NOTE.c.case_id == case.id))
        followed = sa.select(FOLLOW_UP.c.mention_id).where(FOLLOW_UP.c.case_id == case.id)
        parts.append(sa.select(NOTE.c.id).where(NOTE.c.mention_id.in_(followed)))
    query = select_of(NOTE, NoteData).where(NOTE.c.id.in_(sa.union_all(*parts)))
    return every(conn, NoteData, query.order_by(NOTE.c.id))
