"""The desk's tables: people, their sessions, what they did, the saved replies they made
(the SQLModel metadata is shared with `tables`, which imports this module, so one
`create_all` makes both)."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from mentiondesk.table_types import TS as _TS
from mentiondesk.table_types import now


class UserRow(SQLModel, table=True):
    __tablename__ = "user"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=64, unique=True)
    role: str = Field(max_length=16)  # agent | manager | admin
    password_hash: str = Field(max_length=256)
    active: bool = True
    created_at: datetime = Field(default_factory=now, sa_type=_TS)
    last_login_at: datetime | None = Field(default=None, sa_type=_TS)  # None: never logged in


class WebSessionRow(SQLModel, table=True):
    __tablename__ = "web_session"

    id: str = Field(primary_key=True, max_length=64)  # sha256 of the cookie value
    user_id: int = Field(foreign_key="user.id", index=True)
    csrf: str = Field(max_length=64)
    created_at: datetime = Field(default_factory=now, sa_type=_TS)
    expires_at: datetime = Field(sa_type=_TS, index=True)


class CorrectionRow(SQLModel, table=True):
    """A person's correction of a reading, kept for retraining (the desk and `relabel` write it)."""

    __tablename__ = "correction"

    id: int | None = Field(default=None, primary_key=True)
    mention_id: int = Field(foreign_key="mention.id", index=True)
    label: str = Field(max_length=16)
    reason: str | None = Field(default=None, max_length=32)
    corrected_by: str = Field(max_length=128)
    corrected_at: datetime = Field(default_factory=now, sa_type=_TS)
    previous_label: str | None = Field(default=None, max_length=16)


class NoteRow(SQLModel, table=True):
    __tablename__ = "note"

    id: int | None = Field(default=None, primary_key=True)
    mention_id: int = Field(foreign_key="mention.id", index=True)
    case_id: int | None = Field(default=None, foreign_key="case.id", index=True)
    author: str = Field(max_length=128)
    text: str = Field(sa_type=sa.Text)
    created_at: datetime = Field(default_factory=now, sa_type=_TS)


class AuditRow(SQLModel, table=True):
    __tablename__ = "audit"
    # The Slack settle pass asks every 30 s for the assignments and restores since its mark.
    __table_args__ = (sa.Index("ix_audit_action_at", "action", "at"),)

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=now, sa_type=_TS)
    actor: str = Field(max_length=128)
    action: str = Field(max_length=32)
    mention_id: int | None = Field(default=None, index=True)
    case_id: int | None = Field(default=None, index=True)
    draft_id: int | None = None
    detail: str = Field(default="", max_length=512)


class SurveyRow(SQLModel, table=True):
    __tablename__ = "survey"
    __table_args__ = (sa.Index("ix_survey_answered", "kind", "answered_at"),)

    id: int | None = Field(default=None, primary_key=True)
    case_id: int | None = Field(default=None, foreign_key="case.id", index=True)
    kind: str = Field(max_length=8)  # csat (1-5) | nps (0-10)
    score: int
    answered_at: datetime = Field(default_factory=now, sa_type=_TS)


class LoginCountRow(SQLModel, table=True):
    """One event a login limit counts (web/login_counts): kept here, not in a desk process,
    so every worker on the database shares the counts and a restart keeps them. Deleted once
    older than the longest window (an hour)."""

    __tablename__ = "login_count"
    __table_args__ = (
        sa.Index("ix_login_count_address", "kind", "address", "name", "at"),
        sa.Index("ix_login_count_name", "kind", "name", "at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=8)  # address (an attempt) | pair, name (a failure)
    address: str = Field(default="", max_length=64)  # "" on a name's failure
    name: str = Field(default="", max_length=64)  # lower-cased; "" on an address's attempt
    at: datetime = Field(sa_type=_TS, index=True)  # the prune deletes by it


class SavedReplyRow(SQLModel, table=True):
    """A saved reply made in the desk (those of `[desk] saved_replies` stay in their file)."""

    __tablename__ = "saved_reply"

    id: str = Field(primary_key=True, max_length=64)  # as the file's ids: in links, unique
    title: str = Field(max_length=120)
    lang: str = Field(max_length=16)
    text: str = Field(sa_type=sa.Text)
    updated_at: datetime = Field(default_factory=now, sa_type=_TS)
    updated_by: str = Field(max_length=128)
    kind: str = Field(default="", max_length=8)  # public | private; "" both (an older row's)


class KeptTextRow(SQLModel, table=True):
    """What a person typed in a refused form of the case page (web/kept_texts), kept for the
    page the refusal redirects to: in the store, not the URL (long, private) nor one worker's
    memory. Gone with the session (logout, expiry) or the mention (erasure, retention)."""

    __tablename__ = "kept_text"

    id: str = Field(primary_key=True, max_length=32)  # the page's ?kept=, random
    session_id: str = Field(
        foreign_key="web_session.id", ondelete="CASCADE", index=True, max_length=64
    )
    mention_id: int = Field(foreign_key="mention.id", ondelete="CASCADE", index=True)
    refusal: str = Field(sa_type=sa.Text)  # refusal.Refusal as JSON: why, where, the text
    created_at: datetime = Field(default_factory=now, sa_type=_TS)


class FlashRow(SQLModel, table=True):
    """What an action said, for the page its redirect lands on (web/flash): shown once, by the
    next GET of `path` in this session, then deleted; not in the URL, where a reload, a
    bookmark or the back button said it again and logs kept it. Gone with the session."""

    __tablename__ = "flash"

    id: int | None = Field(default=None, primary_key=True)
    session_id: str = Field(
        foreign_key="web_session.id", ondelete="CASCADE", index=True, max_length=64
    )
    path: str = Field(max_length=512)  # the redirect's path, without its query
    said: str = Field(sa_type=sa.Text)  # JSON: the notice key and its values, or a form's
    created_at: datetime = Field(sa_type=_TS)


USER = SQLModel.metadata.tables["user"]
WEB_SESSION = SQLModel.metadata.tables["web_session"]
CORRECTION = SQLModel.metadata.tables["correction"]
NOTE = SQLModel.metadata.tables["note"]
AUDIT = SQLModel.metadata.tables["audit"]
SURVEY = SQLModel.metadata.tables["survey"]
LOGIN_COUNT = SQLModel.metadata.tables["login_count"]
SAVED_REPLY = SQLModel.metadata.tables["saved_reply"]
KEPT_TEXT = SQLModel.metadata.tables["kept_text"]
FLASH = SQLModel.metadata.tables["flash"]
