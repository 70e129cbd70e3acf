"""A follow-up (the author's new words, a comment for the case's help-desk ticket) that waits
for that ticket to be filed: its ticket's action is queued but failed (the help desk is down,
or refused it) and is retried, or held. The follow-up is retried every few minutes meanwhile,
and the case's audit trail said nothing: a support lead saw the ticket without the author's
new words for an hour and no reason why.

One line when a wait begins, and one when the follow-up is sent after it, never one a retry:
the wait's line is its own marker (its detail names both actions, so the same wait finds it
again, after a restart too), as the claim's hold of a follow-up with no ticket is its own
(a held row is claimed no more). No schema change: the audit table is the record.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

import sqlalchemy as sa

from mentiondesk.audit_trail import OUTBOX_WORKER, write
from mentiondesk.case_tickets import current_tickets
from mentiondesk.tables import AUDIT, OUTBOX, case_number

_LOGGER = logging.getLogger("mentiondesk.outbox")  # the worker's log, where operators look

WAIT = "ticket-wait"  # the trail's code: a follow-up began to wait for its case's ticket
WAITED = "ticket-waited"  # and was sent once the ticket was filed
# Both details: "follow-up (action F) … the case's ticket (action T) at TARGET …".
_DETAIL = re.compile(r"^follow-up \(action (\d+)\) .*\(action (\d+)\) at (\S+) ")


@dataclass(frozen=True, slots=True)
class Wait:
    """A follow-up (outbox id) of a case waiting for the case's ticket (its outbox id) there."""

    follow_up: int
    case_id: int
    target: str
    ticket: int


def waiting_detail(wait: Wait) -> str:
    return (
        f"follow-up (action {wait.follow_up}) waits for the case's ticket "
        f"(action {wait.ticket}) at {wait.target} to be filed"
    )


def waited_detail(wait: Wait) -> str:
    return (
        f"follow-up (action {wait.follow_up}) was sent once the case's ticket "
        f"(action {wait.ticket}) at {wait.target} was filed"
    )


def parsed(detail: str) -> tuple[str, str, str] | None:
    """(follow-up id, ticket id, target) of a WAIT or WAITED line's detail."""
    found = _DETAIL.match(detail)
    return None if found is None else (found[1], found[2], found[3])


def note_waits(conn: sa.Connection, follow_ups: list[tuple[int, int, str]]) -> list[Wait]:
    """Of these claimed follow-ups ((outbox id, case id, desk)), those whose case's ticket
    there is queued, not filed, and was tried and failed (or held): each a line on its case's
    trail (by OUTBOX_WORKER) the first time this wait is seen, in the claim's transaction.
    The ones newly noted, for the log once committed. A ticket not tried yet (in this same
    claim, most likely) is no wait worth a line: it is filed in a moment."""
    cases = {case_id for _, case_id, _ in follow_ups}
    if not cases:
        return []
    filed = current_tickets(conn, OUTBOX.c.case_id.in_(cases))
    tickets = _failing_tickets(conn, cases)
    noted = []
    for outbox_id, case_id, target in follow_ups:
        ticket = tickets.get((case_id, target))
        if ticket is None or (case_id, target) in filed:
            continue
        wait = Wait(outbox_id, case_id, target, ticket)
        if _said(conn, case_id, WAIT, waiting_detail(wait)):
            continue  # a retry of the same wait: said once already
        write(conn, OUTBOX_WORKER, WAIT, case_id=case_id, detail=waiting_detail(wait))
        noted.append(wait)
    return noted


def _failing_tickets(conn: sa.Connection, cases: set[int]) -> dict[tuple[int, str], int]:
    """The latest ticket action of each case at each desk that is queued and failed before
    (a last error) or held: (case id, desk) → its outbox id."""
    query = (
        sa.select(OUTBOX.c.id, OUTBOX.c.case_id, OUTBOX.c.target)
        .where(OUTBOX.c.kind == "ticket", OUTBOX.c.case_id.in_(cases))
        .where(
            sa.or_(
                OUTBOX.c.status == "held",
                sa.and_(OUTBOX.c.status == "pending", OUTBOX.c.last_error.is_not(None)),
            )
        )
        .order_by(OUTBOX.c.id)
    )
    return {(int(r.case_id), str(r.target)): int(r.id) for r in conn.execute(query)}


def _said(conn: sa.Connection, case_id: int, action: str, detail: str) -> bool:
    query = sa.select(AUDIT.c.id).where(
        AUDIT.c.case_id == case_id, AUDIT.c.action == action, AUDIT.c.detail == detail
    )
    return conn.execute(query.limit(1)).first() is not None


def logged(waits: list[Wait]) -> None:
    """The worker's log line for each wait newly noted: ids, never the follow-up's words."""
    for w in waits:
        _LOGGER.warning(
            "outbox action %d (comment, via %s) of %s waits for the case's ticket (action %d) "
            "to be filed there; it is retried until then",
            *(w.follow_up, w.target, case_number(w.case_id), w.ticket),
        )


def note_sent(conn: sa.Connection, outbox_id: int, kind: str, case_id: int | None) -> None:
    """A follow-up delivered after its trail said it waits for its ticket: one line saying
    it went, in the delivery's recording transaction (recorded once: the row is done)."""
    if kind != "comment" or case_id is None:
        return
    query = (
        sa.select(AUDIT.c.detail)
        .where(AUDIT.c.case_id == case_id, AUDIT.c.action == WAIT)
        .where(AUDIT.c.detail.startswith(f"follow-up (action {outbox_id}) ", autoescape=True))
        .order_by(AUDIT.c.id.desc())
    )
    detail = conn.scalar(query.limit(1))
    found = parsed(detail) if detail else None
    if found is None:
        return
    wait = Wait(outbox_id, case_id, found[2], int(found[1]))
    if not _said(conn, case_id, WAITED, waited_detail(wait)):
        write(conn, OUTBOX_WORKER, WAITED, case_id=case_id, detail=waited_detail(wait))
