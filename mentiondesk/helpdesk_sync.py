"""Two-way link with help desks: a case whose ticket was solved there is resolved here."""

from __future__ import annotations

import asyncio
import logging
from collections import defaultdict
from collections.abc import Mapping, Sequence
from functools import partial
from typing import Protocol, runtime_checkable

import sqlalchemy as sa

from mentiondesk import queue
from mentiondesk.case_tickets import current_tickets, moved_ticket
from mentiondesk.lifecycle import before_stop
from mentiondesk.models import FatalError, RateLimited, Responder, TransientError
from mentiondesk.periodic import every
from mentiondesk.store import Store
from mentiondesk.tables import CASE, DELIVERY, OUTBOX

_LOGGER = logging.getLogger(__name__)


@runtime_checkable
class SolvedSource(Protocol):
    """A help-desk responder that can say which of our tickets were solved."""

    async def solved(self, refs: Sequence[str]) -> set[str]: ...


@runtime_checkable
class MergeSource(Protocol):
    """A help desk that says which tickets its sweeps found merged into another."""

    def moves(self) -> dict[str, tuple[str, str]]: ...


def open_tickets(store: Store) -> dict[str, dict[str, list[int]]]:
    """Open cases' current tickets (mentiondesk.case_tickets): responder name → {ticket ref →
    case ids}. A closed ticket a follow-up ticket replaced no longer resolves the case. Two
    cases may share one: an agent merged one's ticket into the other's (the customer wrote
    on X and on Instagram), and both resolve when it is solved."""
    open_case = sa.exists().where(CASE.c.id == OUTBOX.c.case_id, CASE.c.status == "open")
    with store.engine.connect() as conn:
        tickets = current_tickets(conn, open_case)
    found: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for (case_id, target), ref in sorted(tickets.items()):
        found[target][ref].append(case_id)
    return {target: dict(refs) for target, refs in found.items()}


async def sync_solved(
    store: Store, responders: Mapping[str, Responder], stop: asyncio.Event | None = None
) -> int:
    """Ask each help desk which of our open tickets it solved; resolve those cases.

    A `stop` ends the sweep at once (a slow desk read one ticket at a time would keep a stop
    for minutes): a desk's answer still awaited is given up, as it only reads, and each case
    is resolved in its own transaction, so a sweep cut short leaves no case half-resolved
    and the next sweep finds those it did not reach still open."""
    stop = stop or asyncio.Event()
    tickets = await asyncio.to_thread(open_tickets, store)
    resolved = 0
    for target, by_ref in tickets.items():
        desk = responders.get(target)
        if isinstance(desk, SolvedSource) and not stop.is_set():
            resolved += await _sync_desk(store, target, desk, by_ref, stop)
    return resolved


async def _sync_desk(
    store: Store,
    target: str,
    desk: SolvedSource,
    by_ref: dict[str, list[int]],
    stop: asyncio.Event,
) -> int:
    """One desk's share of a sweep: its solved tickets' cases resolved, until `stop`."""
    try:
        solved = await before_stop(desk.solved(sorted(by_ref)), stop)
    except (RateLimited, TransientError, FatalError) as exc:
        _LOGGER.warning("help-desk sync with %s failed: %s", target, exc)
        return 0
    # Before resolving: a case resolved with its merged ticket shows the one it went into.
    moves = desk.moves() if isinstance(desk, MergeSource) else {}
    for ref, (into, url) in sorted(moves.items()):
        for case_id in by_ref.get(ref, []) if not stop.is_set() else []:
            await asyncio.to_thread(_move, store, case_id, target, ref, (into, url))
    resolved = 0
    cases = [c for ref in sorted((solved or set()) & by_ref.keys()) for c in by_ref[ref]]
    for case_id in cases:
        if stop.is_set():
            break  # a resolve begun is waited for: its thread commits or rolls back whole
        resolved += await asyncio.to_thread(_resolve, store, case_id, target)
    return resolved


def _move(store: Store, case_id: int, target: str, ref: str, into: tuple[str, str]) -> None:
    """The case follows the ticket an agent merged its own into: later sweeps, follow-ups
    and its desk page go by that one (mentiondesk.case_tickets.moved_ticket)."""
    with store.engine.begin() as conn:
        moved_ticket(
            conn, store.insert(DELIVERY), case_id=case_id, target=target, ref=ref, into=into
        )
    _LOGGER.info(
        "case %d follows %s ticket %s, which ticket %s was merged into",
        case_id,
        target,
        into[0],
        ref,
    )


def _resolve(store: Store, case_id: int, target: str) -> int:
    try:
        queue.close_case(store, case_id, by=f"helpdesk:{target}", status="resolved")
    except (queue.NotFound, queue.StaleAction):
        return 0  # someone closed it here meanwhile
    _LOGGER.info("case %d resolved: its %s ticket was solved", case_id, target)
    return 1


async def sync_loop(
    store: Store, responders: Mapping[str, Responder], stop: asyncio.Event, seconds: float
) -> None:
    """Run `sync_solved` every `seconds` until `stop`; the wait races the stop event."""
    step = partial(sync_solved, store, responders, stop)
    await every(seconds, stop, step, "help-desk sync failed", log=_LOGGER)
