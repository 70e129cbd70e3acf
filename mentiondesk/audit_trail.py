"""Writing one line of the audit trail, in the transaction of the change it records.

Its own module, with no imports from the glue (held_reasons has none either), so that
queue.py and casework.py (which audit.py itself imports) can record their actions where they
make them: the desk, the CLI and Slack's buttons then all leave exactly one line, or none
when the change fails.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TypedDict

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from mentiondesk.held_reasons import held_reason
from mentiondesk.tables import AUDIT, DRAFT

# Who the trail says held an action the outbox worker held by itself, at its claim (a
# follow-up with no ticket to go on: outbox_claim), in the "hold" line a person's hold writes.
OUTBOX_WORKER = "outbox"
# The kind of reason (as held_reason's) of a follow-up held with no ticket to go on, and how
# its row's error begins (case_tickets.no_ticket).
NO_TICKET = "no-ticket"
_NO_TICKET_ERROR = "no ticket for this follow-up "


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One audit line as read back (the AUDIT table's columns)."""

    id: int
    at: datetime
    actor: str
    action: str
    mention_id: int | None
    case_id: int | None
    draft_id: int | None
    detail: str


class Filed(TypedDict, total=False):
    """Where an audit line is filed (a case page shows its mention's and case's lines) and
    what it says: `write`'s keywords, for the helpers that pass them on."""

    mention_id: int | None
    case_id: int | None
    draft_id: int | None
    detail: str


def write(
    conn: Connection,
    actor: str,
    action: str,
    *,
    mention_id: int | None = None,
    case_id: int | None = None,
    draft_id: int | None = None,
    detail: str = "",
) -> None:
    """Append one line to the audit trail in the caller's transaction: with the change it
    records, or not at all."""
    values = {
        "at": datetime.now(UTC),
        "actor": actor[:128],
        "action": action,
        "mention_id": mention_id,
        "case_id": case_id,
        "draft_id": draft_id,
        "detail": detail[:512],
    }
    conn.execute(sa.insert(AUDIT).values(values))


def write_for_draft(
    conn: Connection,
    actor: str,
    action: str,
    draft_id: int,
    *,
    case_id: int | None = None,
    detail: str = "",
) -> None:
    """One audit line about a draft, filed under its mention and case so that the case page
    shows it; `case_id` stands in where the draft is gone (erased or purged since)."""
    row = conn.execute(
        sa.select(DRAFT.c.mention_id, DRAFT.c.case_id).where(DRAFT.c.id == draft_id)
    ).first()
    mention_id, case_id = (row.mention_id, row.case_id) if row else (None, case_id)
    write(
        conn,
        actor,
        action,
        mention_id=mention_id,
        case_id=case_id,
        draft_id=draft_id,
        detail=detail,
    )


def resent(last_error: str | None, *, held: bool = True, to: str | None = None) -> str:
    """The detail of sending an outbox action again, saying what was done: "sent again
    after being held: <the kind of reason>" (held_reason's: "dms-closed"; the desk's case
    page words it for its reader). The kind, not the error: a platform's words may quote
    the reply or a token, and the trail is kept long after the row. A follow-up held for
    want of its case's ticket is NO_TICKET: held_reason would call it refused by the
    platform, which never saw it."""
    done = "sent again" + (f" through {to}" if to else "")
    if not held:
        return done
    no_ticket = (last_error or "").startswith(_NO_TICKET_ERROR)
    return f"{done} after being held: {NO_TICKET if no_ticket else held_reason(last_error)}"
