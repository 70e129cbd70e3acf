"""Database tables (SQLModel). The same schema runs on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from mentiondesk.table_types import NEVER_REUSED, now
from mentiondesk.table_types import TS as _TS


class AuthorRow(SQLModel, table=True):
    __tablename__ = "author"
    __table_args__ = (sa.UniqueConstraint("platform", "external_id"), NEVER_REUSED)

    id: int | None = Field(default=None, primary_key=True)
    platform: str = Field(max_length=32)
    external_id: str = Field(max_length=128)
    handle: str = Field(max_length=256)
    name: str = Field(default="", max_length=256)
    followers: int = 0
    do_not_contact: bool = False
    first_seen: datetime = Field(default_factory=now, sa_type=_TS)


class MentionRow(SQLModel, table=True):
    __tablename__ = "mention"
    __table_args__ = (
        sa.UniqueConstraint("platform", "external_id"),
        # Unread mentions as they are claimed: by when posted (Store.claim_unprocessed).
        sa.Index("ix_mention_pending_posted", "processed", "created_at", "id"),
        NEVER_REUSED,
    )

    id: int | None = Field(default=None, primary_key=True)
    platform: str = Field(max_length=32)
    external_id: str = Field(max_length=128)
    source: str = Field(max_length=128)
    author_id: int = Field(foreign_key="author.id", index=True)
    text: str = Field(sa_type=sa.Text)
    url: str = Field(default="", sa_type=sa.Text)
    lang: str | None = Field(default=None, max_length=16)
    created_at: datetime = Field(sa_type=_TS, index=True)
    ingested_at: datetime = Field(default_factory=now, sa_type=_TS)
    thread_id: str | None = Field(default=None, max_length=128)
    parent_id: str | None = Field(default=None, max_length=128)
    # Mastodon's "public" … "direct"; NULL is public or unknown (every other platform).
    # Nullable, so an older store gets it at start-up (schema.py).
    visibility: str | None = Field(default=None, max_length=16)
    processed: bool = False
    claimed_until: datetime | None = Field(default=None, sa_type=_TS)
    # The text first read, once the author edited the post (`text` is the latest): NULL for
    # a post never edited since it was read (edited_posts). Nullable, added at start-up.
    first_text: str | None = Field(default=None, sa_type=sa.Text)
    # The X post id of the version `text` is (an edit's id; NULL: the first, or stored before
    # this column): an edit read later but older than it is not stored over it (edited_posts).
    # Nullable, added at start-up.
    edit_id: str | None = Field(default=None, max_length=128)
    # The title of the story or post a comment is on (Mention.on_title), for the desk's
    # 'on “…”' line; NULL for a post itself. Nullable, added at start-up.
    on_title: str | None = Field(default=None, sa_type=sa.Text)


class ReadingRow(SQLModel, table=True):
    __tablename__ = "reading"

    mention_id: int = Field(foreign_key="mention.id", primary_key=True)
    classifier: str = Field(max_length=64)
    label: str = Field(max_length=16, index=True)
    score: float
    lang: str = Field(max_length=16)
    topics: str = Field(default="", max_length=512)  # comma-separated
    reason: str | None = Field(default=None, max_length=32, index=True)
    frustration: int = 0
    is_question: bool = False
    # Advice to another customer in their thread (bystanders.py): decided as no complaint.
    advice: bool = False
    created_at: datetime = Field(default_factory=now, sa_type=_TS)


class CaseRow(SQLModel, table=True):
    __tablename__ = "case"
    __table_args__ = (sa.Index("ix_case_queue", "status", "priority", "opened_at"), NEVER_REUSED)

    id: int | None = Field(default=None, primary_key=True)
    mention_id: int = Field(foreign_key="mention.id", index=True)
    author_id: int = Field(foreign_key="author.id", index=True)
    rule: str = Field(max_length=128)
    status: str = Field(default="open", max_length=16)  # open | resolved | closed
    priority: int = 0  # higher first: frustration and author reach
    assignee: str | None = Field(default=None, max_length=128)
    opened_at: datetime = Field(default_factory=now, sa_type=_TS)
    first_response_at: datetime | None = Field(default=None, sa_type=_TS)
    closed_at: datetime | None = Field(default=None, sa_type=_TS)
    ticket_ref: str | None = Field(default=None, max_length=256)
    ticket_url: str | None = Field(default=None, sa_type=sa.Text)

    @property
    def number(self) -> str:
        return case_number(self.id or 0)


class FollowUpRow(SQLModel, table=True):
    """A later mention by a case's author, joined to the open case instead of opening another."""

    __tablename__ = "follow_up"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="case.id", index=True)
    mention_id: int = Field(foreign_key="mention.id", unique=True)
    created_at: datetime = Field(default_factory=now, sa_type=_TS)
    # It says the problem is solved (resolution.says_resolved): handled as praise, whatever
    # its reading's label.
    resolves: bool = False


MOST_ID = 2**31 - 1  # PostgreSQL's INTEGER: a larger id is no row's, and a database error


def case_number(case_id: int) -> str:
    """The readable case number shown to people, e.g. MD-000123."""
    return f"MD-{case_id:06d}"


def parse_case_number(text: str) -> int:
    """Accept `MD-000123`, `md-123` or `123`; raise ValueError otherwise."""
    digits = text.strip().upper().removeprefix("MD-")
    if not (digits.isascii() and digits.isdigit()):
        raise ValueError(f"{text!r} is not a case number like MD-000123")
    if len(digits) > 10 or int(digits) > MOST_ID:  # past any id the store can hold
        raise ValueError(f"{text!r} is too large for a case number (MD-000123)")
    return int(digits)


class DraftRow(SQLModel, table=True):
    __tablename__ = "draft"
    __table_args__ = (sa.Index("ix_draft_status", "status", "created_at"), NEVER_REUSED)

    id: int | None = Field(default=None, primary_key=True)
    mention_id: int = Field(foreign_key="mention.id", index=True)
    case_id: int | None = Field(default=None, foreign_key="case.id", index=True)
    kind: str = Field(max_length=16)  # private | public
    text: str = Field(sa_type=sa.Text)
    lang: str = Field(max_length=16)
    rule: str = Field(max_length=128)
    auto: bool = False
    status: str = Field(default="pending", max_length=16)  # pending|approved|rejected|withdrawn
    created_at: datetime = Field(default_factory=now, sa_type=_TS)
    decided_at: datetime | None = Field(default=None, sa_type=_TS)
    decided_by: str | None = Field(default=None, max_length=128)


class OutboxRow(SQLModel, table=True):
    __tablename__ = "outbox"
    __table_args__ = (
        sa.Index("ix_outbox_due", "status", "next_attempt_at"),
        sa.Index("ix_outbox_post", "platform", "external_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(max_length=255, unique=True)
    kind: str = Field(max_length=16)  # alert | ticket | comment | post
    target: str = Field(max_length=128)
    case_id: int | None = Field(default=None, foreign_key="case.id", index=True)
    payload: str = Field(sa_type=sa.Text)  # JSON of the OutboxAction
    status: str = Field(default="pending", max_length=16)  # pending | done | held | dropped
    attempts: int = 0
    next_attempt_at: datetime = Field(default_factory=now, sa_type=_TS)
    lease_until: datetime | None = Field(default=None, sa_type=_TS)
    last_error: str | None = Field(default=None, sa_type=sa.Text)
    created_at: datetime = Field(default_factory=now, sa_type=_TS)
    # The post the key names (`…:PLATFORM:ID…`), for the retention and the erasure to find
    # it by index; platform "" when the key names none. NULL on rows written by a version
    # without the columns: those are matched by key until the retention fills them.
    platform: str | None = Field(default=None, max_length=32)
    external_id: str | None = Field(default=None, max_length=128)


class DeliveryRow(SQLModel, table=True):
    __tablename__ = "delivery"

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(max_length=255, unique=True)
    outbox_id: int = Field(foreign_key="outbox.id", index=True)
    kind: str = Field(max_length=16, index=True)
    target: str = Field(max_length=128)
    # Indexed: a Slack card's every update looks its delivery up by "channel:ts" (erased_cards).
    ref: str | None = Field(default=None, max_length=256, index=True)
    url: str | None = Field(default=None, sa_type=sa.Text)
    delivered_at: datetime = Field(default_factory=now, sa_type=_TS)


class CursorRow(SQLModel, table=True):
    __tablename__ = "cursor"

    source: str = Field(primary_key=True, max_length=128)
    value: str | None = Field(default=None, sa_type=sa.Text)
    updated_at: datetime = Field(default_factory=now, sa_type=_TS)


class SlackSeenRow(SQLModel, table=True):
    """A signed Slack request already accepted, by any worker: a replay until it goes stale."""

    __tablename__ = "slack_seen"

    signature: str = Field(primary_key=True, max_length=80)  # "v0=" + 64 hex: one per request
    expires_at: datetime = Field(sa_type=_TS, index=True)  # its timestamp + Slack's 5 minutes


# Core handles for the hot paths and for typed queries (column expressions, not ORM rows).
AUTHOR = SQLModel.metadata.tables["author"]
MENTION = SQLModel.metadata.tables["mention"]
READING = SQLModel.metadata.tables["reading"]
CASE = SQLModel.metadata.tables["case"]
FOLLOW_UP = SQLModel.metadata.tables["follow_up"]
DRAFT = SQLModel.metadata.tables["draft"]
OUTBOX = SQLModel.metadata.tables["outbox"]
# An action waiting may still go out (it keeps its case and posts from the retention); a
# finished one will not: delivered, or dropped by a person (`outbox drop`).
WAITING = ("pending", "held")
FINISHED = ("done", "dropped")
DELIVERY = SQLModel.metadata.tables["delivery"]
CURSOR = SQLModel.metadata.tables["cursor"]
SLACK_SEEN = SQLModel.metadata.tables["slack_seen"]


# The tables kept in modules of their own, here too so that one import gives every table.
from mentiondesk.tables_desk import (  # noqa: E402
    AUDIT,
    CORRECTION,
    FLASH,
    KEPT_TEXT,
    LOGIN_COUNT,
    NOTE,
    SAVED_REPLY,
    SURVEY,
    USER,
    WEB_SESSION,
)
from mentiondesk.tables_digest import DIGEST_ITEM  # noqa: E402
from mentiondesk.tables_fingerprints import ERASED_POST, FINGERPRINT_KEY, FORGOTTEN  # noqa: E402
from mentiondesk.tables_pace import PACE_TURN  # noqa: E402
from mentiondesk.tables_restarts import STAGE_RESTART  # noqa: E402
from mentiondesk.tables_sources import SOURCE_STATE  # noqa: E402

__all__ = [
    "AUDIT",
    "CORRECTION",
    "DIGEST_ITEM",
    "ERASED_POST",
    "FINGERPRINT_KEY",
    "FLASH",
    "FORGOTTEN",
    "KEPT_TEXT",
    "LOGIN_COUNT",
    "NOTE",
    "PACE_TURN",
    "SAVED_REPLY",
    "SOURCE_STATE",
    "STAGE_RESTART",
    "SURVEY",
    "USER",
    "WEB_SESSION",
]

# Indexes the desk's pages lean on (threads, dashboards over a period, history by author).
# A thread read in date order around a post (a brand's post draws thousands of replies).
sa.Index("ix_mention_thread_created", MENTION.c.thread_id, MENTION.c.created_at, MENTION.c.id)
sa.Index("ix_mention_parent", MENTION.c.parent_id)  # a first post without a thread id
# Covers the dashboard's per-period counts (day, platform) without touching the table's rows.
sa.Index("ix_mention_created_platform", MENTION.c.created_at, MENTION.c.platform)
# Covers "won back" (first negative, last positive per author) and an author's history.
sa.Index("ix_mention_author_created", MENTION.c.author_id, MENTION.c.created_at)
sa.Index("ix_case_opened", CASE.c.opened_at)
sa.Index("ix_outbox_created", OUTBOX.c.created_at)
sa.Index("ix_draft_created", DRAFT.c.created_at)
# A case page matches an author's handle on other platforms case-insensitively.
sa.Index("ix_author_handle_lower", sa.func.lower(AUTHOR.c.handle))
# The queue's header counts cases answered in the last 24 hours.
sa.Index("ix_case_first_response", CASE.c.first_response_at)
