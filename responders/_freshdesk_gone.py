"""A case's Freshdesk ticket that search no longer finds: archived, or deleted.

On plans with the feature, a Closed ticket left alone for 120 days is archived: read-only for
good, left out of search ("Archived tickets will not be included in the results"), shown only
by `GET tickets/archived/{id}` (`"archived": true`); a plan without it answers that endpoint
403 `require_feature`. An author's e-mail to an archived ticket becomes a new ticket, and so
does a follow-up here (see FreshdeskResponder), as after a ticket deleted (in the trash,
`"deleted": true`, which takes no note: 405, or gone for good: 404).
"""

from __future__ import annotations

from typing import Any

from mentiondesk.models import FatalError, Wording
from responders._escape import html_text
from responders._helpdesk_base import earlier_ticket as earlier_words
from responders._rest import RestClient

CLOSED = 5


async def earlier(http: RestClient, ref: str | None, number: str) -> tuple[int, str] | None:
    """What became of the case's recorded ticket `ref` when search finds none of case
    `number`'s: (its id, "archived" or "deleted"); None while it is there to add to (search
    lags minutes behind a new ticket), or without a ref (`recorded_id`). A ticket marked as
    spam holds the follow-up for a person: filing the spammer anew is theirs to decide."""
    if ref is None:
        return None
    kept = await http.call("GET", f"tickets/archived/{ref}", missing=(403, 404))
    if kept:  # another case's (a ref not this desk's) is none of ours: it waits
        return (int(ref), "archived") if number in (kept.get("tags") or []) else None
    ticket = await http.call("GET", f"tickets/{ref}", missing=(404,))
    if ticket and ticket.get("spam"):
        raise FatalError(f"freshdesk ticket {ref} of {number} was marked as spam; not filed")
    if ticket is None or ticket.get("deleted"):
        return int(ref), "deleted"
    return None


async def status(http: RestClient, ref: str) -> tuple[int, str | None, dict[str, Any] | None]:
    """Ticket `ref`'s status, and why its case cannot resolve while it stays so (None where it
    can): Closed when it is archived; 0 and "not found" when it is gone for good, so one such
    ticket does not stop the sync of every other case's. A ticket in the trash or marked as
    spam is still shown by id, with the status it had: said too, or its case would wait
    silently on a ticket no agent works on any more."""
    ticket = await http.call("GET", f"tickets/{ref}", missing=(404,))
    if ticket is not None:  # itself too: a Closed one may be merged (_freshdesk_merged)
        return int(ticket.get("status") or 0), _binned(ticket), ticket
    found = await http.call("GET", f"tickets/archived/{ref}", missing=(403, 404))
    return (CLOSED, None, None) if found else (0, "was not found (deleted?)", None)


def _binned(ticket: dict[str, object]) -> str | None:
    """What an agent did to a ticket shown by id that leaves its case open for good."""
    if ticket.get("deleted"):
        return "is in the trash (deleted)"
    return "was marked as spam" if ticket.get("spam") else None


def earlier_ticket(base: str, ticket: tuple[int, str], wording: Wording) -> str:
    """The new ticket's first line: the ticket it follows, linked. Freshdesk's agent pages
    send /helpdesk/tickets/{id} of an archived ticket on to its archive view."""
    ticket_id, became = ticket
    url = f"{base}/helpdesk/tickets/{ticket_id}"
    label, text = earlier_words(wording, ticket_id, became)
    return f'<p><b>{html_text(label)}:</b> <a href="{html_text(url)}">{html_text(text)}</a></p>'
