"""A case page's data: the mention, its thread, reading, drafts, notes, audit and author history."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from mentiondesk.case_state import cases_of_mention
from mentiondesk.held_replies import PostState, post_states
from mentiondesk.queue_waiting import waits_again
from mentiondesk.store import Store
from mentiondesk.tables import (
    AUDIT,
    AUTHOR,
    CASE,
    CORRECTION,
    DRAFT,
    MENTION,
    READING,
)
from mentiondesk.web.data_case_history import (
    case_notes,
    linked,
    other_tickets,
    past_cases,
    past_replies,
    timeline,
)
from mentiondesk.web.data_case_long import AUDIT_LIMIT, NOTE_LIMIT, capped_drafts, newest
from mentiondesk.web.data_case_mentions import (
    case_frustration,
    case_mentions,
    corrected_label,
    mention_total,
    praised,
)
from mentiondesk.web.data_case_rows import (
    AuditEntry,
    AuthorData,
    CaseData,
    CaseMention,
    CorrectionData,
    DraftData,
    MentionData,
    NoteData,
    PastCase,
    PastReply,
    ReadingData,
    SentPost,
    ThreadPost,
    TimelineEntry,
    build,
    every,
    first,
    select_of,
)
from mentiondesk.web.data_case_sent import sent_posts
from mentiondesk.web.data_case_thread import THREAD_LIMIT, thread


@dataclass(frozen=True, slots=True)
class CaseDetail:
    mention: MentionData
    author: AuthorData
    reading: ReadingData | None
    correction: CorrectionData | None  # the latest person's label, if any
    case: CaseData | None
    case_mentions: list[CaseMention]  # the mention that opened the case, then its follow-ups
    drafts: list[DraftData]  # this mention's and, in a case, every draft of the case
    thread: list[ThreadPost]
    notes: list[NoteData]
    audit: list[AuditEntry]
    past_cases: list[PastCase]
    past_replies: list[PastReply]
    timeline: list[TimelineEntry]  # the author's read mentions, oldest first
    linked_authors: list[AuthorData]  # the same handle on other platforms
    praised: str | None = None  # the open case's latest follow-up is praise or says it is solved
    posts: dict[int, PostState] = field(default_factory=dict)  # approved drafts' outbox rows
    sent: dict[int, SentPost] = field(default_factory=dict)  # their deliveries, by draft id
    opener_label: str | None = None  # the case's opening reading as a person corrected it
    case_frustration: int | None = None  # the highest of the case's mentions': its priority's
    # Tickets the case went to besides its current one (ref, link): the one a follow-up
    # ticket replaced after it closed, was archived or deleted, or another help desk's.
    other_tickets: list[tuple[str, str | None]] = field(default_factory=list)
    # Answered, and its author wrote again since: it waits from that message, as the queue says.
    again_since: datetime | None = None
    # A long case (data_case_long): its real size, and the older rows each list left out.
    mention_total: int = 0
    older_drafts: int = 0
    older_notes: int = 0
    older_audit: int = 0
    approved: int = 0  # the case's approved replies, those the page leaves out too

    @property
    def label(self) -> str | None:
        if self.correction is not None:
            return str(self.correction.label)
        return str(self.reading.label) if self.reading is not None else None

    @property
    def replies(self) -> int:
        """How many replies the case has had (as hand_reply.replies_so_far counts them), from
        the read the page shows: Reply now's `seen`, so a colleague's reply sent after it is
        never counted as seen, and one older than the drafts shown still is."""
        return self.approved

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


def load_detail(
    store: Store, mention_id: int, *, mentions: int = THREAD_LIMIT
) -> CaseDetail | None:
    """Everything the case page shows about one mention, its case's first and `mentions` - 1
    newest mentions; None when it does not exist."""
    with store.engine.connect() as conn:
        query = select_of(MENTION, MentionData).where(MENTION.c.id == mention_id)
        mention = first(conn, MentionData, query)
        if mention is None:
            return None
        query = select_of(AUTHOR, AuthorData).where(AUTHOR.c.id == mention.author_id)
        author = build(AuthorData, conn.execute(query).one())
        case = _case_of(conn, mention_id)
        authors = linked(conn, author)
        every_draft = _drafts(conn, mention_id, case)
        drafts, older_drafts = capped_drafts(every_draft)
        notes, older_notes = newest(case_notes(conn, mention_id, case), NOTE_LIMIT)
        audit, older_audit = newest(
            _audit(conn, mention_id, case.id if case else None, author.id), AUDIT_LIMIT
        )
        posts = post_states(conn, [d.id for d in drafts if d.status == "approved"])
        return CaseDetail(
            mention=mention,
            author=author,
            reading=first(
                conn,
                ReadingData,
                select_of(READING, ReadingData).where(READING.c.mention_id == mention_id),
            ),
            correction=first(
                conn,
                CorrectionData,
                select_of(CORRECTION, CorrectionData)
                .where(CORRECTION.c.mention_id == mention_id)
                .order_by(CORRECTION.c.id.desc()),
            ),
            case=case,
            case_mentions=case_mentions(conn, case, limit=mentions),
            drafts=drafts,
            thread=thread(conn, mention),
            notes=notes,
            audit=audit,
            past_cases=past_cases(conn, [a.id for a in authors], case.id if case else None),
            past_replies=past_replies(
                conn, [a.id for a in authors], mention_id, case.id if case else None
            ),
            timeline=timeline(conn, [a.id for a in authors]),
            linked_authors=[a for a in authors if a.id != author.id],
            praised=praised(conn, case),
            posts=posts,
            sent=sent_posts(conn, posts),
            opener_label=corrected_label(conn, case),
            case_frustration=case_frustration(conn, case),
            other_tickets=other_tickets(conn, case),
            again_since=waits_again(conn, case.id) if case and case.status == "open" else None,
            mention_total=mention_total(conn, case),
            older_drafts=older_drafts,
            older_notes=older_notes,
            older_audit=older_audit,
            approved=_approved(every_draft, case),
        )


def _approved(drafts: list[DraftData], case: CaseData | None) -> int:
    if case is None:
        return 0
    return sum(1 for d in drafts if d.case_id == case.id and d.status == "approved")


def _case_of(conn: Connection, mention_id: int) -> CaseData | None:
    """The case this mention opened or, as a follow-up, joined (its latest)."""
    query = select_of(CASE, CaseData).where(cases_of_mention(mention_id))
    return first(conn, CaseData, query.order_by(CASE.c.id.desc()))


def _drafts(conn: Connection, mention_id: int, case: CaseData | None) -> list[DraftData]:
    """Drafts answering this mention and, in a case, its other mentions: one place to reply."""
    where = DRAFT.c.mention_id == mention_id
    if case is not None:
        where = sa.or_(where, DRAFT.c.case_id == case.id)
    # The one waiting for a person comes first, above the ones it replaced or that were sent.
    drafts = every(conn, DraftData, select_of(DRAFT, DraftData).where(where).order_by(DRAFT.c.id))
    return sorted(drafts, key=lambda d: d.status != "pending")


def _audit(
    conn: Connection, mention_id: int, case_id: int | None, author_id: int
) -> list[AuditEntry]:
    """The mention's and its case's entries, and the author's do-not-contact changes made
    from any of their mentions (the desk's or the CLI's): the list is about the person."""
    theirs = sa.select(MENTION.c.id).where(MENTION.c.author_id == author_id)
    listing = sa.select(AUDIT.c.id).where(
        AUDIT.c.action.in_(("do-not-contact", "allow-contact")), AUDIT.c.mention_id.in_(theirs)
    )
    # A union of ids, each part on its own index: ORed conditions scan the whole audit table.
    parts = [sa.select(AUDIT.c.id).where(AUDIT.c.mention_id == mention_id), listing]
    if case_id is not None:
        parts.append(sa.select(AUDIT.c.id).where(AUDIT.c.case_id == case_id))
    query = select_of(AUDIT, AuditEntry).where(AUDIT.c.id.in_(sa.union_all(*parts)))
    return every(conn, AuditEntry, query.order_by(AUDIT.c.id))
