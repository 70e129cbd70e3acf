"""Holding, dropping, and having actions look first, by hand (`outbox hold`, `outbox drop`,
`outbox look-first`): after a restore, what went out since the backup is pending again and
must not go twice; a held action that can never go is dropped for good.

Each is one transaction whose UPDATE repeats its conditions, as the worker's claim does, so
a worker claiming at the same moment either takes an action first (and this leaves it) or
finds it changed (and leaves it): never both.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from mentiondesk import case_tickets
from mentiondesk.audit_trail import write, write_for_draft
from mentiondesk.held_replies import draft_of, held_by_person
from mentiondesk.outbox_lease import LeaseClock
from mentiondesk.outbox_ticket_wait import Said, note_stranded
from mentiondesk.store import Store
from mentiondesk.tables import OUTBOX, WAITING, case_number


@dataclass(frozen=True, slots=True)
class Strand:
    """The follow-ups (outbox ids) a drop of their case's ticket held: the ticket's id, the
    case's number and the desk, for the command to say what sends them."""

    ticket: int
    number: str
    target: str
    follow_ups: list[int]


@dataclass(frozen=True, slots=True)
class Done:
    """What a command changed (ids, in order), and why it left each of the others."""

    changed: list[int] = field(default_factory=list)
    refused: dict[int, str] = field(default_factory=dict)
    targets: dict[int, str] = field(default_factory=dict)  # changed id → where it goes
    under_way: list[int] = field(default_factory=list)  # first tries being sent right now
    # Follow-ups held because the ticket they were to go on was dropped (`drop`).
    stranded: list[int] = field(default_factory=list)
    # Held ticket id → the follow-ups waiting for it (`hold`): none goes until it is released.
    waiting: dict[int, list[int]] = field(default_factory=dict)
    # The same follow-ups as `stranded`, by the dropped ticket that held them.
    strands: list[Strand] = field(default_factory=list)


def hold(store: Store, ids: Sequence[int], *, reason: str | None, actor: str) -> Done:
    """Hold these pending actions, recorded as held by `actor` for `reason` (a person's `outbox
    retry` releases one), audited in the same transaction; refuse the others, saying why, and
    change nothing there.

    One a worker has leased is being sent right now: holding it could not stop that send,
    so it is refused (as `retry` leaves a lease alone) rather than waited for."""
    error = held_by_person(actor, reason)[:2000]
    audited = reason or error
    return _mark(store, ids, ("pending",), "held", error, actor=actor, audited=audited)


def drop(store: Store, ids: Sequence[int], *, reason: str | None, actor: str) -> Done:
    """Drop these held or pending actions for good: never sent, kept as "dropped by ACTOR:
    REASON" (the report counts them; the retention may then purge their case), audited in
    the same transaction. The others are refused as `hold` refuses them, a leased one too."""
    error = dropped_by(actor, reason)[:2000]
    return _mark(store, ids, WAITING, "dropped", error, actor=actor, audited=reason or "")


def _mark(
    store: Store,
    ids: Sequence[int],
    statuses: tuple[str, ...],
    status: str,
    error: str,
    *,
    actor: str,
    audited: str,
) -> Done:
    """Move those of `ids` in `statuses` that no worker holds to `status`, recording `error`
    and auditing each ("hold" or "drop", with `audited`) in one transaction; say why the
    others were left."""
    action = "hold" if status == "held" else "drop"
    with store.engine.begin() as conn:
        rows = conn.execute(
            sa.update(OUTBOX)
            .where(OUTBOX.c.id.in_(ids), OUTBOX.c.status.in_(statuses), _free(store))
            .values(status=status, last_error=error, lease_until=None)
            .returning(OUTBOX.c.id, OUTBOX.c.key, OUTBOX.c.kind, OUTBOX.c.case_id, OUTBOX.c.target)
        ).all()
        for row in rows:
            _audit(conn, actor, key=row.key, case_id=row.case_id, reason=audited, action=action)
        refused = _why_not(conn, [i for i in ids if i not in {r.id for r in rows}])
        dropped = [r for r in rows if r.kind == "ticket" and status == "dropped"]
        strands = [
            Strand(int(r.id), case_number(int(r.case_id)), str(r.target), ids)
            for r in dropped
            if (ids := _strand(conn, store, r, actor))
        ]
        held = [r for r in rows if r.kind == "ticket" and status == "held"]
        waiting = {int(r.id): theirs for r in held if (theirs := _follow_ups(conn, r))}
    changed = sorted(int(r.id) for r in rows)
    targets = {int(r.id): str(r.target) for r in rows}
    stranded = sorted(i for strand in strands for i in strand.follow_ups)
    return Done(changed, refused, targets, stranded=stranded, waiting=waiting, strands=strands)


def _follow_ups(conn: sa.Connection, ticket: sa.Row[Any]) -> list[int]:
    """The follow-ups of `ticket`'s case at its desk still to go: they wait for that ticket."""
    query = sa.select(OUTBOX.c.id).where(_follow_ups_of(ticket)).order_by(OUTBOX.c.id)
    return [int(i) for i in conn.scalars(query)]


def _follow_ups_of(ticket: sa.Row[Any]) -> sa.ColumnElement[bool]:
    """The follow-ups (comments) of `ticket`'s case at its desk that are still to go."""
    return sa.and_(
        OUTBOX.c.case_id == ticket.case_id,
        OUTBOX.c.target == ticket.target,
        OUTBOX.c.kind == "comment",
        OUTBOX.c.status.in_(WAITING),
    )


def _strand(conn: sa.Connection, store: Store, ticket: sa.Row[Any], actor: str) -> list[int]:
    """Hold the follow-ups of dropped `ticket`'s case at its desk that case_tickets.stranded
    finds with no ticket there, queued or filed: each would wait for it for good (a follow-up
    waits for its case's ticket to be filed), pending with no word to anyone. Held, its reason
    says what a person can do, and its case's trail that the ticket was dropped. One a worker
    holds is left, as `hold` leaves it: its next claim holds it (outbox_claim), finding no
    ticket for it, by the same rule."""
    case_id, target = ticket.case_id, str(ticket.target)
    if case_id is None:
        return []
    waiting = sa.and_(_follow_ups_of(ticket), _free(store))
    rows = conn.execute(sa.select(OUTBOX.c.id).where(waiting)).all()
    follow_ups = [(int(r.id), int(case_id), target) for r in rows]
    alone = case_tickets.stranded(conn, follow_ups) if follow_ups else {}
    held = []
    for row in rows:
        why = alone.get(int(row.id))
        if why is None:
            continue
        # The conditions again, as the worker's claim repeats its own: never both.
        change = sa.update(OUTBOX).where(OUTBOX.c.id == row.id, waiting)
        if conn.execute(change.values(status="held", last_error=why, lease_until=None)).rowcount:
            # Said as the ticket dropped, not as a hold of `actor`'s: they held nothing.
            said = Said(int(row.id), int(ticket.id), target, "dropped")
            note_stranded(conn, actor, int(case_id), said)
            held.append(int(row.id))
    return sorted(held)


def dropped_by(actor: str, reason: str | None) -> str:
    """What a dropped row's last_error records, as held_replies.held_by_person a hold's."""
    return f"dropped by {actor}: {reason}" if reason else f"dropped by {actor}"


def look_first(store: Store, ids: Sequence[int] | None) -> Done:
    """Count a first attempt for these pending actions (every pending one with `ids` None),
    as a crash after calling out leaves it: a responder that can (`finds_earlier_send`) then
    looks for what an earlier send left before sending. An action tried before already does
    (it is counted as changed, the same at its next try); the others are refused."""
    pending = OUTBOX.c.status == "pending"
    chosen = pending if ids is None else sa.and_(pending, OUTBOX.c.id.in_(ids))
    with store.engine.begin() as conn:
        # attempts = 0 only: a worker's claim counts the attempt in its own UPDATE, so one
        # leased now has attempts ≥ 1 and is left as that worker's (see `under_way`).
        conn.execute(sa.update(OUTBOX).where(chosen, OUTBOX.c.attempts == 0).values(attempts=1))
        leased = sa.not_(_free(store)).label("leased")
        query = sa.select(OUTBOX.c.id, OUTBOX.c.target, OUTBOX.c.attempts, leased)
        rows = conn.execute(query.where(chosen).order_by(OUTBOX.c.id)).all()
        found = {int(r.id) for r in rows}
        refused = {} if ids is None else _why_not(conn, [i for i in ids if i not in found])
    # Leased at attempt 1: a worker took it before this ran and is sending it without
    # looking first (whether it had gone out before shows only on the platform).
    under_way = [int(r.id) for r in rows if r.attempts == 1 and r.leased]
    targets = {int(r.id): str(r.target) for r in rows}
    return Done([int(r.id) for r in rows], refused, targets, under_way)


def _free(store: Store) -> sa.ColumnElement[bool]:
    """No worker holds a lease on it (a lapsed lease is a worker gone), judged as the workers
    judge it (outbox_lease: the database's clock on PostgreSQL, not this host's)."""
    clock = LeaseClock(store.dialect == "postgresql", lambda: datetime.now(UTC))
    return clock.free(OUTBOX.c.lease_until)


def _why_not(conn: sa.Connection, ids: Sequence[int]) -> dict[int, str]:
    """Why each of `ids` was left: it does not exist, was delivered, is held or dropped
    already, or a worker is sending it right now."""
    query = sa.select(OUTBOX.c.id, OUTBOX.c.status, OUTBOX.c.lease_until)
    rows = {int(r.id): r for r in conn.execute(query.where(OUTBOX.c.id.in_(ids))).all()}
    why = {}
    for i in ids:
        row = rows.get(i)
        if row is None:
            why[i] = "no such action"
        elif row.status == "done":
            why[i] = "delivered already"
        elif row.status in ("held", "dropped"):
            why[i] = f"{row.status} already"
        else:
            why[i] = "a worker is sending it right now; see `outbox list` once it is done"
    return why


def _audit(
    conn: sa.Connection,
    actor: str,
    *,
    key: str,
    case_id: int | None,
    reason: str,
    action: str = "hold",
) -> None:
    """A reply held (or dropped: `action`) under its draft, and so its case page, as `outbox
    retry` records one."""
    draft_id = draft_of(key)
    if draft_id is None:
        write(conn, actor, action, case_id=case_id, detail=reason)
    else:
        write_for_draft(conn, actor, action, draft_id, case_id=case_id, detail=reason)
