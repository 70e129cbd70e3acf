"""A follow-up (the author's new words, a comment for the case's help-desk ticket) that waits
for that ticket to be filed: its ticket's action is queued but failed (the help desk is down,
or refused it) and is retried, or held. The follow-up is retried every few minutes meanwhile,
and the case's audit trail said nothing: a support lead saw the ticket without the author's
new words for an hour and no reason why.

One line when a wait begins, and one when the follow-up is sent after it, never one a retry;
a ticket held by a person is a wait of its own (nothing files it until someone releases it),
and so is a ticket dropped (`outbox drop` holds its follow-ups: outbox_hold). Each line's
detail is the wait's ids as data (`Said`, JSON), never words: the wait's marker (the same
wait finds it again, after a restart too) and the line after the send are read back from it,
and web/audit_lines words it for its reader, so rewording a sentence can never break either.
No schema change: the audit table is the record.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import asdict, dataclass
from typing import Literal, get_args

import sqlalchemy as sa

from mentiondesk.audit_trail import OUTBOX_WORKER, write
from mentiondesk.case_tickets import current_tickets
from mentiondesk.held_reasons import PERSON_HELD
from mentiondesk.tables import AUDIT, OUTBOX, case_number

_LOGGER = logging.getLogger("mentiondesk.outbox")  # the worker's log, where operators look

WAIT = "ticket-wait"  # the trail's code: a follow-up began to wait for its case's ticket
WAITED = "ticket-waited"  # and was sent once the ticket was filed
STRANDED = "ticket-dropped-hold"  # held as its case's ticket was dropped (by the actor)
MOVED_HELD = "ticket-moved-hold"  # a follow-up a person held went with its ticket, still held
# The ticket's state the line records: WAIT's "failing" (retried) or "held" (by a person, or
# a refusal: only `outbox retry` releases it), WAITED's "filed", STRANDED's "dropped",
# MOVED_HELD's "moved" (to `target`, by the actor: `outbox retry TICKET --to`).
State = Literal["failing", "held", "filed", "dropped", "moved"]
# How a release before the ids were kept as data wrote WAIT and WAITED: read back, never
# written again, so rewording the lines cannot touch it.
_OLD_DETAIL = re.compile(r"^follow-up \(action (\d+)\) .*\(action (\d+)\) at (\S+) ")


@dataclass(frozen=True, slots=True)
class Said:
    """What a line records (its detail): the follow-up's and the ticket's outbox ids, their
    desk, and the ticket's state then."""

    follow_up: int
    ticket: int
    target: str
    state: State

    def detail(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, separators=(",", ":"))


@dataclass(frozen=True, slots=True)
class Wait:
    """A follow-up (outbox id) of a case waiting for the case's ticket (its outbox id) there,
    `held` or failing."""

    follow_up: int
    case_id: int
    target: str
    ticket: int
    held: bool = False

    def said(self) -> Said:
        return Said(self.follow_up, self.ticket, self.target, "held" if self.held else "failing")


@dataclass(frozen=True, slots=True)
class NoTicket:
    """A follow-up (outbox id) held with no ticket at `target` to go on: the case's ticket
    there (its outbox id) was dropped, or `ticket` is None: it never had one. `elsewhere`:
    the desk(s) the case's tickets went to without it (an older `outbox retry TICKET --to`,
    or a case escalated to a desk per country): one desk is kept as its name, as every line
    before several were kept did, several as a tuple (`desks` reads either). The outbox's
    claim writes it as data (`detail`) on a "hold" line; an older release wrote its English
    reason there (outbox_old_holds reads both)."""

    follow_up: int
    target: str
    ticket: int | None
    elsewhere: str | tuple[str, ...] | None = None

    def __post_init__(self) -> None:
        # One shape per meaning, so that a line read back equals the one written.
        desks = self.desks
        object.__setattr__(self, "elsewhere", desks[0] if len(desks) == 1 else desks or None)

    @property
    def desks(self) -> tuple[str, ...]:
        """Every desk the case's tickets went to without it, in the order kept."""
        there = self.elsewhere
        return () if there is None else (there,) if isinstance(there, str) else tuple(there)

    def detail(self) -> str:
        data = asdict(self)
        if self.elsewhere is None:  # as before there was one: the same line, the same data
            del data["elsewhere"]
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


_HELD_KEYS = {"follow_up", "target", "ticket"}


def read_held(detail: str) -> NoTicket | None:
    """What a "hold" line's detail written as NoTicket's data records; None for any other.
    Its desks elsewhere: one name (every line before several were kept), or a list."""
    try:
        data = json.loads(detail)
        ticket, elsewhere = data["ticket"], _desks(data.get("elsewhere"))
        held = NoTicket(int(data["follow_up"]), str(data["target"]), ticket, elsewhere)
    except (ValueError, TypeError, KeyError, AttributeError):
        return None
    fits = ticket is None or (isinstance(ticket, int) and not isinstance(ticket, bool))
    return held if fits and set(data) - {"elsewhere"} == _HELD_KEYS else None


def _desks(kept: object) -> str | tuple[str, ...] | None:
    """A line's desks elsewhere as NoTicket keeps them; ValueError for anything else."""
    if kept is None or isinstance(kept, str):
        return kept
    if isinstance(kept, list) and kept and all(isinstance(d, str) for d in kept):
        return tuple(kept)
    raise ValueError(f"not a desk or a list of desks: {kept!r}")


def note_no_ticket(conn: sa.Connection, actor: str, case_id: int, held: NoTicket) -> None:
    """The "hold" line of a follow-up held with no ticket at its desk to go on, as data."""
    write(conn, actor, "hold", case_id=case_id, detail=held.detail())


def read(detail: str) -> Said | None:
    """What a WAIT, WAITED, STRANDED or MOVED_HELD line's detail records; None for any
    other detail."""
    if not detail.startswith("{"):
        return _read_old(detail)
    try:
        data = json.loads(detail)
        said = Said(int(data["follow_up"]), int(data["ticket"]), str(data["target"]), data["state"])
    except (ValueError, TypeError, KeyError):
        return None
    return said if said.state in get_args(State) else None


def _read_old(detail: str) -> Said | None:
    """A line as a release before the ids were kept as data wrote it (WAIT or WAITED)."""
    old = _OLD_DETAIL.match(detail)
    if old is None:
        return None
    state: State = "failing" if " waits for " in detail else "filed"
    return Said(int(old[1]), int(old[2]), old[3], state)


def note_stranded(conn: sa.Connection, actor: str, case_id: int, said: Said) -> None:
    """The line of a follow-up held because `actor` dropped its case's ticket (outbox_hold):
    under the one who dropped it, saying so; not a "hold" of theirs, which they never made."""
    write(conn, actor, STRANDED, case_id=case_id, detail=said.detail())


def note_moved_held(conn: sa.Connection, actor: str, case_id: int, said: Said) -> None:
    """The line of a follow-up a person held that went with its ticket to `said.target`
    (outbox_follow_ups), under the one who sent it there: still held, it is not sent, and
    without a line the trail said only that the ticket moved."""
    write(conn, actor, MOVED_HELD, case_id=case_id, detail=said.detail())


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
        wait = Wait(outbox_id, case_id, target, *ticket)
        if wait.said() in _said(conn, case_id, WAIT):
            continue  # a retry of the same wait: said once already
        write(conn, OUTBOX_WORKER, WAIT, case_id=case_id, detail=wait.said().detail())
        noted.append(wait)
    return noted


def _failing_tickets(
    conn: sa.Connection, cases: set[int]
) -> dict[tuple[int, str], tuple[int, bool]]:
    """The latest ticket action of each case at each desk that is queued and failed before
    (a last error) or held: (case id, desk) → (its outbox id, whether it is held). One a
    person just released keeps their hold's note as its error: not tried since, it has not
    failed (it is filed in a moment, or fails and is a wait then)."""
    held = OUTBOX.c.status == "held"
    failed = sa.and_(
        OUTBOX.c.status == "pending",
        OUTBOX.c.last_error.is_not(None),
        ~OUTBOX.c.last_error.startswith(PERSON_HELD, autoescape=True),
    )
    query = (
        sa.select(OUTBOX.c.id, OUTBOX.c.case_id, OUTBOX.c.target, held.label("held"))
        .where(OUTBOX.c.kind == "ticket", OUTBOX.c.case_id.in_(cases), sa.or_(held, failed))
        .order_by(OUTBOX.c.id)
    )
    rows = conn.execute(query)
    return {(int(r.case_id), str(r.target)): (int(r.id), bool(r.held)) for r in rows}


def _said(conn: sa.Connection, case_id: int, action: str) -> list[Said]:
    """What the case's `action` lines record, oldest first (a case has a few at most)."""
    query = sa.select(AUDIT.c.detail).where(AUDIT.c.case_id == case_id, AUDIT.c.action == action)
    found = (read(str(d)) for d in conn.scalars(query.order_by(AUDIT.c.id)))
    return [s for s in found if s is not None]


def logged(waits: list[Wait]) -> None:
    """The worker's log line for each wait newly noted: ids, never the follow-up's words."""
    for w in waits:
        number = case_number(w.case_id)
        if w.held:  # nothing files a held ticket: say what does
            _LOGGER.warning(
                "outbox action %d (comment, via %s) of %s waits for the case's ticket (action "
                "%d), which is held: `outbox retry %d` releases it; until then it is retried",
                *(w.follow_up, w.target, number, w.ticket, w.ticket),
            )
            continue
        _LOGGER.warning(
            "outbox action %d (comment, via %s) of %s waits for the case's ticket (action %d) "
            "to be filed there; it is retried until then",
            *(w.follow_up, w.target, number, w.ticket),
        )


def note_sent(conn: sa.Connection, outbox_id: int, kind: str, case_id: int | None) -> None:
    """A follow-up delivered after its trail said it waits for its ticket: one line saying
    it went, in the delivery's recording transaction (recorded once: the row is done)."""
    if kind != "comment" or case_id is None:
        return
    waits = [s for s in _said(conn, case_id, WAIT) if s.follow_up == outbox_id]
    if not waits:
        return
    # Its desk now: one it waited at and was sent elsewhere from (`outbox retry --to`) went
    # on the ticket there, not on one at the desk the wait names.
    sent_to = conn.scalar(sa.select(OUTBOX.c.target).where(OUTBOX.c.id == outbox_id))
    target = waits[-1].target if sent_to is None else str(sent_to)
    sent = Said(outbox_id, waits[-1].ticket, target, "filed")
    if sent not in _said(conn, case_id, WAITED):
        write(conn, OUTBOX_WORKER, WAITED, case_id=case_id, detail=sent.detail())
