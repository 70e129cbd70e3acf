"""A Freshdesk ticket an agent merged into another (PUT tickets/merge, or Merge in the agent
view): the secondary ticket is Closed with a private note naming the primary ("…merged into
ticket #12"), which holds the conversation from then on. Read as a plain Closed ticket, its
case was resolved while agents still worked the primary; now the case follows the primary
(`lives_on`, merges of merges too): solved when it is, a follow-up noted there.
"""

from __future__ import annotations

from typing import Any

from responders import _helpdesk as desk
from responders._helpdesk_base import GONE, LOOP, MAX_HOPS, Followed, merged_into, read_merged_into
from responders._rest import RestClient

CLOSED = 5


async def note_target(http: RestClient, ticket_id: object) -> str | None:
    """The ticket the last merge note on a Closed ticket names: an agent's note, never an
    incoming message (a customer's words may say "merged … #N" too)."""
    found = None
    for page in range(1, desk.MAX_PAGES + 1):
        params = {"per_page": 100, "page": page}
        items = await http.call("GET", f"tickets/{ticket_id}/conversations", params=params) or []
        for item in items:
            named = merged_into(str(item.get("body_text") or ""))
            if named and not item.get("incoming"):
                found = named
        if len(items) < 100:
            break
    return found


async def lives_on(http: RestClient, ref: str, shown: dict[str, Any] | None = None) -> Followed:
    """The ticket `ref`'s conversation goes on in: itself unless an agent merged it into
    another (Closed, with a merge note), else the last of merges of merges; or None and why
    its case is left open (the primary deleted, or one the key's agent may not see: 403).
    `shown`: the ticket as just read, not read again (the sweep's per-minute budget)."""
    ticket = shown or await http.call("GET", f"tickets/{ref}", missing=(404,))
    if ticket is None:  # archived: Closed for good, no merge of ours to follow
        return Followed({"id": int(ref), "status": CLOSED})
    path = [ref]
    while int(ticket.get("status") or 0) == CLOSED and not ticket.get("archived"):
        target = await note_target(http, ticket["id"])
        if target is None:
            return Followed(ticket)  # closed by an agent, not merged
        if target in path or len(path) > MAX_HOPS:
            return Followed(None, LOOP.format(path=" > ".join([*path, target])))
        found = await _read(http, target)
        if isinstance(found, Followed):
            return found
        ticket = found
        path.append(target)
    return Followed(ticket)


async def _read(http: RestClient, target: str) -> dict[str, Any] | Followed:
    """The primary ticket, an archived one as Closed; a Followed saying why it cannot be."""
    found = await read_merged_into(http, f"tickets/{target}", target)
    if isinstance(found, Followed):
        return found
    if found is None:
        kept = await http.call("GET", f"tickets/archived/{target}", missing=(403, 404))
        return dict(kept) if kept else Followed(None, GONE.format(into=target), gone=target)
    if found.get("deleted") or found.get("spam"):
        return Followed(None, GONE.format(into=target), gone=target)
    return dict(found)
