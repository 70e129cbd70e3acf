"""Freshdesk's archived tickets. On plans with the feature, a Closed ticket left alone for 120
days is archived: read-only for good, left out of search ("Archived tickets will not be
included in the results"), shown only by `GET tickets/archived/{id}` (`"archived": true`).
A plan without it answers that endpoint 403 `require_feature`. An author's e-mail to an
archived ticket becomes a new ticket, and so does a follow-up here (see FreshdeskResponder).
"""

from __future__ import annotations

from typing import Any

from mentiondesk.models import Wording
from responders._escape import html_text
from responders._rest import RestClient

CLOSED = 5


async def archived(http: RestClient, ref: str | None, number: str) -> dict[str, Any] | None:
    """The case's recorded ticket `ref` where Freshdesk archived it, and it is case `number`'s
    (tagged with it): another sink's ref is not. None otherwise, a plan without archiving too."""
    if not ref or not ref.isdigit():
        return None
    ticket = await http.call("GET", f"tickets/archived/{ref}", missing=(403, 404))
    if not ticket or number not in (ticket.get("tags") or []):
        return None
    return dict(ticket)


async def status(http: RestClient, ref: str) -> int | None:
    """Ticket `ref`'s status: Closed when it is archived, None when it is gone (deleted for
    good), so one such ticket does not stop the sync of every other case's."""
    ticket = await http.call("GET", f"tickets/{ref}", missing=(404,))
    if ticket is not None:
        return int(ticket.get("status") or 0)
    found = await http.call("GET", f"tickets/archived/{ref}", missing=(403, 404))
    return CLOSED if found else None


def earlier_ticket(base: str, ticket_id: int, wording: Wording) -> str:
    """The new ticket's first line: the archived one it follows, linked. Freshdesk's agent
    pages send /helpdesk/tickets/{id} of an archived ticket on to its archive view."""
    url = f"{base}/helpdesk/tickets/{ticket_id}"
    label = html_text(wording.t("Earlier ticket"))
    text = html_text(wording.t("{id} (archived)", id=ticket_id))
    return f'<p><b>{label}:</b> <a href="{html_text(url)}">{text}</a></p>'
