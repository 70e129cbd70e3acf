"""A case's ticket at each help desk: the one its latest delivery there went on (a ticket, or a
follow-up's comment). A follow-up filed anew, after a closed or archived ticket, replaces the
one it follows; a case escalated to two desks has one at each."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from mentiondesk.table_types import now
from mentiondesk.tables import CASE, DELIVERY, OUTBOX, case_number

Tickets = dict[tuple[int, str], str]  # (case id, responder name) → ticket ref
LOCAL = "local:"  # the local help desk's refs: the case list in this store, no ticket elsewhere
# A delivery row of no action's: an agent merged the case's ticket into another there, which
# the case follows from then on (`moved_ticket`), as if its latest delivery had gone there.
MERGED = "merged"


def current_tickets(conn: Connection, cases: Any) -> Tickets:
    """The current ticket of each case `cases` selects (a condition on OUTBOX.c.case_id, or
    joined tables), per help desk."""
    return {(case_id, target): ref for case_id, target, ref, _ in delivered(conn, cases)}


def delivered(conn: Connection, cases: Any) -> list[tuple[int, str, str, str | None]]:
    """(case id, responder name, ticket ref, link) of every delivery to a help-desk ticket of
    the cases `cases` selects, oldest first: a ticket once per follow-up added to it."""
    query = (
        sa.select(OUTBOX.c.case_id, DELIVERY.c.target, DELIVERY.c.ref, DELIVERY.c.url)
        .join(OUTBOX, OUTBOX.c.id == DELIVERY.c.outbox_id)
        .where(cases, DELIVERY.c.kind.in_(("ticket", "comment", MERGED)))
        .where(DELIVERY.c.ref.is_not(None))
        .order_by(DELIVERY.c.delivered_at, DELIVERY.c.id)
    )
    return [(int(c), target, str(ref), url) for c, target, ref, url in conn.execute(query)]


def moved_ticket(
    conn: Connection, insert: Any, *, case_id: int, target: str, ref: str, into: tuple[str, str]
) -> None:
    """Case `case_id` follows ticket `into` ((ref, link)) at desk `target`, which its ticket
    `ref` was merged into: a MERGED delivery row on the action that filed `ref` (so the
    sweep, a follow-up and the desk page take it as the case's ticket), and the case's own
    ticket where it was `ref`. `insert`: the store's dialect insert into DELIVERY; a sweep
    that finds the move again adds nothing."""
    filed = conn.scalar(
        sa.select(DELIVERY.c.outbox_id)
        .join(OUTBOX, OUTBOX.c.id == DELIVERY.c.outbox_id)
        .where(OUTBOX.c.case_id == case_id, DELIVERY.c.target == target, DELIVERY.c.ref == ref)
        .order_by(DELIVERY.c.id.desc())
        .limit(1)
    )
    if filed is None:
        return
    row = {"key": f"{MERGED}:{target}:{ref}:{into[0]}"[:255], "outbox_id": filed, "kind": MERGED}
    row |= {"target": target, "ref": into[0], "url": into[1], "delivered_at": now()}
    conn.execute(insert.on_conflict_do_nothing(index_elements=["key"]).values(row))
    conn.execute(
        sa.update(CASE)
        .where(CASE.c.id == case_id, CASE.c.ticket_ref == ref)
        .values(ticket_ref=into[0], ticket_url=into[1])
    )


def ticket_targets(conn: Connection, case_ids: set[int]) -> dict[int, set[str]]:
    """The help desks each case has a ticket queued or filed with (one a person dropped was
    neither: a follow-up's comment on it would wait for a ticket that never comes)."""
    if not case_ids:
        return {}
    rows = conn.execute(
        sa.select(OUTBOX.c.case_id, OUTBOX.c.target).where(
            OUTBOX.c.kind == "ticket",
            OUTBOX.c.case_id.in_(case_ids),
            OUTBOX.c.status != "dropped",
        )
    )
    found: dict[int, set[str]] = {}
    for case_id, target in rows:
        found.setdefault(int(case_id), set()).add(target)
    return found


def stranded(conn: Connection, follow_ups: list[tuple[int, int, str]]) -> dict[int, str]:
    """Of these follow-ups ((outbox id, case id, desk)), those whose case has no ticket queued
    or filed at their desk, each with why it is held and what a person can do: its ticket was
    dropped (a drop while a worker sent it, or `outbox retry` before escalating again), so
    it would wait for one that never comes."""
    cases = {case_id for _, case_id, _ in follow_ups}
    live = ticket_targets(conn, cases)
    filed = current_tickets(conn, OUTBOX.c.case_id.in_(cases)) if cases else {}
    alone = [
        (i, c, t) for i, c, t in follow_ups if t not in live.get(c, set()) and (c, t) not in filed
    ]
    reasons = {}
    for i, c, t in alone:
        dropped = _dropped(conn, c, t)
        there = [] if dropped else moved_desks(live, filed, c, t)
        reasons[i] = no_ticket(c, t, i, dropped, elsewhere=there or None)
    return reasons


def tickets_elsewhere(conn: Connection, case_id: int, target: str) -> list[str]:
    """Every other desk where the case has a ticket instead of at `target`, by name (moved
    there without its follow-ups: `outbox retry TICKET --to` before they went with it; or
    escalated to a desk per country): the hold's line keeps them all (outbox_ticket_wait.
    NoTicket), as the row's reason (`no_ticket`) names them all."""
    live = ticket_targets(conn, {case_id})
    filed = current_tickets(conn, OUTBOX.c.case_id == case_id)
    return moved_desks(live, filed, case_id, target)


def moved_desks(live: dict[int, set[str]], filed: Tickets, case_id: int, target: str) -> list[str]:
    """Every other desk where the case has a ticket queued or filed, by name: a brand with a
    desk per country escalates a case to each, and a hint naming one read as if the other's
    ticket did not exist."""
    desks = live.get(case_id, set()) | {t for c, t in filed if c == case_id}
    return sorted(desks - {target})


def desks_list(desks: Sequence[str], last: str = "and") -> str:
    """ "rt-pt", "rt-pt and zendesk-br", "a, b and c": as the CLI's English reads a list
    (`last`: "or" for a choice of one of them)."""
    if len(desks) < 2:
        return "".join(desks)
    return f"{', '.join(desks[:-1])} {last} {desks[-1]}"


def sends_to(me: int, desks: Sequence[str], command: str = "mentiondesk outbox retry") -> str:
    """The commands that send follow-up `me` to one of `desks`, as a choice: "`… --to a`",
    "`… --to a` or `… --to b`", "`… --to a`, `… --to b` or `… --to c`"."""
    return desks_list([f"`{command} {me} --to {d}`" for d in desks], "or")


def _dropped(conn: Connection, case_id: int, target: str) -> tuple[int, str] | None:
    """The case's latest dropped ticket at `target`: its action id and how it was dropped."""
    query = (
        sa.select(OUTBOX.c.id, OUTBOX.c.last_error)
        .where(OUTBOX.c.kind == "ticket", OUTBOX.c.case_id == case_id, OUTBOX.c.target == target)
        .where(OUTBOX.c.status == "dropped")
        .order_by(OUTBOX.c.id.desc())
    )
    row = conn.execute(query).first()
    return None if row is None else (int(row.id), str(row.last_error or "dropped"))


def no_ticket(
    case_id: int,
    target: str,
    me: int,
    dropped: tuple[int, str] | None,
    *,
    elsewhere: str | Sequence[str] | None = None,
) -> str:
    """Why follow-up `me` of the case is held with no ticket at `target` to go on, and what a
    person can do. `dropped`: the case's ticket action there and its "dropped by …" note;
    `elsewhere`: the desk(s) its ticket went to instead (escalating again to `target`, maybe
    gone from config.toml, would file a second ticket: it follows the ticket instead)."""
    number = case_number(case_id)
    desks = [elsewhere] if isinstance(elsewhere, str) else list(elsewhere or ())
    if len(desks) == 1:
        return (
            f"no ticket for this follow-up of {number} at {target}: the case's ticket is at "
            f"{desks[0]} now, sent there without it; send it there too with `mentiondesk "
            f"outbox retry {me} --to {desks[0]}`; or `mentiondesk outbox drop {me}`"
        )[:2000]
    if desks:  # one at each: the operator picks the desk the author's words belong at
        return (
            f"no ticket for this follow-up of {number} at {target}: the case's tickets are at "
            f"{desks_list(desks)} now, each sent there without it; send it to the desk whose "
            f"ticket it belongs on with {sends_to(me, desks)}; or drop it with `mentiondesk "
            f"outbox drop {me}`"
        )[:2000]
    why = (
        f"the case's ticket (action {dropped[0]}) was {dropped[1]}"
        if dropped
        else "the case has none queued or filed there"
    )
    return (
        f"no ticket for this follow-up of {number} at {target}: {why}; it would wait for one "
        f"for good. To file the case's ticket, escalate {number} to {target} again (its desk "
        f"page), then `mentiondesk outbox retry {me}`; or `mentiondesk outbox drop {me}`"
    )[:2000]
