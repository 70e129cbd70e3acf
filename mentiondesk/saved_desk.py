"""Saved replies made in the desk (its Saved replies page): kept in `saved_reply`, checked as
the file's are (saved_replies.check_reply, before they get here), each change audited in its
own transaction. The case page reads them on each view, so every worker shows a change at
once; the file's replies stay in their file, and their ids stay theirs."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from mentiondesk.audit_trail import write
from mentiondesk.models import text_digest
from mentiondesk.saved_replies import SavedReply
from mentiondesk.store import Store
from mentiondesk.tables import SAVED_REPLY

# The audit trail's actions on them, detail "ID TITLE" (an id has no spaces).
ADDED, EDITED, DELETED = "saved-reply-add", "saved-reply-edit", "saved-reply-delete"
ACTIONS = (ADDED, EDITED, DELETED)


@dataclass(frozen=True)
class StoredReply:
    """A desk-made saved reply as stored, with who changed it last and when."""

    id: str
    title: str
    lang: str
    text: str
    updated_at: datetime
    updated_by: str
    kind: str = ""  # "public", "private": offered by those boxes only; "": both

    @property
    def version(self) -> str:
        """What a page that shows it carries: an edit or delete from it is refused once the
        reply changed since (a colleague's edit is never overwritten unread)."""
        stamp = self.updated_at.astimezone(UTC).isoformat()
        return text_digest("\n".join((stamp, self.title, self.lang, self.text)))

    def values(self) -> dict[str, str]:
        """As saved_replies.check_reply and the picker take it."""
        return {
            "id": self.id,
            "title": self.title,
            "lang": self.lang,
            "text": self.text,
            "kind": self.kind,
        }


class Taken(ValueError):
    """The id is in use: by the file (`by_file`), which the desk cannot change, or by
    another desk-made reply."""

    def __init__(self, reply_id: str, *, by_file: bool) -> None:
        super().__init__(f"the id {reply_id!r} is taken")
        self.by_file = by_file


class Changed(Exception):
    """The reply was edited or deleted since the page showed it; `now`: as it stands (None:
    deleted)."""

    def __init__(self, now: StoredReply | None) -> None:
        super().__init__("the saved reply changed since the page showed it")
        self.now = now


def stored_replies(store: Store) -> list[StoredReply]:
    """Every desk-made reply, by title (the picker lists them after the file's)."""
    query = sa.select(SAVED_REPLY).order_by(SAVED_REPLY.c.title, SAVED_REPLY.c.id)
    with store.engine.connect() as conn:
        return [_stored(row) for row in conn.execute(query)]


def stored_reply(store: Store, reply_id: str) -> StoredReply | None:
    with store.engine.connect() as conn:
        return _find(conn, reply_id)


def add_reply(store: Store, reply: SavedReply, *, by: str, reserved: Collection[str]) -> None:
    """Store a new reply; Taken when the file (`reserved`: its ids) or the desk has its id."""
    if reply.id in reserved:
        raise Taken(reply.id, by_file=True)
    values = _row(reply, by)
    try:
        with store.engine.begin() as conn:
            conn.execute(sa.insert(SAVED_REPLY).values(values))
            write(conn, by, ADDED, detail=f"{reply.id} {reply.title}")
    except sa.exc.IntegrityError:  # on the page already, or a colleague added it just now
        raise Taken(reply.id, by_file=False) from None


def edit_reply(store: Store, reply: SavedReply, *, seen: str, by: str) -> None:
    """Replace a reply's title, language and text, if it is still as shown (`seen`, its
    version then); Changed otherwise."""
    with store.engine.begin() as conn:
        now = _unchanged(conn, reply.id, seen)
        values = _row(reply, by)
        if not conn.execute(_same(now).values(values)).rowcount:
            raise Changed(_find(conn, reply.id))  # a colleague saved between the two
        write(conn, by, EDITED, detail=f"{reply.id} {reply.title}")


def delete_reply(store: Store, reply_id: str, *, seen: str, by: str) -> None:
    """Delete a reply, if it is still as shown (`seen`); Changed otherwise."""
    with store.engine.begin() as conn:
        now = _unchanged(conn, reply_id, seen)
        if not conn.execute(sa.delete(SAVED_REPLY).where(*_as_read(now))).rowcount:
            raise Changed(_find(conn, reply_id))
        write(conn, by, DELETED, detail=f"{now.id} {now.title}")


def _row(reply: SavedReply, by: str) -> dict[str, Any]:
    """The row's values; a reply for both kinds is stored with kind "" (NOT NULL: the
    column is added to an older database with that default)."""
    return {
        **reply.model_dump(),
        "kind": reply.kind or "",
        "updated_at": datetime.now(UTC),
        "updated_by": by,
    }


def _unchanged(conn: Connection, reply_id: str, seen: str) -> StoredReply:
    now = _find(conn, reply_id)
    if now is None or now.version != seen:
        raise Changed(now)
    return now


def _as_read(row: StoredReply) -> tuple[sa.ColumnElement[bool], ...]:
    """The row only if no one wrote it since it was read (on SQLite too, which has no
    SELECT … FOR UPDATE)."""
    return (SAVED_REPLY.c.id == row.id, SAVED_REPLY.c.updated_at == row.updated_at)


def _same(row: StoredReply) -> sa.Update:
    return sa.update(SAVED_REPLY).where(*_as_read(row))


def _find(conn: Connection, reply_id: str) -> StoredReply | None:
    row = conn.execute(sa.select(SAVED_REPLY).where(SAVED_REPLY.c.id == reply_id)).first()
    return _stored(row) if row else None


def _stored(row: Any) -> StoredReply:
    return StoredReply(
        row.id, row.title, row.lang, row.text, row.updated_at, row.updated_by, row.kind
    )
