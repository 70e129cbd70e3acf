"""A Zendesk ticket an agent merged into another: closed, tagged `closed_by_merge`, its last
comment the merge note naming the ticket it went into ("…merged into request #12 …"). The
conversation goes on there, so the case follows it: its solved state is that ticket's, and
a follow-up is commented on it (`lives_on` follows merges of merges to the last one).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from responders._helpdesk_base import GONE, LOOP, MAX_HOPS, Followed, merged_into, read_merged_into
from responders._rest import RestClient

SOLVED = {"solved", "closed"}  # the statuses an agent ends a conversation with
MERGED = "closed_by_merge"  # the tag Zendesk puts on a ticket an agent merged into another
UNNAMED = (
    "was merged into another ticket, not solved; case left open: resolve it on its desk "
    "page once that ticket is solved"
)


def merged(ticket: dict[str, Any]) -> bool:
    return MERGED in (ticket.get("tags") or ())


async def into(http: RestClient, ticket_id: object) -> str | None:
    """The ticket a merged one went into, by its merge note: its last comment, as a closed
    ticket takes no other (newest first, one comment read)."""
    params = {"sort_order": "desc", "page[size]": 1}
    page = await http.call("GET", f"tickets/{ticket_id}/comments.json", params=params) or {}
    comments = page.get("comments") or []
    return merged_into(str(comments[0].get("body") or "")) if comments else None


async def lives_on(http: RestClient, ticket: dict[str, Any]) -> Followed:
    """The ticket a merged one's conversation goes on in (itself when not merged), or None and
    why its case is left open: the merge note names no ticket, the one named was deleted or
    the token's agent may not see it (403: another brand's, or a group it is not in)."""
    path = [str(ticket["id"])]
    while merged(ticket):
        target = await into(http, ticket["id"])
        if target is None:
            return Followed(None, UNNAMED)
        if target in path or len(path) > MAX_HOPS:
            return Followed(None, LOOP.format(path=" > ".join([*path, target])))
        found = await read_merged_into(http, f"tickets/{target}.json", target)
        if isinstance(found, Followed):
            return found
        if not found or not found.get("ticket"):
            return Followed(None, GONE.format(into=target), gone=target)
        ticket = found["ticket"]
        path.append(target)
    return Followed(ticket)


async def solved(
    http: RestClient,
    tickets: list[dict[str, Any]],
    unread: Callable[[str, str], None],
    moved: dict[str, str],
) -> set[str]:
    """Of tickets merged into others, those whose conversation ended: closed by the merge,
    it goes on in the ticket it went into (Zendesk's own reports leave `closed_by_merge`
    out of solved ones), whose state is the case's, and where the case moves (`moved`).
    One whose target cannot be followed leaves its case open, said once (`unread`)."""
    found: set[str] = set()
    for ticket in tickets:
        ref = str(ticket["id"])
        into, why, _ = await lives_on(http, ticket)
        if into is None:
            unread(ref, why)
            continue
        moved[ref] = str(into["id"])
        if into.get("status") in SOLVED:
            found.add(ref)
    return found
