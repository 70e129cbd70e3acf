"""What the queue shows: drafts oldest first; cases whose approved reply the outbox holds,
then the most urgent and longest waiting; the held replies themselves."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from mentiondesk.cases import follow_up_count
from mentiondesk.held_replies import (
    HeldReply,
    held_case_ids,
    held_replies,
    reply_held,
)
from mentiondesk.models import Label
from mentiondesk.queue_waiting import longest_waiting
from mentiondesk.store import Store
from mentiondesk.tables import AUTHOR, CASE, DRAFT, FOLLOW_UP, MENTION, READING, case_number

DraftStatus = Literal["pending", "approved", "rejected", "withdrawn"]
CaseStatus = Literal["open", "resolved", "closed"]


@dataclass(frozen=True, slots=True)
class DraftView:
    id: int
    kind: str
    status: str
    text: str
    lang: str
    case_number: str | None
    platform: str
    handle: str
    created_at: datetime
    mention_id: int  # what `relabel` takes


@dataclass(frozen=True, slots=True)
class CaseView:
    id: int
    number: str
    status: str
    priority: int
    label: str
    reason: str | None
    frustration: int  # the highest of its mentions': a follow-up raises it, as it does priority
    platform: str
    handle: str
    followers: int
    assignee: str | None
    opened_at: datetime
    first_response_at: datetime | None
    ticket_ref: str | None
    follow_ups: int  # later mentions by the author that joined the case
    mention_id: int  # the mention that opened it: what `relabel` takes
    held: HeldReply | None = None  # its latest approved reply, which the outbox holds


@dataclass(frozen=True, slots=True)
class HeldView:
    """An open case's approved reply that the outbox holds: its author was never answered."""

    draft: DraftView
    reply: HeldReply


def list_drafts(store: Store, *, status: str = "pending", limit: int = 100) -> list[DraftView]:
    """Drafts in `status`, oldest first."""
    query = (
        _draft_query()
        .where(DRAFT.c.status == status)
        .order_by(DRAFT.c.created_at, DRAFT.c.id)
        .limit(limit)
    )
    with store.engine.connect() as conn:
        return _views(conn.execute(query).all())


def _draft_query() -> sa.Select[Any]:
    return (
        sa.select(DRAFT, MENTION.c.platform, AUTHOR.c.handle)
        .join(MENTION, MENTION.c.id == DRAFT.c.mention_id)
        .join(AUTHOR, AUTHOR.c.id == MENTION.c.author_id)
    )


def _draft_views(conn: Connection, ids: list[int]) -> list[DraftView]:
    return _views(conn.execute(_draft_query().where(DRAFT.c.id.in_(ids))).all()) if ids else []


def _views(rows: Sequence[sa.Row[Any]]) -> list[DraftView]:
    return [
        DraftView(
            d.id,
            d.kind,
            d.status,
            d.text,
            d.lang,
            case_number(d.case_id) if d.case_id else None,
            d.platform,
            d.handle,
            d.created_at,
            d.mention_id,
        )
        for d in rows
    ]


def count_drafts(store: Store, *, status: str = "pending") -> int:
    """How many drafts are in `status` (a list is cut at its limit; this is the whole)."""
    query = sa.select(sa.func.count()).select_from(DRAFT).where(DRAFT.c.status == status)
    with store.engine.connect() as conn:
        return int(conn.scalar(query) or 0)


def count_cases(store: Store, *, status: str = "open") -> int:
    """How many cases are in `status`."""
    query = sa.select(sa.func.count()).select_from(CASE).where(CASE.c.status == status)
    with store.engine.connect() as conn:
        return int(conn.scalar(query) or 0)


def follow_ups_frustration() -> sa.ScalarSelect[int]:
    """The highest frustration among the follow-ups of the case it is selected with (None
    without any): read from an alias, as the query joins READING for the opening mention."""
    later = READING.alias("later_reading")
    return (
        sa.select(sa.func.max(later.c.frustration))
        .select_from(FOLLOW_UP)
        .join(later, later.c.mention_id == FOLLOW_UP.c.mention_id)
        .where(FOLLOW_UP.c.case_id == CASE.c.id)
        .scalar_subquery()
    )


def list_cases(store: Store, *, status: str = "open", limit: int = 100) -> list[CaseView]:
    """Cases in `status`: those whose approved reply the outbox holds first (their authors
    were never answered, as the desk's queue puts them), then the most urgent, then the
    longest waiting (an answered case its author wrote to again: since that message). Ranked
    as the desk's queue pages them (held_then_rest), then only those read in full: ordering
    every case of a busy store by its held reply and its wait ran subqueries for each."""
    ranked = sa.select(CASE.c.id, CASE.c.priority, CASE.c.opened_at)
    ranked = ranked.where(CASE.c.status == status)
    with store.engine.connect() as conn:
        held = held_case_ids(conn) if status == "open" else _held_in(conn, status)
        ids = [r.id for r in held_then_rest(conn, ranked, limit, held=held)]
        rows = conn.execute(_case_query().where(CASE.c.id.in_(ids))).all() if ids else []
        replies = held_replies(conn, ids)
    place = {case_id: n for n, case_id in enumerate(ids)}
    return [_case_view(c, replies.get(c.id)) for c in sorted(rows, key=lambda r: place[r.id])]


def _held_in(conn: Connection, status: str) -> list[int]:
    """Cases in `status` whose latest reply the outbox holds (held_case_ids for open ones)."""
    query = sa.select(CASE.c.id).where(CASE.c.status == status, reply_held(CASE.c.id))
    return list(conn.scalars(query))


def _case_query() -> sa.Select[Any]:
    return (
        sa.select(
            CASE,
            READING.c.label,
            READING.c.reason,
            READING.c.frustration,
            MENTION.c.platform,
            AUTHOR.c.handle,
            AUTHOR.c.followers,
            follow_up_count().label("follow_ups"),
            follow_ups_frustration().label("later_frustration"),
        )
        .join(MENTION, MENTION.c.id == CASE.c.mention_id)
        .join(READING, READING.c.mention_id == CASE.c.mention_id)
        .join(AUTHOR, AUTHOR.c.id == CASE.c.author_id)
    )


def _case_view(c: Any, held: HeldReply | None) -> CaseView:
    return CaseView(
        c.id,
        case_number(c.id),
        c.status,
        c.priority,
        c.label,
        c.reason,
        max(c.frustration, c.later_frustration or 0),
        c.platform,
        c.handle,
        c.followers,
        c.assignee,
        c.opened_at,
        c.first_response_at,
        c.ticket_ref,
        c.follow_ups,
        c.mention_id,
        held,
    )


def list_held(store: Store, *, limit: int = 100) -> list[HeldView]:
    """Open cases' approved replies the outbox holds (the desk queue's first rows), the most
    urgent case first."""
    query = (
        sa.select(CASE.c.id)
        .where(CASE.c.status == "open", reply_held(CASE.c.id))
        .order_by(CASE.c.priority.desc(), CASE.c.opened_at, CASE.c.id)
        .limit(limit)
    )
    with store.engine.connect() as conn:
        cases = list(conn.scalars(query).all())
        held = held_replies(conn, cases)
        drafts = {d.id: d for d in _draft_views(conn, [h.draft_id for h in held.values()])}
    replies = [held[case] for case in cases if case in held]  # in the cases' order
    return [HeldView(drafts[h.draft_id], h) for h in replies if h.draft_id in drafts]


# What praised_latest() says of a case's latest follow-up: the desk words the two apart,
# since a follow-up that says the problem is solved may well read as a complaint.
PRAISE, SOLVED = "praise", "solved"


def praised_latest() -> Any:
    """praised_last() as a scalar subquery for a list's columns: SOLVED where the latest
    follow-up says the problem is solved, PRAISE where its reading is praise, else NULL.
    PostgreSQL ran the EXISTS as one hashed pass over every follow-up and positive reading; a
    LIMIT 1 per row reads the case's own follow-ups only."""
    read = READING.alias("praise_reading")
    praise = sa.case(
        (FOLLOW_UP.c.resolves, SOLVED),  # (cases.praises)
        (sa.and_(read.c.label == Label.POSITIVE.value, read.c.is_question.is_(False)), PRAISE),
        else_=None,
    )
    return (
        sa.select(praise)
        .select_from(FOLLOW_UP)
        .outerjoin(read, read.c.mention_id == FOLLOW_UP.c.mention_id)
        .where(FOLLOW_UP.c.case_id == CASE.c.id)
        .order_by(FOLLOW_UP.c.id.desc())
        .limit(1)
        .scalar_subquery()
    )


def held_then_rest(
    conn: Connection, query: Any, limit: int, *, held: list[int] | None = None
) -> list[Any]:
    """The first `limit` open cases of `query` (over CASE) in the queue's order: a held reply
    first (the author was never answered, so the case is late already), then priority, how
    long the author has waited (queue_waiting: an answered case they wrote to again waits
    since that message, not since it opened), id. The few held cases are found first and the
    rest paged by the queue's index: ordering every open case by held_first() read every
    approved draft."""
    held_ids = held_case_ids(conn) if held is None else held  # (open cases')
    rows: list[Any] = []
    if held_ids:
        rows = longest_waiting(conn, query.where(CASE.c.id.in_(held_ids)), limit)
        query = query.where(CASE.c.id.not_in(held_ids))
    if len(rows) < limit:
        rows += longest_waiting(conn, query, limit - len(rows))
    return rows
