"""Which of our Request Tracker tickets are solved: the sweep's reads (RequestTrackerResponder.
solved). A ticket an agent merged into another is solved when that one is."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from responders._solved_sweep import SolvedSweep

# What ends a case: RT's inactive statuses as the queue's lifecycle names them ("resolved",
# "rejected", a custom lifecycle's own); REST2 searches no deleted ticket (not even asked by
# name), so none ends one.
SOLVED = "Status = '__Inactive__'"
Search = Callable[[str], Awaitable[list[dict[str, Any]]]]
Show = Callable[[str], Awaitable[dict[str, Any]]]  # ticket/{id}; {} when RT has it not


async def solved_chunk(
    search: Search, show: Show, sweep: SolvedSweep, chunk: list[str]
) -> set[str]:
    """The chunk's inactive tickets. One the search misses is looked up by id: a ticket merged
    into another is shown as that one (searches find only it), and is solved when it is; one
    not found at all (deleted, or shredded) is said once, as Zendesk's and Freshdesk's syncs
    say theirs: its case cannot resolve."""
    solved = {str(item["id"]) for item in await search(f"({_ids(chunk)}) AND {SOLVED}")}
    there = {str(item["id"]) for item in await search(f"({_ids(chunk)})")}
    merged = await _merged(show, sorted(set(chunk) - there, key=int))
    for ref in sorted(set(chunk) - there - merged.keys(), key=int):
        sweep.unread(ref, "was not found (deleted?); case left open")
    if merged:
        into = {str(item["id"]) for item in await search(f"({_ids(merged.values())}) AND {SOLVED}")}
        solved |= {ref for ref, target in merged.items() if target in into}
    return solved & set(chunk)


async def _merged(show: Show, refs: list[str]) -> dict[str, str]:
    """Of `refs`, those merged into another ticket: ref → the ticket RT shows for it."""
    found: dict[str, str] = {}
    for ref in refs:
        shown = str((await show(ref)).get("id") or "")
        if shown.isdigit() and shown != ref:
            found[ref] = shown
    return found


def _ids(refs: Any) -> str:
    return " OR ".join(f"id = {i}" for i in sorted(set(refs), key=int))
