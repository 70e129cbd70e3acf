"""The trail's "hold" lines of a follow-up held for want of its case's ticket, as English
words: how `outbox drop` (under the one who dropped the ticket) and the outbox's claim (under
OUTBOX_WORKER) wrote them before a line kept its ids as data (outbox_ticket_wait.Said, and
NoTicket for a case that never had a ticket at that desk). Their detail is case_tickets.no_
ticket's reason, so the desk read "A fila de envio reteve uma ação, sem enviar: no ticket for
this follow-up …" on a pt-PT page, for holds made before the upgrade.

Those words were ours, so their shapes are known: read back here into ids (as the data the
claim writes now is), and worded for the reader by web/audit_ticket_waits. A detail of any
other shape (a person's `--reason`, one cut short at the trail's 512 characters) is None, and
reads as written.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import sqlalchemy as sa

from mentiondesk.case_tickets import stranded, ticket_targets
from mentiondesk.outbox_admin import Waiting
from mentiondesk.outbox_ticket_wait import NoTicket as NoTicket  # read_no_ticket's, as before
from mentiondesk.outbox_ticket_wait import read_held
from mentiondesk.store import Store
from mentiondesk.tables import OUTBOX

# Both releases' reason: "no ticket for this follow-up of MD-000001 at zd: WHY … then
# `mentiondesk outbox retry 7`; or `mentiondesk outbox drop 7`" (the follow-up's id twice).
_NO_TICKET = re.compile(
    r"^no ticket for this follow-up of \S+ at (?P<target>\S+): (?P<why>.*) then "
    r"`mentiondesk outbox retry (?P<me>\d+)`; or `mentiondesk outbox drop (?P=me)`$",
    re.S,
)
# WHY, its ticket dropped: "the case's ticket (action 5) was dropped by cli:ops; it would
# wait …" (and, the first release, "… dropped by cli:ops, so it would wait for it …").
_DROPPED = re.compile(r"^the case's ticket \(action (?P<ticket>\d+)\) was dropped by ")
# WHY, no ticket there ever.
_NONE = "the case has none queued or filed there; "


def read_no_ticket(detail: str) -> NoTicket | None:
    """What a "hold" line's detail records of a follow-up held for want of its ticket: as
    data (outbox_ticket_wait.NoTicket, as the claim writes it now) or as case_tickets.no_
    ticket's reason (as it did before); None for any other detail."""
    if detail.startswith("{"):
        return read_held(detail)
    found = _NO_TICKET.match(detail)
    if found is None:
        return None
    why, follow_up, target = found["why"], int(found["me"]), found["target"]
    if why.startswith(_NONE):
        return NoTicket(follow_up, target, None)
    dropped = _DROPPED.match(why)
    return None if dropped is None else NoTicket(follow_up, target, int(dropped["ticket"]))


# A held follow-up's error, whatever release wrote it (case_tickets.no_ticket's opening).
_HELD_NO_TICKET = "no ticket for this follow-up of "


def todays_words(store: Store, rows: Sequence[Waiting]) -> dict[int, str]:
    """The error of each held follow-up among `rows` that waits for its case's ticket, as
    `outbox retry ID` would say it now (case_tickets.stranded, from the store as it is), by
    id. A row keeps the words of the release that held it until it is claimed again, which
    a held one never is: held before an upgrade, `outbox list` told an operator to "escalate
    MD-000001 to zd again" (a second ticket, at a desk maybe gone) where today's words name
    the desk its ticket went to (`--to fd`)."""
    held = [r for r in rows if r.status == "held" and r.kind == "comment"]
    held = [r for r in held if (r.last_error or "").startswith(_HELD_NO_TICKET)]
    if not held:
        return {}
    ids = [r.id for r in held]
    with store.engine.connect() as conn:
        query = sa.select(OUTBOX.c.id, OUTBOX.c.case_id).where(OUTBOX.c.id.in_(ids))
        cases = {int(i): int(c) for i, c in conn.execute(query) if c is not None}
        asked = [(r.id, cases[r.id], r.target) for r in held if r.id in cases]
        now = stranded(conn, asked)
        there = ticket_targets(conn, set(cases.values()))
    words = {}
    for outbox_id, case_id, target in asked:
        if outbox_id in now:
            words[outbox_id] = now[outbox_id]
        elif target in there.get(case_id, set()):  # escalated again since: retry sends it
            words[outbox_id] = (
                f"held for want of a ticket at {target}; its case has one there now: "
                f"`mentiondesk outbox retry {outbox_id}` sends it"
            )
    return words
