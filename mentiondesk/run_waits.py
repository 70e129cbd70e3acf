"""What `run`'s summary ends with: the deliveries a team chat or help desk did not take in this
run, counted by where they go. Those it could not take (down, unreachable, answering errors)
wait in the outbox and are retried; those it refused as a whole (a revoked token, a deleted
webhook) are held until a person fixes it and releases them. Before, the summary said only
"Outbox: 3 waiting to retry" (or "3 held") among its figures and `run --once` exited 0: a cron
job whose Slack was down, or whose token was revoked, read as a good run while the team got
no alerts. Counts and responder names only: no message text is read here."""

from __future__ import annotations

from dataclasses import dataclass, field

import sqlalchemy as sa

from mentiondesk.held_reasons import PERSON_HELD
from mentiondesk.outbox_drain import paced
from mentiondesk.outbox_refused import REFUSED, RESUME
from mentiondesk.store import Store
from mentiondesk.tables import OUTBOX
from mentiondesk.wording import counted

# What each outbox kind is, as a person counts them; any other is an "action".
_NOUNS = {
    "alert": ("alert", "alerts"),
    "post": ("reply", "replies"),
    "ticket": ("ticket", "tickets"),
    "comment": ("follow-up", "follow-ups"),
}


@dataclass(frozen=True, slots=True)
class Waits:
    """The deliveries one responder did not take: how many of each kind, by kind."""

    target: str
    kinds: tuple[tuple[str, int], ...]

    def what(self) -> str:
        """ "2 alerts and 1 reply are", "1 ticket is"."""
        parts = [counted(n, *_NOUNS.get(kind, ("action", "actions"))) for kind, n in self.kinds]
        listed = parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"
        return f"{listed} {'is' if sum(n for _, n in self.kinds) == 1 else 'are'}"


@dataclass(frozen=True, slots=True)
class Left:
    """After a run: what waits to be retried (`retried`) and what a refusal held (`refused`)."""

    retried: list[Waits] = field(default_factory=list)
    refused: list[Waits] = field(default_factory=list)
    paced: list[Waits] = field(default_factory=list)  # nothing failed: queued for their turn

    def lines(self, *, once: bool) -> list[str]:
        """The summary's last lines: one a responder, then when or how they go (`run --once`:
        at the next run, whose exit status says so; listening: as it runs)."""
        lines = [f"{w.what()} waiting for {w.target} and will be retried" for w in self.retried]
        if self.retried:
            when = "at the next run (exit status 75: try again later)" if once else "as it runs"
            lines.append(
                f"→ not delivered yet, retried {when}: see why with mentiondesk outbox list"
            )
        lines += [f"{w.what()} queued for {w.target}, sent at its pace" for w in self.paced]
        if any(kind == "alert" for w in self.paced for kind, _ in w.kinds):
            lines.append(
                "→ too many alerts for the chat? A digest route sends them as one message a "
                'period (docs/chat-and-helpdesks.md: "Alert routes and digests"); add one and '
                "restart, and those queued join it"
            )
        for w in self.refused:
            lines.append(
                f"{w.what()} held: {w.target} refused them (a token or setting to fix); once "
                f"fixed, send them with {RESUME.format(target=w.target)}"
            )
        return lines


def left_waiting(store: Store) -> Left:
    """The pending deliveries whose last try failed (the worker retries them), and the held
    ones a responder's refusal held (outbox_refused.REFUSED), by responder name; apart, those
    only set aside for their turn under the responder's pace (a crisis day's thousands of
    alerts at Slack's 1 a second: "will be retried" read as a chat down). Not a pending one
    never tried yet, nor one a person released (PERSON_HELD's words still on it until its
    try), nor one a person held."""
    error = OUTBOX.c.last_error
    pending = sa.and_(OUTBOX.c.status == "pending", error.is_not(None))
    turn = paced(error)
    retried = sa.and_(
        pending, sa.not_(error.startswith(PERSON_HELD, autoescape=True)), sa.not_(turn)
    )
    refused = sa.and_(OUTBOX.c.status == "held", error.startswith(REFUSED, autoescape=True))
    with store.engine.connect() as conn:
        counted = [_counted(conn, which) for which in (retried, refused, sa.and_(pending, turn))]
    return Left(*counted)


def _counted(conn: sa.Connection, which: sa.ColumnElement[bool]) -> list[Waits]:
    query = (
        sa.select(OUTBOX.c.target, OUTBOX.c.kind, sa.func.count())
        .where(which)
        .group_by(OUTBOX.c.target, OUTBOX.c.kind)
        .order_by(OUTBOX.c.target, OUTBOX.c.kind)
    )
    found: dict[str, list[tuple[str, int]]] = {}
    for target, kind, n in conn.execute(query):
        found.setdefault(str(target), []).append((str(kind), int(n)))
    return [Waits(target, tuple(kinds)) for target, kinds in found.items()]
