"""Who did what on the desk, and people's corrections of readings (kept for retraining).

Approving, rejecting, editing, restoring, assigning and escalating record themselves
(queue.py, casework.py, through audit_trail.write), as do a reply written by hand
(hand_reply.py) and a held reply sent again from the desk (held_replies.py), wherever a person
did them; the rest is recorded here by the desk's and the CLI's handlers."""

from __future__ import annotations

from typing import Unpack

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from mentiondesk.audit_trail import AuditEntry, Filed, write, write_for_draft
from mentiondesk.audit_trail import resent as resent  # the CLI's and the tests' audit.resent
from mentiondesk.contacts import Listing
from mentiondesk.corrections import relabel
from mentiondesk.held_replies import draft_of
from mentiondesk.models import Label
from mentiondesk.queue import NotFound
from mentiondesk.store import Store
from mentiondesk.tables import AUDIT, AUTHOR, CASE, MENTION


def record(store: Store, actor: str, action: str, **filed: Unpack[Filed]) -> None:
    """Append one line to the audit trail, in a transaction of its own."""
    with store.engine.begin() as conn:
        write(conn, actor, action, **filed)


# What is done to a desk login (the People page and `mentiondesk users`), detail its name.
# A do-not-contact listing of a handle nobody has posted from yet, as the trail words it.
UNSEEN = "a handle not seen yet"
LOGIN_ACTIONS = ("user-add", "user-disable", "user-enable", "user-password")


def latest(store: Store, actions: tuple[str, ...], *, limit: int = 10) -> list[AuditEntry]:
    """The latest audit lines of these actions, newest first."""
    query = sa.select(AUDIT).where(AUDIT.c.action.in_(actions))
    with store.engine.connect() as conn:
        rows = conn.execute(query.order_by(AUDIT.c.id.desc()).limit(limit)).all()
    return [AuditEntry(**row._mapping) for row in rows]


def correct_label(
    store: Store, mention_id: int, *, label: str, by: str, reason: str | None = None
) -> str | None:
    """Store a person's label for a mention (for retraining too); return the label it replaces."""
    try:
        return relabel(store, mention_id, Label(label), by=by, reason=reason)
    except LookupError:
        raise NotFound(f"no mention {mention_id}") from None


def record_draft(store: Store, actor: str, action: str, draft_id: int, detail: str = "") -> None:
    """Audit an action on a draft under its mention and case, so the case page shows it."""
    with store.engine.begin() as conn:
        write_for_draft(conn, actor, action, draft_id, detail=detail)


def write_resend(
    conn: Connection,
    actor: str,
    *,
    key: str,
    case_id: int | None,
    held: bool,
    last_error: str | None,
    to: str | None = None,
) -> None:
    """Audit sending an outbox action again (`outbox retry`) in the caller's transaction, so
    that the release and its line land together: a reply's under its draft, so its case page
    shows it, as the desk's "Try sending again" records it."""
    detail = resent(last_error, held=held, to=to)
    draft_id = draft_of(key)
    if draft_id is not None:
        write_for_draft(conn, actor, "retry", draft_id, case_id=case_id, detail=detail)
    else:
        write(conn, actor, "retry", case_id=case_id, detail=detail)


def record_listing(
    store: Store,
    actor: str,
    listing: Listing,
    *,
    listed: bool,
    mention_id: int | None = None,
    case_id: int | None = None,
) -> None:
    """Audit putting an author on (or off) do-not-contact, detail "PLATFORM HANDLE" as stored,
    under the mention it was done from or (from the CLI) the author's latest case or mention,
    so their case page shows it."""
    action = "do-not-contact" if listed else "allow-contact"
    if listing.unseen:  # nobody to file it under: the trail keeps it on its own, unnamed (no
        # author row, so neither `authors forget` nor a purge would ever blank a handle here)
        record(store, actor, action, detail=f"{listing.unseen}: {UNSEEN}")
    if not listing.author_ids:
        return
    with store.engine.connect() as conn:
        author = conn.execute(
            sa.select(AUTHOR.c.platform, AUTHOR.c.handle).where(
                AUTHOR.c.id == listing.author_ids[0]
            )
        ).one()
        if mention_id is None:
            mention_id, case_id = _latest(conn, listing.author_ids)
    detail = f"{author.platform} {author.handle}"
    record(store, actor, action, mention_id=mention_id, case_id=case_id, detail=detail)


def _latest(conn: Connection, author_ids: tuple[int, ...]) -> tuple[int | None, int | None]:
    """(mention, case) of the authors' open case, else their latest case, else their latest
    mention with no case."""
    case = conn.execute(
        sa.select(CASE.c.id, CASE.c.mention_id)
        .where(CASE.c.author_id.in_(author_ids))
        .order_by((CASE.c.status == "open").desc(), CASE.c.id.desc())
        .limit(1)
    ).first()
    if case is not None:
        return case.mention_id, case.id
    latest = sa.select(MENTION.c.id).where(MENTION.c.author_id.in_(author_ids))
    return conn.scalar(latest.order_by(MENTION.c.id.desc()).limit(1)), None
