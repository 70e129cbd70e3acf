"""The queue's data: open cases and pending drafts, most urgent and oldest first, filtered."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from mentiondesk.cases import follow_up_count
from mentiondesk.hand_reply import answered_otherwise, hand_replies
from mentiondesk.held_replies import HeldReply, held_replies
from mentiondesk.models import text_digest
from mentiondesk.queue_views import follow_ups_frustration, held_then_rest, praised_latest
from mentiondesk.queue_waiting import waited_since
from mentiondesk.store import Store
from mentiondesk.tables import AUTHOR, CASE, DRAFT, MENTION, READING, case_number
from mentiondesk.web.data_queue_needs_reply import needs_reply
from mentiondesk.web.data_queue_posts import Post, cut, latest_mentions, on_shown, posts, shown
from mentiondesk.web.data_queue_rows import (
    AnyRow,
    AnySelect,
    DraftRef,
    HandReply,
    Waiting,
    drafts_by_id,
    item_columns,
)

PAGE = 100  # queue items shown at first; "show more" adds as many again
# First-response targets: complaints are answered within the hour, everything else in four.
SLA = {"negative": timedelta(hours=1)}
DEFAULT_SLA = timedelta(hours=4)


def sla_seconds(label: str | None) -> int:
    """The first-response target of a case read `label` (its opening mention's reading)."""
    return int(SLA.get(label or "", DEFAULT_SLA).total_seconds())


@dataclass(frozen=True, slots=True)
class Filters:
    platform: str = ""
    lang: str = ""
    label: str = ""
    reason: str = ""
    assignee: str = ""
    source: str = ""
    view: str = ""  # "" needs a reply; "all": every open case, answered ones too

    @classmethod
    def from_query(cls, query: Mapping[str, str]) -> Filters:
        return cls(**{f.name: query.get(f.name, "").strip()[:64] for f in fields(cls)})

    def active(self) -> dict[str, str]:
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name)}


@dataclass(frozen=True, slots=True)
class QueueItem:
    mention_id: int
    case_id: int | None
    draft_id: int | None
    draft_kind: str | None
    draft_text: str | None
    platform: str
    handle: str
    name: str
    followers: int
    excerpt: str  # the mention shown, and below its reading (label, reason, frustration, lang)
    lang: str
    label: str
    reason: str | None
    frustration: int
    priority: int
    assignee: str | None
    waiting_since: datetime
    sla_seconds: int
    follow_ups: int = 0  # later mentions by the author that joined this case; the excerpt
    # is then the one the draft answers, else the latest of them
    praised: str | None = None  # the latest of them is praise, or says the problem is solved
    # (queue_views.PRAISE, SOLVED): resolved, maybe
    held: HeldReply | None = None  # the approved reply the outbox holds: never sent
    newer: Post | None = None  # the author's latest post, newer than what the draft answers
    case_frustration: int = 0  # the highest of its mentions': what its priority counts
    answered_at: datetime | None = None  # the case's first response: its timer stops
    # A person's own reply of the other kind sent since the draft was written (kind, by, at):
    # the draft may still be right to send, so the queue asks rather than withdrawing it.
    hand_reply: HandReply | None = None
    advice: bool = False  # advice to another customer in their thread (bystanders.py)
    draft_lang: str | None = None  # the draft's language (its lang attribute), not the mention's
    # Answered, and its author wrote again since: it waits (waiting_since) from that message.
    waiting_again: bool = False
    on_title: str | None = None  # the title of the story or post it is on, as shown

    @property
    def approvable(self) -> bool:
        """One-click Approve only when the approver sees what the draft answers and nothing
        newer: otherwise they read the case first."""
        return self.draft_id is not None and self.newer is None

    @property
    def number(self) -> str | None:
        return case_number(self.case_id) if self.case_id else None

    @property
    def draft_seen(self) -> str | None:
        """The draft's fingerprint as this page shows it: one-click Approve and Reject
        carry it."""
        return text_digest(self.draft_text) if self.draft_text is not None else None

    @property
    def href(self) -> str:
        return f"/cases/{self.case_id}" if self.case_id else f"/mentions/{self.mention_id}"


def _filtered(query: AnySelect, f: Filters) -> AnySelect:
    where = {
        "platform": MENTION.c.platform,
        "lang": READING.c.lang,
        "label": READING.c.label,
        "reason": READING.c.reason,
        "source": MENTION.c.source,
    }
    for key, value in f.active().items():
        if key in where:
            query = query.where(where[key] == value)
    return query


def _case_query(f: Filters, *columns: sa.ColumnElement[Any]) -> AnySelect:
    query = (
        sa.select(*columns)
        .select_from(CASE)
        .join(MENTION, MENTION.c.id == CASE.c.mention_id)
        .join(AUTHOR, AUTHOR.c.id == MENTION.c.author_id)
        .join(READING, READING.c.mention_id == CASE.c.mention_id)
        .where(CASE.c.status == "open")
    )
    if f.view != "all":
        query = query.where(needs_reply())
    if f.assignee:
        query = query.where(
            CASE.c.assignee.is_(None) if f.assignee == "-" else CASE.c.assignee == f.assignee
        )
    return _filtered(query, f)


def _cases(conn: Connection, f: Filters, limit: int) -> list[QueueItem]:
    draft = (
        sa.select(DRAFT.c.id)
        .where(DRAFT.c.case_id == CASE.c.id, DRAFT.c.status == "pending")
        .order_by(DRAFT.c.id)
        .limit(1)
        .scalar_subquery()
    )
    query = (
        _case_query(f, *item_columns(), CASE.c.id, CASE.c.priority, CASE.c.assignee)
        .add_columns(CASE.c.opened_at, CASE.c.first_response_at, draft.label("draft_id"))
        .add_columns(follow_up_count().label("follow_ups"), praised_latest().label("praised"))
        .add_columns(follow_ups_frustration().label("later_frustration"))
    )
    rows = held_then_rest(conn, query, limit)  # = _rank
    drafts = drafts_by_id(conn, [r.draft_id for r in rows if r.draft_id])
    latest = latest_mentions(conn, [r.id for r in rows if r.follow_ups])
    held = held_replies(conn, [r.id for r in rows])
    by_hand = hand_replies(conn, [r.id for r in rows if r.draft_id])
    answers = {r.id: drafts[r.draft_id].mention_id for r in rows if r.draft_id in drafts}
    pairs = {r.id: shown(answers.get(r.id), latest.get(r.id)) for r in rows}
    found = posts(conn, {m for pair in pairs.values() for m in pair if m is not None})
    items = []
    for r in rows:
        own = drafts.get(r.draft_id)
        item = _item(r, r.id, r.priority, r.assignee, waited_since(r), own)
        hand = answered_otherwise(by_hand.get(r.id, []), own) if own else None
        highest = max(r.frustration, r.later_frustration or 0)
        item = replace(
            item,
            answered_at=None if r.again_since else r.first_response_at,
            waiting_again=r.again_since is not None,
            hand_reply=HandReply.of(hand) if hand is not None else None,
            case_frustration=highest,
        )
        show, newer = pairs[r.id]
        items.append(_showing(item, found.get(show or 0), found.get(newer or 0), held.get(r.id)))
    return items


def _rank(item: QueueItem) -> tuple[bool, int, datetime]:
    """The queue's one order (docs/desk.md, "The desk"), as _cases' and _loose_drafts' SQL sort: a
    held reply first (the author was never answered: late already), then the most urgent
    (priority), then the longest waiting (since the earliest message not yet answered).
    Merging their pages by it (a stable sort, the SQL's ties kept) makes the first page
    exactly the top of a longer one."""
    return (item.held is None, -item.priority, item.waiting_since)


def _showing(
    item: QueueItem, post: Post | None, newer: Post | None, held: HeldReply | None
) -> QueueItem:
    """`item` showing `post` (if not its first mention) with its reading, and `newer`."""
    if post is not None:
        item = replace(
            item,
            excerpt=post.excerpt,
            label=post.label,
            reason=post.reason,
            frustration=post.frustration,
            lang=post.lang,
            advice=False,  # a follow-up: the author's own news, never advice
            on_title=post.on_title,
        )
    return replace(item, newer=newer, held=held)


def _loose_query(f: Filters, *columns: sa.ColumnElement[Any]) -> AnySelect:
    """Pending drafts outside any case (e.g. a thank-you for praise)."""
    query = (
        sa.select(*columns)
        .select_from(DRAFT)
        .join(MENTION, MENTION.c.id == DRAFT.c.mention_id)
        .join(AUTHOR, AUTHOR.c.id == MENTION.c.author_id)
        .join(READING, READING.c.mention_id == DRAFT.c.mention_id)
        .where(DRAFT.c.status == "pending", DRAFT.c.case_id.is_(None))
    )
    if f.assignee:
        query = query.where(sa.false())  # only cases are assigned
    return _filtered(query, f)


def _loose_drafts(conn: Connection, f: Filters, limit: int) -> list[QueueItem]:
    query = (
        _loose_query(f, *item_columns(), DRAFT.c.id.label("draft_id"), DRAFT.c.kind, DRAFT.c.text)
        .add_columns(DRAFT.c.created_at.label("drafted_at"), DRAFT.c.lang.label("draft_lang"))
        .add_columns(MENTION.c.created_at)  # the author waits since posting, as in a case
        .order_by(MENTION.c.created_at, DRAFT.c.id)
        .limit(limit)
    )
    rows = conn.execute(query).all()
    drafts = (
        DraftRef(r.draft_id, r.kind, r.text, r.mention_id, r.drafted_at, r.draft_lang) for r in rows
    )
    return [_item(r, None, 0, None, r.created_at, d) for r, d in zip(rows, drafts, strict=True)]


def _item(
    r: AnyRow,
    case_id: int | None,
    priority: int,
    assignee: str | None,
    since: datetime,
    draft: DraftRef | None,
) -> QueueItem:
    return QueueItem(
        mention_id=r.mention_id,
        case_id=case_id,
        draft_id=draft.id if draft else None,
        draft_kind=draft.kind if draft else None,
        draft_text=draft.text if draft else None,
        draft_lang=draft.lang if draft else None,
        platform=r.platform,
        handle=r.handle,
        name=r.name,
        followers=r.followers,
        excerpt=cut(r.excerpt),  # a case's other mention may replace it (_cases)
        lang=r.lang,
        label=r.label,
        reason=r.reason,
        frustration=r.frustration,
        priority=priority,
        assignee=assignee,
        waiting_since=since,
        sla_seconds=sla_seconds(r.label),
        follow_ups=getattr(r, "follow_ups", 0),  # a case's columns; a loose draft has none
        praised=getattr(r, "praised", None),
        advice=r.advice,
        on_title=on_shown(r.on_title),
    )


def load_queue(store: Store, f: Filters, *, limit: int = PAGE) -> tuple[list[QueueItem], Waiting]:
    """The `limit` most urgent items — open cases whose approved reply is held first (late by
    definition), then by priority (frustration and reach) and age, loose drafts by age — and
    how many are waiting in all, so nothing hides unsaid."""
    count = sa.func.count()
    with store.engine.connect() as conn:
        case_items, loose = _cases(conn, f, limit), _loose_drafts(conn, f, limit)
        # A short page is all there is: counting would run the whole filter again.
        cases = len(case_items) if len(case_items) < limit else conn.scalar(_case_query(f, count))
        drafts = len(loose) if len(loose) < limit else conn.scalar(_loose_query(f, count))
    items = case_items + loose
    items.sort(key=_rank)
    return items[:limit], Waiting(int(cases or 0), int(drafts or 0))
