"""The outbox's claim of follow-ups whose case has no ticket at their desk (outbox_claim):
held untried, each with its line on the case's trail (its ids as data, every desk the case's
tickets went to instead among them) and, once committed, the worker's log line naming them.
"""

from __future__ import annotations

import logging
from typing import Any

import sqlalchemy as sa

from mentiondesk import case_tickets
from mentiondesk.audit_trail import OUTBOX_WORKER
from mentiondesk.case_tickets import desks_list, sends_to
from mentiondesk.outbox_ticket_wait import NoTicket, Said, note_no_ticket, note_stranded
from mentiondesk.tables import OUTBOX, case_number

_LOGGER = logging.getLogger("mentiondesk.outbox")  # the worker's log, where operators look


def without_ticket(
    conn: sa.Connection, rows: list[sa.Row[Any]]
) -> tuple[list[sa.Row[Any]], list[tuple[sa.Row[Any], list[str]]]]:
    """`rows` less the follow-ups whose case has no ticket queued or filed at their desk (case_
    tickets.stranded), and those: held untried, saying what a person can do, each with one
    line on its case's audit trail saying so (by OUTBOX_WORKER). Their ticket was dropped
    (while a worker was sending them, or they were retried without escalating again), so
    each would otherwise wait for it for good, retried every few minutes with no word to
    anyone. Held, a row is claimed no more until a person releases it (`outbox retry`,
    audited too): one line a hold, not one a poll. Each held one comes with the desk its
    ticket went to without it, every one if it did (for the log's hint)."""
    theirs = follow_ups(rows)
    stranded = case_tickets.stranded(conn, theirs) if theirs else {}
    targets = {int(r.id): str(r.target) for r in rows}
    held: dict[int, list[str]] = {}
    for outbox_id, why in stranded.items():
        change = (
            sa.update(OUTBOX)
            .where(OUTBOX.c.id == outbox_id, OUTBOX.c.status == "pending")
            .values(status="held", lease_until=None, attempts=OUTBOX.c.attempts - 1, last_error=why)
            .returning(OUTBOX.c.case_id)
        )
        case_id = conn.execute(change).scalar_one_or_none()
        if case_id is not None:  # ours, leased in this transaction: always, but said once
            held[outbox_id] = _note_held(conn, int(case_id), outbox_id, targets[outbox_id])
    kept = [r for r in rows if int(r.id) not in held]
    return kept, [(r, held[int(r.id)]) for r in rows if int(r.id) in held]


def _note_held(conn: sa.Connection, case_id: int, outbox_id: int, target: str) -> list[str]:
    """The hold's line on the case's trail, by OUTBOX_WORKER, its ids as data worded in the
    reader's language: where the case's ticket there was dropped, as `outbox drop` words its
    own holds (outbox_ticket_wait.STRANDED); else a "hold" of a follow-up with no ticket there
    ever (NoTicket; before, case_tickets.no_ticket's English reason: outbox_old_holds). The
    desks the case's tickets went to instead, every one (a desk per country has one each)."""
    ticket = _dropped_ticket(conn, case_id, target)
    if ticket is None:  # never had one there: its ticket may have gone elsewhere without it
        there = case_tickets.tickets_elsewhere(conn, case_id, target)
        held = NoTicket(outbox_id, target, None, tuple(there))
        note_no_ticket(conn, OUTBOX_WORKER, case_id, held)
        return there
    note_stranded(conn, OUTBOX_WORKER, case_id, Said(outbox_id, ticket, target, "dropped"))
    return []


def _dropped_ticket(conn: sa.Connection, case_id: int, target: str) -> int | None:
    """The case's latest dropped ticket action at `target` (the one `why` names)."""
    query = (
        sa.select(OUTBOX.c.id)
        .where(OUTBOX.c.kind == "ticket", OUTBOX.c.case_id == case_id, OUTBOX.c.target == target)
        .where(OUTBOX.c.status == "dropped")
        .order_by(OUTBOX.c.id.desc())
        .limit(1)
    )
    found = conn.scalar(query)
    return None if found is None else int(found)


def follow_ups(rows: list[sa.Row[Any]]) -> list[tuple[int, int, str]]:
    """(outbox id, case id, desk) of the follow-ups (comments for a case's ticket) in `rows`."""
    return [
        (int(r.id), int(r.case_id), str(r.target))
        for r in rows
        if r.kind == "comment" and r.case_id is not None
    ]


def logged_holds(held: list[tuple[sa.Row[Any], list[str]]]) -> None:
    """The worker's log line for each follow-up held at its claim: ids, never its text;
    with the desks its case's tickets went to without it, the commands that send it there
    (every desk: naming one read as if the other's ticket did not exist)."""
    for row, there in held:
        number = case_number(row.case_id)
        if len(there) == 1:
            _LOGGER.warning(
                "outbox action %d (comment, via %s) of %s held: its case's ticket is at %s now, "
                "sent there without it; `outbox retry %d --to %s` sends it there, or `outbox "
                "drop %d`",
                *(row.id, row.target, number, there[0], row.id, there[0], row.id),
            )
        elif there:
            _LOGGER.warning(
                "outbox action %d (comment, via %s) of %s held: its case's tickets are at %s "
                "now, each sent there without it; %s sends it to the desk whose ticket it "
                "belongs on, or `outbox drop %d`",
                *(row.id, row.target, number, desks_list(there), _sends(row.id, there), row.id),
            )
        else:
            _LOGGER.warning(
                "outbox action %d (comment, via %s) of %s held: its case has no ticket queued "
                "or filed there; escalate the case again and `outbox retry %d`, or `outbox "
                "drop %d`",
                *(row.id, row.target, number, row.id, row.id),
            )


def _sends(outbox_id: int, desks: list[str]) -> str:
    """ "`outbox retry 4 --to rt-pt` or `outbox retry 4 --to zendesk-br`", as the log says it."""
    return sends_to(outbox_id, desks, "outbox retry")
