"""The rows a case page is built from (data_case.load_detail), typed: each a frozen copy of
the columns it names, so mypy checks what the page's code reads and case.html gets the same
attribute names as the tables' (a missing one fails rendering: StrictUndefined)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields
from datetime import datetime
from typing import TYPE_CHECKING, TypeVar

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from mentiondesk.audit_trail import AuditEntry as AuditEntry  # the case page reads the same rows
from mentiondesk.held_replies import PostState
from mentiondesk.web.data_queue_posts import on_shown
from mentiondesk.web.data_queue_rows import AnyRow, AnySelect

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

T = TypeVar("T")


def select_of(table: sa.Table, cls: type[DataclassInstance]) -> AnySelect:
    """The table's columns `cls` holds, by name: a query selects what its rows are built of."""
    return sa.select(*(table.c[f.name] for f in fields(cls)))


def build(make: Callable[..., T], row: AnyRow) -> T:
    """`make` (a row class) of a row's columns, by name: one whose columns it does not hold
    fails here, not as a page rendered with a field missing."""
    return make(**row._mapping)


def first(conn: Connection, make: Callable[..., T], query: AnySelect) -> T | None:
    """The query's first row as a `make`; None when it has none."""
    row = conn.execute(query.limit(1)).first()
    return build(make, row) if row is not None else None


def every(conn: Connection, make: Callable[..., T], query: AnySelect) -> list[T]:
    """The query's rows, each as a `make`."""
    return [build(make, r) for r in conn.execute(query).all()]


@dataclass(frozen=True, slots=True)
class MentionData:
    id: int
    platform: str
    external_id: str
    source: str
    author_id: int
    text: str
    url: str
    lang: str | None
    created_at: datetime
    ingested_at: datetime
    thread_id: str | None
    parent_id: str | None
    visibility: str | None  # Mastodon's "public" … "direct"; None: public or unknown
    processed: bool
    claimed_until: datetime | None
    first_text: str | None  # the text first read, if the author edited it since (edited_posts)
    on_title: str | None  # the story's or post's title a comment is on (Mention.on_title)

    @property
    def on_shown(self) -> str | None:
        """The title it is on, as the case page shows it (cut short)."""
        return on_shown(self.on_title)


@dataclass(frozen=True, slots=True)
class AuthorData:
    id: int
    platform: str
    external_id: str
    handle: str
    name: str
    followers: int
    do_not_contact: bool
    first_seen: datetime


@dataclass(frozen=True, slots=True)
class ReadingData:
    mention_id: int
    classifier: str
    label: str
    score: float
    lang: str
    topics: str  # comma-separated
    reason: str | None
    frustration: int
    is_question: bool
    advice: bool  # advice to another customer in their thread (bystanders.py)
    created_at: datetime


@dataclass(frozen=True, slots=True)
class CorrectionData:
    """A person's label for a mention."""

    id: int
    mention_id: int
    label: str
    reason: str | None
    corrected_by: str
    corrected_at: datetime
    previous_label: str | None


@dataclass(frozen=True, slots=True)
class CaseData:
    id: int
    mention_id: int
    author_id: int
    rule: str
    status: str  # open | resolved | closed
    priority: int
    assignee: str | None
    opened_at: datetime
    first_response_at: datetime | None
    closed_at: datetime | None
    ticket_ref: str | None
    ticket_url: str | None


@dataclass(frozen=True, slots=True)
class DraftData:
    id: int
    mention_id: int
    case_id: int | None
    kind: str  # private | public
    text: str
    lang: str
    rule: str
    auto: bool
    status: str  # pending | approved | rejected | withdrawn
    created_at: datetime
    decided_at: datetime | None
    decided_by: str | None


@dataclass(frozen=True, slots=True)
class NoteData:
    id: int
    mention_id: int
    case_id: int | None
    author: str
    text: str
    created_at: datetime


@dataclass(frozen=True, slots=True)
class CaseMention:
    """One of a case's mentions, with its reading's label and language (None: not read)."""

    id: int
    text: str
    created_at: datetime
    url: str
    visibility: str | None  # a followers-only or direct one is marked so
    label: str | None
    lang: str | None
    on_title: str | None = None  # the story's or post's title a comment is on

    @property
    def on_shown(self) -> str | None:
        """The title it is on, as the case page shows it (cut short)."""
        return on_shown(self.on_title)


@dataclass(frozen=True, slots=True)
class ThreadPost:
    """A post in the mention's conversation, by whom, in its reading's language if read."""

    id: int
    text: str
    created_at: datetime
    handle: str
    name: str  # the author's display name: the thread badges a possible impostor by it
    lang: str | None
    advice: bool | None  # advice to another customer (None: not read yet)


@dataclass(frozen=True, slots=True)
class PastCase:
    id: int
    status: str
    opened_at: datetime
    rule: str
    platform: str  # of the mention that opened it


@dataclass(frozen=True, slots=True)
class PastReply:
    """An approved reply to another of the author's mentions."""

    text: str
    decided_at: datetime | None
    decided_by: str | None
    platform: str
    kind: str  # public or private: a DM read as a public reply would mislead
    id: int
    mention_id: int
    case_id: int | None
    lang: str  # the reply's language: a screen reader reads it in its own voice
    # Its post in the outbox: held (never sent) or still going reads as such, not as a reply
    # that reached the author; None where none was queued (posted by hand).
    post: PostState | None = None

    @property
    def href(self) -> str:
        """Its case's page (or its mention's), where a held one is sent again."""
        return f"/cases/{self.case_id}" if self.case_id else f"/mentions/{self.mention_id}"


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One of the author's read mentions: the case page's sentiment chart plots it."""

    created_at: datetime
    label: str
    score: float
    platform: str


@dataclass(frozen=True, slots=True)
class SentPost:
    """An approved draft's post as the responder delivered it: when, and the platform's link
    to it where the responder recorded one (none for a private message)."""

    draft_id: int
    delivered_at: datetime
    url: str | None
