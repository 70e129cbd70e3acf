"""Claiming the outbox's due actions for this worker, under a lease (run in a worker thread)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa

from mentiondesk.case_tickets import current_tickets, ticket_targets
from mentiondesk.config import OutboxSection
from mentiondesk.config_desk import case_page
from mentiondesk.models import Brand, OutboxAction, is_private_post
from mentiondesk.outbox_claim_no_ticket import follow_ups, logged_holds, without_ticket
from mentiondesk.outbox_dated import ahead, dated_now, said_ahead
from mentiondesk.outbox_lease import LeaseClock
from mentiondesk.outbox_payload import action_from_payload
from mentiondesk.outbox_record import Claimed
from mentiondesk.outbox_ticket_draft import TICKETS, as_now, drafts_posts
from mentiondesk.outbox_ticket_past import with_past
from mentiondesk.outbox_ticket_wait import logged, note_waits
from mentiondesk.store import Store
from mentiondesk.tables import AUTHOR, CASE, DRAFT, OUTBOX
from playbooks.impostors import posing_as
from responders._settled import SETTLED, settled_extra


def claim(
    store: Store,
    settings: OutboxSection,
    now: datetime,
    only_key: str | None,
    due_by: datetime | None,
    desk_url: str | None,
    brand: Brand | None = None,
    leases: LeaseClock | None = None,
) -> list[Claimed]:
    """`now`: the worker's clock, for what is due; a lease is judged, and its end written, by
    `leases` (outbox_lease; by default the database's clock on PostgreSQL)."""
    leases = leases or LeaseClock(store.dialect == "postgresql", lambda: now)
    lapses = now + timedelta(seconds=settings.lease_seconds)  # by this worker's clock
    # A batch whose every row was held for want of a ticket (without_ticket) is followed by
    # the next one: a drain ends at a claim of nothing, and would leave what is due after
    # them. A loop, not a call again, however many are held in a row; it ends, as each pass
    # holds all it took (at least one row), which no later pass can take again.
    while True:
        free = leases.free(OUTBOX.c.lease_until)  # read again each pass, as each lease's end
        pick = sa.select(OUTBOX.c.id).where(
            OUTBOX.c.status == "pending", OUTBOX.c.next_attempt_at <= (due_by or now), free
        )
        if only_key is not None:
            pick = pick.where(OUTBOX.c.key == only_key)
        pick = pick.order_by(OUTBOX.c.id).limit(settings.batch_size)
        lease = leases.until(settings.lease_seconds)
        with store.engine.begin() as conn:
            ids = list(conn.scalars(pick.with_for_update(skip_locked=True)))
            if not ids:
                return []
            dated = ahead(conn, ids, leases)  # by a fast host's clock: dated anew (outbox_dated)
            # The conditions again: on SQLite the SELECT above locks nothing, so a row another
            # worker leased in between must not be taken twice.
            taken = conn.execute(
                sa.update(OUTBOX)
                .where(OUTBOX.c.id.in_(ids), OUTBOX.c.status == "pending", free)
                .values(lease_until=lease, attempts=OUTBOX.c.attempts + 1, **dated_now(leases))
                .returning(
                    OUTBOX.c.id,
                    OUTBOX.c.kind,
                    OUTBOX.c.lease_until,
                    OUTBOX.c.case_id,
                    OUTBOX.c.target,
                    OUTBOX.c.payload,
                    OUTBOX.c.attempts,
                    OUTBOX.c.created_at,
                )
            ).all()
            rows, held = without_ticket(conn, sorted(taken, key=lambda r: int(r.id)))
            waits = note_waits(conn, follow_ups(rows))  # on the trail once a wait, not a poll
            case_ids = {r.case_id for r in rows if r.case_id is not None}
            tickets = current_tickets(conn, OUTBOX.c.case_id.in_(case_ids)) if case_ids else {}
            linked = [_linked(r, desk_url, tickets.get((r.case_id, r.target))) for r in rows]
            # In the claim's transaction: one connection a claim, not a second from the pool.
            linked = _as_now(conn, [r.case_id for r in rows], linked)
            linked = with_past(conn, [r.case_id for r in rows], linked)
        logged_holds(held)  # once committed: a claim rolled back held nothing
        said_ahead(*dated)
        logged(waits)
        if rows or not taken:
            break
    return [
        Claimed(r.id, r.case_id, _impostor(action, brand), r.lease_until, lapses)
        for r, action in zip(rows, linked, strict=True)
    ]


def _linked(row: sa.Row[Any], desk_url: str | None, ticket_ref: str | None) -> OutboxAction:
    """The stored action with its case's desk link and its ticket at the action's desk: added
    here, at delivery, so an alert queued before `public_url` was set (or the desk moved)
    links to where it is now, and a follow-up knows the ticket filed after it was queued."""
    action = action_from_payload(row.payload, row.attempts, row.created_at)
    url = case_page(desk_url, row.case_id)
    context = replace(action.context, case_url=url or action.context.case_url)
    return replace(action, context=replace(context, ticket_ref=ticket_ref))


def _as_now(
    conn: sa.Connection, case_ids: list[int | None], actions: list[OutboxAction]
) -> list[OutboxAction]:
    """Each alert with its draft's text, and what was settled, as the store has them now: one
    delivered late (its chat was down, pacing held it) must not offer a draft the desk decided,
    or a case it ended, meanwhile, nor show a draft as it was before an edit. A ticket or a
    follow-up's comment alike shows its draft as it is now, labelled by where it stands
    (outbox_ticket_draft): the help desk was down, and its agent would copy a stale one."""
    alerts = {n for n, a in enumerate(actions) if a.kind == "alert" and not a.text_only}
    tickets = {n for n, a in enumerate(actions) if a.kind in TICKETS and a.context.draft_id}
    draft_ids = {actions[n].context.draft_id for n in alerts | tickets} - {None}
    cases = {case_ids[n] for n in alerts} - {None}
    if not draft_ids and not cases:
        return actions
    # Its language too: an alert queued before alerts said it learns it here.
    draft_cols = (
        DRAFT.c.status,
        DRAFT.c.text,
        DRAFT.c.lang,
        DRAFT.c.decided_by,
        DRAFT.c.decided_at,
    )
    drafts = _by_id(conn, DRAFT, draft_ids, draft_cols)
    found = _by_id(conn, CASE, cases, (CASE.c.status, CASE.c.closed_at, CASE.c.assignee))
    escalated = ticket_targets(conn, {c for c in cases if c is not None})
    posts = drafts_posts(conn, {actions[n].context.draft_id for n in tickets} - {None})
    return [
        _told(a, drafts.get(a.context.draft_id), found.get(case_ids[n]), case_ids[n] in escalated)
        if n in alerts
        else as_now(a, drafts.get(a.context.draft_id), posts)
        if n in tickets
        else a
        for n, a in enumerate(actions)
    ]


def _by_id(
    conn: sa.Connection, table: sa.Table, ids: set[Any], cols: tuple[sa.Column[Any], ...]
) -> dict[Any, sa.Row[Any]]:
    """`cols` of the rows of `table` with these ids, by id."""
    if not ids:
        return {}
    rows = conn.execute(sa.select(table.c.id, *cols).where(table.c.id.in_(ids)))
    return {row.id: row for row in rows}


def _told(
    action: OutboxAction, draft: sa.Row[Any] | None, case: sa.Row[Any] | None, escalated: bool
) -> OutboxAction:
    """`action` showing `draft`'s text as it is, told (extra[SETTLED]) what is settled;
    `escalated`: its case has a ticket queued or filed (Escalate would only be refused)."""
    ctx = action.context
    if draft is not None and draft.text is not None:  # and its language, to say if not theirs
        ctx = replace(ctx, draft_text=str(draft.text), draft_lang=draft.lang or ctx.draft_lang)
    said = settled_extra(
        draft=draft.status if draft is not None else None,
        decided_by=draft.decided_by if draft is not None else None,
        decided_at=draft.decided_at if draft is not None else None,
        case=case.status if case is not None else None,
        closed_at=case.closed_at if case is not None else None,
        assigned=bool(case is not None and case.assignee),
        escalated=escalated,
    )
    waits = said["draft"] in (None, "pending") and said["case"] in (None, "open")
    untouched = waits and not said["assigned"] and not escalated
    extra = action.extra if untouched else {**action.extra, SETTLED: said}
    return replace(action, context=ctx, extra=extra)


def _impostor(action: OutboxAction, brand: Brand | None) -> OutboxAction:
    """An alert (or ticket) about a possible impostor of `brand` (playbooks.impostors) with
    what its author resembles, so the chat (or help desk, where the team may see it first)
    says so: told at delivery, as the desk tells it, by `[brand]` as it is now (an own handle
    added to it since is no impostor)."""
    told = action.kind in ("alert", "ticket", "comment") and not action.text_only
    if brand is None or not told:
        return action
    found = posing_as(brand, action.context.mention)
    if found is None:
        return action
    return replace(action, context=replace(action.context, impostor_of=found.term))


def do_not_contact(store: Store, action: OutboxAction) -> bool:
    """Checked again at sending, for what reaches the author alone (the author may have opted
    out after approval): a private message, or a public reply to a followers-only or direct
    post, sent no wider than it (opt_outs.dm_refused's rule)."""
    post = action.kind == "post" and is_private_post(action.context.mention.visibility)
    if not (action.private or post):
        return False
    author = action.context.mention.author
    query = sa.select(AUTHOR.c.do_not_contact).where(
        AUTHOR.c.platform == action.context.mention.platform,
        AUTHOR.c.external_id == author.id,
    )
    with store.engine.connect() as conn:
        return bool(conn.scalar(query))
