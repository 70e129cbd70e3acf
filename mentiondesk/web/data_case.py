"""A case page's data: the mention, its thread, reading, drafts, notes, audit and author history."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from mentiondesk.cases import praised_last
from mentiondesk.held_replies import PostState, post_states
from mentiondesk.store import Store
from mentiondesk.tables import (
    AUDIT,
    AUTHOR,
    CASE,
    CORRECTION,
    DRAFT,
    FOLLOW_UP,
    MENTION,
    NOTE,
    READING,
)
from mentiondesk.web.data_case_history import linked, past_cases, past_replies, timeline

THREAD_LIMIT = 50


@dataclass(frozen=True, slots=True)
class CaseDetail:
    mention: Any
    author: Any
    reading: Any | None
    correction: Any | None  # the latest person's label, if any
    case: Any | None
    case_mentions: list[Any]  # the mention that opened the case, then its follow-ups
    drafts: list[Any]  # this mention's and, in a case, every draft of the case
    thread: list[Any]
    notes: list[Any]
    audit: list[Any]
    past_cases: list[Any]
    past_replies: list[Any]
    timeline: list[Any]  # (created_at, label, score, platform) of the author's mentions
    linked_authors: list[Any]  # the same handle on other platforms
    praised: bool = False  # the open case's latest follow-up is praise: solved, maybe
    posts: dict[int, PostState] = field(default_factory=dict)  # approved drafts' outbox rows
    opener_label: str | None = None  # the case's opening reading as a person corrected it
    case_frustration: int | None = None  # the highest of the case's mentions': its priority's

    @property
    def label(self) -> str | None:
        if self.correction is not None:
            return str(self.correction.label)
        return str(self.reading.label) if self.reading is not None else None

    @property
    def replies(self) -> int:
        """How many replies the case has had among the drafts this page shows (as
        hand_reply.replies_so_far counts them): Reply now's `seen`, from the same read, so a
        colleague's reply the page does not show is never counted as seen."""
        if self.case is None:
            return 0
        return sum(1 for d in self.drafts if d.case_id == self.case.id and d.status == "approved")

    @property
    def sending(self) -> bool:
        """A person's approved reply waits in the outbox (not held): the case is answered as
        far as the desk can do, though its first response is timed when it is delivered."""
        return any(
            d.status == "approved"
            and not d.auto
            and (post := self.posts.get(d.id)) is not None
            and post.status == "pending"
            for d in self.drafts
        )

    @property
    def complaint_gone(self) -> bool:
        """A person relabelled the open case's opening complaint as praise or neutral and
        none of its mentions reads as a complaint now: maybe nothing is left to do on it."""
        if self.case is None or self.case.status != "open":
            return False
        if self.opener_label in (None, "negative"):
            return False
        return all(cm.label != "negative" for cm in self.case_mentions)

    @property
    def opener_reading(self) -> str | None:
        """The reading of the mention that opened the case, as the queue takes it for the
        case's first-response target: the same deadline on each of the case's pages."""
        opener = self.case.mention_id if self.case is not None else None
        return next((cm.label for cm in self.case_mentions if cm.id == opener), None)


def case_mention(store: Store, case_id: int) -> int | None:
    with store.engine.connect() as conn:
        return conn.scalar(sa.select(CASE.c.mention_id).where(CASE.c.id == case_id))


def draft_mention(store: Store, draft_id: int) -> int | None:
    """The mention a draft answers: whose page shows it."""
    with store.engine.connect() as conn:
        return conn.scalar(sa.select(DRAFT.c.mention_id).where(DRAFT.c.id == draft_id))


def draft_case(store: Store, draft_id: int) -> int | None:
    """The case a draft belongs to; none for a thank-you outside any case."""
    with store.engine.connect() as conn:
        return conn.scalar(sa.select(DRAFT.c.case_id).where(DRAFT.c.id == draft_id))


def last_edit(audit: list[Any], draft_id: int) -> Any | None:
    """The latest saved edit of a draft in a page's audit trail (who and when), if any."""
    edits = (a for a in reversed(audit) if a.action == "edit" and a.draft_id == draft_id)
    return next(edits, None)


def last_end(audit: list[Any]) -> Any | None:
    """Who closed or resolved the case, and when, from a page's audit trail, if it says."""
    ends = (a for a in reversed(audit) if a.action in ("closed", "resolved"))
    return next(ends, None)


def last_reply(drafts: list[Any]) -> Any | None:
    """The case's latest approved reply (drafted or by hand): who sent it and when."""
    sent = [d for d in drafts if d.status == "approved" and d.decided_at is not None]
    return max(sent, key=lambda d: d.decided_at, default=None)


def mention_author(store: Store, mention_id: int) -> tuple[str, str, int | None] | None:
    """(platform, handle, case id or None) of a mention's author; None for no such mention."""
    with store.engine.connect() as conn:
        row = conn.execute(
            sa.select(AUTHOR.c.platform, AUTHOR.c.handle)
            .join(MENTION, MENTION.c.author_id == AUTHOR.c.id)
            .where(MENTION.c.id == mention_id)
        ).first()
        if row is None:
            return None
        case = _case_of(conn, mention_id)
        return row.platform, row.handle, case.id if case else None


def load_detail(store: Store, mention_id: int) -> CaseDetail | None:
    """Everything the case page shows about one mention; None when it does not exist."""
    with store.engine.connect() as conn:
        mention = conn.execute(sa.select(MENTION).where(MENTION.c.id == mention_id)).first()
        if mention is None:
            return None
        author = conn.execute(sa.select(AUTHOR).where(AUTHOR.c.id == mention.author_id)).one()
        case = _case_of(conn, mention_id)
        authors = linked(conn, author)
        drafts = _drafts(conn, mention_id, case)
        return CaseDetail(
            mention=mention,
            author=author,
            reading=_one(conn, sa.select(READING).where(READING.c.mention_id == mention_id)),
            correction=_one(
                conn,
                sa.select(CORRECTION)
                .where(CORRECTION.c.mention_id == mention_id)
                .order_by(CORRECTION.c.id.desc()),
            ),
            case=case,
            case_mentions=_case_mentions(conn, case),
            drafts=drafts,
            thread=_thread(conn, mention),
            notes=_all(conn, sa.select(NOTE).where(NOTE.c.mention_id == mention_id)),
            audit=_audit(conn, mention_id, case.id if case else None, author.id),
            past_cases=past_cases(conn, [a.id for a in authors], case.id if case else None),
            past_replies=past_replies(conn, [a.id for a in authors], mention_id),
            timeline=timeline(conn, [a.id for a in authors]),
            linked_authors=[a for a in authors if a.id != author.id],
            praised=_praised(conn, case),
            posts=post_states(conn, [d.id for d in drafts if d.status == "approved"]),
            opener_label=_corrected_label(conn, case),
            case_frustration=_case_frustration(conn, case),
        )


def _case_of(conn: Connection, mention_id: int) -> Any | None:
    """The case this mention opened or, as a follow-up, joined."""
    joined = sa.select(FOLLOW_UP.c.case_id).where(FOLLOW_UP.c.mention_id == mention_id)
    query = sa.select(CASE).where(sa.or_(CASE.c.mention_id == mention_id, CASE.c.id.in_(joined)))
    return conn.execute(query.order_by(CASE.c.id.desc())).first()


def _corrected_label(conn: Connection, case: Any | None) -> str | None:
    """The latest corrected label of the mention that opened the case: its rule was chosen
    for the reading before the correction, which the page says."""
    if case is None:
        return None
    query = sa.select(CORRECTION.c.label).where(CORRECTION.c.mention_id == case.mention_id)
    return conn.scalar(query.order_by(CORRECTION.c.id.desc()).limit(1))


def _case_frustration(conn: Connection, case: Any | None) -> int | None:
    """The highest frustration of the case's mentions, a follow-up's too: the one its
    priority counts (as `cases list` shows), which its opening mention's may not be."""
    if case is None:
        return None
    joined = sa.select(FOLLOW_UP.c.mention_id).where(FOLLOW_UP.c.case_id == case.id)
    mentions = sa.or_(READING.c.mention_id == case.mention_id, READING.c.mention_id.in_(joined))
    highest = conn.scalar(sa.select(sa.func.max(READING.c.frustration)).where(mentions))
    return int(highest) if highest is not None else None


def _praised(conn: Connection, case: Any | None) -> bool:
    if case is None or case.status != "open":
        return False
    return bool(conn.scalar(sa.select(praised_last()).where(CASE.c.id == case.id)))


def _case_mentions(conn: Connection, case: Any | None) -> list[Any]:
    if case is None:
        return []
    follow_ups = sa.select(FOLLOW_UP.c.mention_id).where(FOLLOW_UP.c.case_id == case.id)
    query = (
        sa.select(
            MENTION.c.id,
            MENTION.c.text,
            MENTION.c.created_at,
            MENTION.c.url,
            MENTION.c.visibility,  # a followers-only or direct one is marked so
            READING.c.label,
            READING.c.lang,
        )
        .outerjoin(READING, READING.c.mention_id == MENTION.c.id)
        .where(sa.or_(MENTION.c.id == case.mention_id, MENTION.c.id.in_(follow_ups)))
        .order_by(MENTION.c.created_at, MENTION.c.id)
        .limit(THREAD_LIMIT)
    )
    return list(conn.execute(query).all())


def _drafts(conn: Connection, mention_id: int, case: Any | None) -> list[Any]:
    """Drafts answering this mention and, in a case, its other mentions: one place to reply."""
    where = DRAFT.c.mention_id == mention_id
    if case is not None:
        where = sa.or_(where, DRAFT.c.case_id == case.id)
    # The one waiting for a person comes first, above the ones it replaced or that were sent.
    return sorted(_all(conn, sa.select(DRAFT).where(where)), key=lambda d: d.status != "pending")


def _one(conn: Connection, query: Any) -> Any | None:
    return conn.execute(query.limit(1)).first()


def _all(conn: Connection, query: Any) -> list[Any]:
    return list(conn.execute(query.order_by(sa.text("id"))).all())


def _thread(conn: Connection, mention: Any) -> list[Any]:
    """Mentions in the same conversation (same platform and thread id), oldest first."""
    if not mention.thread_id:
        return []
    query = (
        sa.select(
            MENTION.c.id, MENTION.c.text, MENTION.c.created_at, AUTHOR.c.handle, READING.c.lang
        )
        .join(AUTHOR, AUTHOR.c.id == MENTION.c.author_id)
        .outerjoin(READING, READING.c.mention_id == MENTION.c.id)  # each post in its language
        .where(MENTION.c.thread_id == mention.thread_id, MENTION.c.platform == mention.platform)
        .order_by(MENTION.c.created_at, MENTION.c.id)
        .limit(THREAD_LIMIT)
    )
    return list(conn.execute(query).all())


def _audit(conn: Connection, mention_id: int, case_id: int | None, author_id: int) -> list[Any]:
    """The mention's and its case's entries, and the author's do-not-contact changes made
    from any of their mentions (the desk's or the CLI's): the list is about the person."""
    theirs = sa.select(MENTION.c.id).where(MENTION.c.author_id == author_id)
    listing = sa.and_(
        AUDIT.c.action.in_(("do-not-contact", "allow-contact")), AUDIT.c.mention_id.in_(theirs)
    )
    where = sa.or_(AUDIT.c.mention_id == mention_id, listing)
    if case_id is not None:
        where = sa.or_(where, AUDIT.c.case_id == case_id)
    return list(conn.execute(sa.select(AUDIT).where(where).order_by(AUDIT.c.id)).all())
