"""What people do with a case besides answering it: assign it, hand it to the help desk,
leave a note.

Shared by the desk and Slack's buttons, like queue.py; escalating, assigning and a note write
their audit line in their own transaction, as queue.py's actions do.
"""

from __future__ import annotations

import enum
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from mentiondesk.audit_trail import write as audit
from mentiondesk.case_history import stored_mention
from mentiondesk.case_state import cases_of_mention
from mentiondesk.decisions import comment_key
from mentiondesk.models import CaseContext, OutboxAction
from mentiondesk.outbox_payload import free_dropped, outbox_row
from mentiondesk.outbox_ticket_draft import state_now
from mentiondesk.queue import CaseEnded, NotFound, StaleAction, update_open_case
from mentiondesk.store import Store
from mentiondesk.tables import CASE, DRAFT, FOLLOW_UP, MENTION, NOTE, OUTBOX, case_number
from responders._ticket_rows import DRAFT_STATE


class AlreadyEscalated(StaleAction):
    """The case has its ticket for this help desk already: nothing was queued or audited."""


def escalate_case(store: Store, case_id: int, *, by: str, target: str) -> str:
    """Queue a help-desk ticket for an open case (once per case and desk); return its key.
    AlreadyEscalated when it has one: a second click audits nothing, as it sends nothing."""
    now = datetime.now(UTC)
    number = case_number(case_id)
    with store.engine.begin() as conn:
        case = conn.execute(sa.select(CASE).where(CASE.c.id == case_id)).first()
        if case is None:
            raise NotFound(f"no case {number}")
        if case.status != "open":
            raise CaseEnded(case_id, case.status)
        mention, reading = stored_mention(conn, case.mention_id)
        # The reply the author got or is about to get, not one a person rejected.
        draft = conn.execute(
            sa.select(DRAFT.c.id, DRAFT.c.text, DRAFT.c.lang, DRAFT.c.status)
            .where(DRAFT.c.case_id == case_id, DRAFT.c.status.in_(("pending", "approved")))
            .order_by(DRAFT.c.id.desc())
        ).first()
        context = CaseContext(
            mention=mention,
            reading=reading,
            case_number=number,
            draft_id=draft.id if draft else None,
            draft_text=draft.text if draft else None,
            draft_lang=draft.lang if draft else None,  # the ticket says if not the author's
            rule=f"escalated by {by}",
        )
        key = f"ticket:{target}:case:{number}"
        # Labelled by its state ("Reply sent"), not "Drafted reply": an agent must not write
        # again a reply the author got. Told again at delivery (outbox_ticket_draft).
        said = {DRAFT_STATE: state_now(conn, draft.id, draft.status)} if draft else {}
        action = OutboxAction(key=key, kind="ticket", target=target, context=context, extra=said)
        free_dropped(conn, key)  # a ticket a person dropped was never filed: file it now
        stmt = store.insert(OUTBOX).on_conflict_do_nothing(index_elements=["key"])
        # The ticket first, alone, so RETURNING tells whether this click queued it.
        queued = conn.execute(stmt.returning(OUTBOX.c.key), outbox_row(action, case_id, now))
        if queued.first() is None:
            raise AlreadyEscalated(f"case {number} was already escalated to {target}")
        comments = _follow_up_comments(conn, case, target, now)
        if comments:
            conn.execute(stmt, comments)
        audit(conn, by, "escalate", case_id=case_id, detail=target)
    return key


def _follow_up_comments(
    conn: Connection, case: sa.Row[Any], target: str, now: datetime
) -> list[dict[str, object]]:
    """The case's follow-ups so far, to be added to its new ticket as comments (in order)."""
    number = case_number(case.id)
    mention_ids = conn.execute(
        sa.select(FOLLOW_UP.c.mention_id)
        .where(FOLLOW_UP.c.case_id == case.id)
        .order_by(FOLLOW_UP.c.id)
    ).scalars()
    rows = []
    for mention_id in mention_ids:
        mention, reading = stored_mention(conn, mention_id)
        context = CaseContext(
            mention=mention, reading=reading, case_number=number, rule=case.rule, follow_up=True
        )
        key = comment_key(target, number, mention)
        action = OutboxAction(key=key, kind="comment", target=target, context=context)
        rows.append(outbox_row(action, case.id, now))
    return rows


NOTE_MAX = 5000  # characters of an internal note: a page of text


def add_note(store: Store, mention_id: int, *, text: str, by: str) -> int:
    """An internal note on a mention (and its case): never sent anywhere; `by`'s audit line
    commits with it."""
    if not text.strip():
        raise ValueError("the note is empty")
    with store.engine.begin() as conn:
        if conn.scalar(sa.select(MENTION.c.id).where(MENTION.c.id == mention_id)) is None:
            raise NotFound(f"no mention {mention_id}")
        case_id = _case_of(conn, mention_id)
        values = {"mention_id": mention_id, "case_id": case_id, "author": by, "text": text}
        note = conn.execute(sa.insert(NOTE).values(values).returning(NOTE.c.id)).scalar_one()
        audit(conn, by, "note", mention_id=mention_id, case_id=case_id)
    return int(note)


def _case_of(conn: Connection, mention_id: int) -> int | None:
    """The case a mention opened or, as a follow-up, joined (its latest): a note left on a
    follow-up's page belongs on the case page, where colleagues look."""
    case_id = conn.scalar(sa.select(sa.func.max(CASE.c.id)).where(cases_of_mention(mention_id)))
    return None if case_id is None else int(case_id)


class Reassigned(StaleAction):
    """The case is no longer whose the page showed it to be: a colleague took it (or let it go)
    meanwhile, and it stays theirs (nothing changed)."""

    def __init__(self, case_id: int, holder: str | None) -> None:
        super().__init__(f"{case_number(case_id)} is {holder or 'nobody'}'s now")
        self.holder = holder


class Unseen(enum.Enum):
    UNSEEN = enum.auto()  # the caller showed no assignee (Slack, the CLI): no check


def assign_case(
    store: Store,
    case_id: int,
    *,
    assignee: str | None,
    by: str,
    seen: str | Unseen | None = Unseen.UNSEEN,
) -> None:
    """Give an open case to `assignee` (None: to nobody), as `by`; StaleAction when it is not
    open. A case that is `assignee`'s already stays as it is, unaudited: a second click (a
    double click, Slack's retry, a stale page) changed nothing. `seen`, whose the page showed
    the case to be: Reassigned when it is someone else's now, so a page opened before a
    colleague took the case never takes it from them unawares."""
    where = [CASE.c.id == case_id, CASE.c.status == "open"]
    if not isinstance(seen, Unseen):
        where.append(CASE.c.assignee.is_not_distinct_from(seen))
    with store.engine.begin() as conn:
        changed = conn.execute(  # one statement: two racing clicks cannot both see a change
            sa.update(CASE)
            .where(*where, CASE.c.assignee.is_distinct_from(assignee))
            .values(assignee=assignee)
        ).rowcount
        if changed != 1:  # NotFound or CaseEnded, someone else's now, or else nothing to do
            update_open_case(conn, case_id, status=CASE.c.status)  # holds it, or refuses
            holder = conn.scalar(sa.select(CASE.c.assignee).where(CASE.c.id == case_id))
            if holder != assignee:
                raise Reassigned(case_id, holder)
            return
        audit(conn, by, "assign", case_id=case_id, detail=assignee or "nobody")
