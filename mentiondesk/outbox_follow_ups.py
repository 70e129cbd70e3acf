"""The follow-ups that go with a case's ticket sent to another help desk (`outbox retry TICKET
--to NAME`), and the check that a follow-up sent elsewhere alone has a ticket there.

A follow-up (the author's new words: a comment for the case's ticket) waits at its ticket's
desk until that ticket is filed. Moving only the ticket left its follow-ups aimed at the old
desk, where no ticket would ever be filed: the outbox held each as "no ticket for this
follow-up" (case_tickets.stranded) and the help desk never got the author's new words. They
go with it now, under the same key scheme (`comment:NAME:case:…`), in the move's
transaction: all of them or, refused, none, the ticket included.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from mentiondesk import audit
from mentiondesk.case_tickets import stranded, ticket_targets
from mentiondesk.held_reasons import PERSON_HELD
from mentiondesk.outbox_admin import Refused, Stored, shift
from mentiondesk.outbox_lease import LeaseClock
from mentiondesk.outbox_ticket_wait import Said, note_moved_held
from mentiondesk.tables import OUTBOX, WAITING, case_number
from mentiondesk.wording import counted


@dataclass(frozen=True, slots=True)
class FollowUps:
    """The follow-ups moved with a ticket; `held`: those a person held, moved still held."""

    moved: tuple[int, ...] = ()
    held: tuple[int, ...] = ()

    def said(self) -> str:
        """The end of the command's line: ', and its 2 follow-ups (7, 8)'; '' for none."""
        if not self.moved:
            return ""
        text = f", and its {counted(len(self.moved), 'follow-up')} ({_ids(self.moved)})"
        if not self.held:
            return text
        one = len(self.held) == 1
        it, stay = ("it", "stays") if one else ("them", "stay")
        retry = " ".join(map(str, self.held))
        return (
            f"{text}; {_ids(self.held)} {stay} held, as a person held {it}: "
            f"`mentiondesk outbox retry {retry}` releases {it}"
        )


def move_with(
    conn: sa.Connection, ticket: Stored, to: str, *, actor: str, cannot: str | None, instead: str
) -> FollowUps:
    """Move the follow-ups waiting for `ticket` (pending or held, at its desk) to `to`, in the
    caller's transaction, each released one with its line on the case's trail, as `actor`
    sending it again through `to` (one a person held stays held, nothing sent: its line says
    it went along, held).
    `cannot`: why `to` takes no comments ("(kind x) takes ticket, not comment"), None if it
    does; `instead`: the responders that take both. Refused, naming them, where they cannot
    go: `to` takes no comments, a worker is trying one right now, or `to` has one already."""
    if ticket.kind != "ticket" or ticket.case_id is None:
        return FollowUps()
    rows = _waiting(conn, ticket.case_id, ticket.target)
    if not rows:
        return FollowUps()
    ids = tuple(int(r.id) for r in rows)
    them = f"the case's {counted(len(ids), 'follow-up')} waiting for this ticket ({_ids(ids)})"
    if cannot is not None:
        raise Refused(f"{to!r} {cannot}: {them} could not go with it; use one of: {instead}")
    if busy := _leased(conn, ids):
        raise Refused(
            f"{them}: {_ids(busy)} is being tried at {ticket.target} right now; nothing was "
            "moved: try again in a minute"
        )
    held = tuple(int(r.id) for r in rows if _person_held(r))
    for row in rows:
        try:
            shift(conn, row, to, held=int(row.id) in held)
        except Refused as exc:
            raise Refused(f"follow-up {row.id} of this ticket: {exc}") from None
        if int(row.id) not in held:
            _audited(conn, actor, row, to)
        else:  # not sent, so no "sent again" line: one saying it went along, still held
            said = Said(int(row.id), ticket.id, to, "moved")
            note_moved_held(conn, actor, ticket.case_id, said)
    return FollowUps(ids, held)


def _audited(conn: sa.Connection, actor: str, row: sa.Row[Any], to: str) -> None:
    was_held, error = row.status == "held", row.last_error
    audit.write_resend(
        conn, actor, key=row.key, case_id=row.case_id, held=was_held, last_error=error, to=to
    )


def check_ticket_there(conn: sa.Connection, row: Stored, to: str) -> None:
    """A follow-up sent to `to` alone, whose case has no ticket queued or filed there, would
    be held again at its next claim: Refused, naming the ticket to send there instead."""
    if row.kind != "comment" or row.case_id is None:
        return
    if not stranded(conn, [(row.id, row.case_id, to)]):
        return
    number = case_number(row.case_id)
    ticket = _ticket_at(conn, row.case_id, row.target)
    desks = sorted(ticket_targets(conn, {row.case_id}).get(row.case_id, set()) - {to})
    if ticket is not None:
        fix = (
            f"send its ticket there instead (`mentiondesk outbox retry {ticket} --to {to}`): "
            "its follow-ups go with it"
        )
    elif desks:  # its ticket went on alone (an earlier release's move): it follows it there
        fix = f"its ticket is at {_either(desks)}: " + " or ".join(
            f"`mentiondesk outbox retry {row.id} --to {desk}`" for desk in desks
        )
    else:
        fix = f"escalate {number} to {to} first"
    raise Refused(
        f"action {row.id} is a follow-up of {number}, which has no ticket at {to} to add it "
        f"to (it would only be held again); {fix}"
    )


def _waiting(conn: sa.Connection, case_id: int, target: str) -> list[sa.Row[Any]]:
    """The case's follow-ups not yet sent to `target`, locked for the move, oldest first."""
    query = (
        sa.select(OUTBOX)
        .where(OUTBOX.c.kind == "comment", OUTBOX.c.case_id == case_id)
        .where(OUTBOX.c.target == target, OUTBOX.c.status.in_(WAITING))
        .order_by(OUTBOX.c.id)
        .with_for_update()
    )
    return list(conn.execute(query))


def _leased(conn: sa.Connection, ids: tuple[int, ...]) -> tuple[int, ...]:
    """Those of `ids` a worker holds a live lease on (judged by the workers' clock): moving
    one mid-send could see it sent at both desks."""
    now = datetime.now(UTC)
    clock = LeaseClock(conn.dialect.name == "postgresql", lambda: now)
    live = sa.and_(OUTBOX.c.lease_until.is_not(None), ~clock.free(OUTBOX.c.lease_until))
    query = sa.select(OUTBOX.c.id).where(OUTBOX.c.id.in_(ids), live).order_by(OUTBOX.c.id)
    return tuple(int(i) for i in conn.scalars(query))


def _person_held(row: sa.Row[Any]) -> bool:
    return row.status == "held" and str(row.last_error or "").startswith(PERSON_HELD)


def _ticket_at(conn: sa.Connection, case_id: int, target: str) -> int | None:
    """The case's ticket action still waiting at `target` (its follow-up's desk), if any."""
    query = (
        sa.select(OUTBOX.c.id)
        .where(OUTBOX.c.kind == "ticket", OUTBOX.c.case_id == case_id)
        .where(OUTBOX.c.target == target, OUTBOX.c.status.in_(WAITING))
        .order_by(OUTBOX.c.id.desc())
        .limit(1)
    )
    found = conn.scalar(query)
    return None if found is None else int(found)


def _either(desks: list[str]) -> str:
    """ "fd", "fd or hs": each desk the case's ticket is at, for the operator to choose."""
    return " or ".join(desks)


def _ids(ids: tuple[int, ...]) -> str:
    return ", ".join(map(str, ids))
