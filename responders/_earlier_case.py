"""A ticket under a reused case number filed for an earlier case of the same author.

After a restore (or on a new database) case numbers restart, and the author tag
(`_helpdesk.owner_tag`) names the author, not the case: the new case of an author who had an
old ticket under the same number took that ticket as its own, and its follow-ups went into
a ticket of before the restore. What tells them apart is time: a ticket filed before the
case's first post was posted cannot be this case's. Each desk gives when a ticket was
filed (Zendesk's and Freshdesk's `created_at`, RT's `Created`) on every ticket mentiondesk
filed before this, so the old tickets already there are told too, which a new tag or key
could not do; a database id or the case's opening time would be restored with the rest.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from mentiondesk.models import FatalError, OutboxAction, utc
from responders import _helpdesk as desk

# Clocks: the platform's (when a post was posted) and the help desk's (when a ticket was
# filed). A case's ticket is filed after its post is read, minutes after at the least.
LEEWAY = timedelta(minutes=10)


def case_began(action: OutboxAction) -> datetime:
    """When the case's earliest post we know of was posted: the case began then or before
    (a follow-up knows the last few of the case's posts, not always the first)."""
    ctx = action.context
    return min(utc(m.created_at) for m in (*ctx.earlier, ctx.mention))


def filed_before(action: OutboxAction, ticket: dict[str, Any], field: str = "created_at") -> bool:
    """Whether `ticket` was filed before this case began: an earlier case's under the same
    number. Never the case's recorded ticket, nor one whose time the desk did not give."""
    if str(ticket["id"]) == action.context.ticket_ref:
        return False
    filed = _when(ticket.get(field))
    return filed is not None and filed < case_began(action) - LEEWAY


def own_tickets(
    name: str,
    action: OutboxAction,
    number: str,
    tickets: list[dict[str, Any]],
    field: str = "created_at",
) -> list[dict[str, Any]]:
    """`_helpdesk.own_tickets`, but a ticket filed before the case began is none of its own,
    whoever's author tag it has: where none is, the action is held as for another customer's
    ticket (and a person's `outbox retry --reused-numbers` files its own beside)."""
    before = [filed_before(action, t, field) for t in tickets]
    earlier = [t for t, old in zip(tickets, before, strict=True) if old]
    later = [t for t, old in zip(tickets, before, strict=True) if not old]
    mine = desk.own_tickets(name, action, number, later)
    if earlier and not mine and not desk.beside(action):
        raise earlier_case(name, str(earlier[0]["id"]), number)
    return mine


def owned(name: str, action: OutboxAction, number: str, created: dict[str, Any]) -> None:
    """`_helpdesk.owned`, and not an earlier case's ticket either: an idempotency key replayed
    answers with the ticket first made under it, which may be from before the restore."""
    if filed_before(action, created):
        raise earlier_case(name, str(created["id"]), number)
    desk.owned(name, action, number, created)


def earlier_case(name: str, ref: str, number: str) -> FatalError:
    """Held, not written into an earlier case's ticket: in the words of another customer's
    (`_helpdesk.not_this_case`), which `outbox retry --reused-numbers` knows it by."""
    why = str(desk.not_this_case(name, ref, number)).split(": ", 1)[1]  # from REUSED on
    return FatalError(
        f"{name} ticket {ref} under {number} was filed before this case began, for an earlier "
        f"case of the same author: {why}"
    )


def _when(value: object) -> datetime | None:
    """A desk's ISO 8601 time ("2026-03-01T10:00:00Z"), as UTC; None when it gave none."""
    if not isinstance(value, str) or not value:
        return None
    try:
        return utc(datetime.fromisoformat(value.replace("Z", "+00:00")))
    except ValueError:
        return None
