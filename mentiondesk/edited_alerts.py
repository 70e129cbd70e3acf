"""The alerts and tickets an edited post's new reading asks for (edited_reread): a post read as
a question, then edited into an urgent complaint, reaches the team as the complaint would
have. Only what was never queued for the mention goes: an alert is one per chat and rule, a
ticket one per case and help desk, so nothing already sent is sent again."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from mentiondesk.case_history import case_tails, earlier, stored_mention
from mentiondesk.case_tickets import ticket_targets
from mentiondesk.decisions import OutboxPlan, outbox_key
from mentiondesk.models import CaseContext, OutboxAction
from mentiondesk.outbox_payload import outbox_row
from mentiondesk.tables import CASE, DRAFT, OUTBOX, case_number


def queue_new(
    conn: Connection,
    mention_id: int,
    case_id: int | None,
    plans: Sequence[OutboxPlan],
    now: datetime,
) -> int:
    """Queue the alerts and tickets in `plans` the mention has not had yet; return how many."""
    ticketed = ticket_targets(conn, {case_id}).get(case_id, set()) if case_id else set()
    # A ticket needs a case (escalate opens one) and goes once per desk.
    wanted = [p for p in plans if p.kind == "alert" or (case_id and p.target not in ticketed)]
    if not wanted:
        return 0
    mention, reading = stored_mention(conn, mention_id)  # the new reading, just stored
    number = case_number(case_id) if case_id else None
    keyed = {outbox_key(p, mention, number): p for p in wanted}
    had = set(conn.scalars(sa.select(OUTBOX.c.key).where(OUTBOX.c.key.in_(list(keyed)))))
    draft = conn.execute(
        sa.select(DRAFT.c.id, DRAFT.c.text, DRAFT.c.lang)
        .where(DRAFT.c.mention_id == mention_id, DRAFT.c.status == "pending")
        .order_by(DRAFT.c.id)
    ).first()
    opener = conn.scalar(sa.select(CASE.c.mention_id).where(CASE.c.id == case_id))
    # Only the posts `earlier` reads: a re-read post of a long case need not load all of it.
    history = case_tails(conn, {case_id: {mention_id}}).get(case_id, []) if case_id else []
    rows = []
    for key, plan in keyed.items():
        if key in had:
            continue
        context = CaseContext(
            mention=mention,
            reading=reading,
            case_number=number,
            draft_id=draft.id if draft else None,
            draft_text=draft.text if draft else None,
            draft_lang=draft.lang if draft else None,
            rule=plan.rule,
            follow_up=opener is not None and opener != mention_id,
            earlier=earlier(history, mention_id) if plan.kind == "ticket" else (),
        )
        action = OutboxAction(key=key, kind=plan.kind, target=plan.target, context=context)
        rows.append(outbox_row(action, case_id, now))
    if rows:
        conn.execute(sa.insert(OUTBOX), rows)
    return len(rows)
