"""What a help-desk responder is whatever the desk (`HelpDeskResponder`): its set-up, its
receipts, its solved-ticket sweep and its log lines, and the look-ups every desk makes alike
(the case's tickets told from another customer's, a thread read page by page for a
follow-up's mark). A desk's own module says how its API files, finds and comments on
tickets; `_helpdesk` writes what they say."""

from __future__ import annotations

import logging
import re
from abc import ABC, abstractmethod
from collections.abc import Awaitable, Callable, Sequence
from typing import Any, ClassVar, NamedTuple, TypeVar

from mentiondesk.models import FatalError, Mention, OutboxAction, Receipt, SinkRefused, Wording
from responders import _earlier_case as earlier
from responders import _helpdesk as desk
from responders._rest import RestClient
from responders._solved_sweep import SolvedSweep
from responders._text import author_name, plain

At = TypeVar("At")  # where a page of a thread starts: a page number, a desk's cursor
_BECAME = {"archived": "{id} (archived)", "deleted": "{id} (deleted)"}


class HelpDeskResponder(ABC):
    """A help desk's responder: one ticket per case, follow-ups commented on it, and
    `solved()` for the two-way link. A desk names itself (`service`), says how many tickets a
    solved() read asks about (`chunk`) and where an agent opens a ticket (`ticket_url`)."""

    takes: ClassVar[frozenset[str]] = frozenset({"ticket", "comment"})  # checked at start-up
    finds_earlier_send: ClassVar[bool] = True  # the case's ticket and the follow-up's mark
    service: ClassVar[str]  # in its errors and sync's lines: "zendesk", "request tracker"
    said: ClassVar[str | None] = None  # in its own ticket lines where shorter ("rt ticket 7")
    chunk: ClassVar[int]  # tickets one solved() read asks about

    def __init__(
        self, name: str, *, base: str, http: RestClient, wording: Wording, log: logging.Logger
    ) -> None:
        self.name = name
        self.wording = wording  # [routing] language: the tickets' words
        self.base = base
        self.http = http
        self._log = log  # the desk module's own logger: where operators look for its news
        self._sweep = SolvedSweep(self.service, log)  # where the next sync starts
        # Tickets a sweep found merged into another: ref → the ticket their conversation goes
        # on in (merges of merges followed), for the sync to move their cases to (`moves`).
        self.moved: dict[str, str] = {}

    @abstractmethod
    async def deliver(self, action: OutboxAction) -> Receipt:
        """File the case's ticket, or comment a follow-up on it; exactly once, by case."""

    @abstractmethod
    def ticket_url(self, ref: str) -> str:
        """Ticket `ref`'s page in the desk's agent interface."""

    @abstractmethod
    async def _solved_chunk(self, chunk: list[str]) -> set[str]:
        """Which of `chunk` (`chunk` ids at most) are solved; `self._sweep.unread(ref, why)`
        says once why one cannot be read."""

    @abstractmethod
    async def check(self) -> str:
        """Whether the URL and credentials work, for `mentiondesk responders check`."""

    def _receipt(self, ref: object, *, case_ticket: bool = False) -> Receipt:
        """Ticket `ref`'s receipt; `case_ticket`: the case's ticket from now on."""
        shown = str(ref)
        return Receipt(ref=shown, url=self.ticket_url(shown), case_ticket=case_ticket)

    def _own_tickets(
        self, action: OutboxAction, number: str, found: list[dict[str, Any]]
    ) -> list[dict[str, Any]]:
        """Of the tickets case `number` finds ("id", "subject", "tags", "created_at"), this
        case's: another customer's, or its author's from before a restore, holds the action
        rather than take its follow-up (`_earlier_case.own_tickets`)."""
        return earlier.own_tickets(self.service, action, number, found)

    async def solved(self, refs: Sequence[str]) -> set[str]:
        """Which of these tickets are solved there, `chunk` at a time: a rate limit part-way
        keeps what was read, and the next sweep starts where this one stopped."""
        return await self._sweep.run(refs, self.chunk, self._solved_chunk)

    def moves(self) -> dict[str, tuple[str, str]]:
        """The merges the last sweeps found, taken once: ref → (the ticket it lives on now,
        that ticket's page), for the sync to move each case to the ticket it was merged into."""
        found = {ref: (into, self.ticket_url(into)) for ref, into in self.moved.items()}
        self.moved.clear()
        return found

    def _said_reopened(self, ref: object, was: object) -> None:
        self._log.info("%s ticket %s was %s; set open", self.said or self.service, ref, was)

    def _said_filed_anew(self, ref: object, became: str, filed: object) -> None:
        said = "%s ticket %s is %s; follow-up filed as %s"
        self._log.info(said, self.said or self.service, ref, became, filed)

    async def close(self) -> None:
        await self.http.close()


async def thread_has(
    ticket_id: int,
    read: Callable[[At], Awaitable[tuple[list[str], At | None]]],
    first: At,
    found: Callable[[str], bool],
) -> bool:
    """Whether any text of a ticket's thread is `found`: `read(at)` gives a page's texts and
    where the next page starts (None after the last). Past MAX_PAGES an earlier comment
    cannot be ruled out: the follow-up is held for a person, not added twice."""
    at = first
    for _ in range(desk.MAX_PAGES):  # read when called: one knob for every desk
        texts, following = await read(at)
        if any(found(text) for text in texts):
            return True
        if following is None:
            return False
        at = following
    raise desk.thread_too_long(ticket_id)


# The ticket a merge note names: Zendesk's "…closed and merged into request #12 …", Freshdesk's
# "…merged into ticket #12" (its text copy may drop the "#" of the link: "ticket 12"), and an
# account's pt-BR or pt-PT words for them ("mesclada na solicitação #12", "fundido no ticket
# #12"). The first number after the verb: the target's own subject, quoted after it, may carry
# an order number ("Pedido #98765").
_MERGED_INTO = re.compile(
    r"(?i)\b(?:merged|mesclad[oa]s?|fundid[oa]s?|unificad[oa]s?|juntad[oa]s?)\b[^#\d]{0,80}?"
    r"(?:#|\b(?:ticket|request|chamado|solicita[çc][ãa]o)\s+)(\d+)"
)
MAX_HOPS = 5  # merges of merges followed: past these (or a loop), the case is left open
GONE = "was merged into ticket {into}, which was not found (deleted?); case left open"
UNREAD = "was merged into ticket {into}, which cannot be read ({why}); case left open"
LOOP = "was merged round a loop of tickets ({path}); case left open"


class Followed(NamedTuple):
    """Where a merged ticket's conversation went: `ticket`, or None and `why` its case is
    left open; `gone`: the id of the ticket it went into, deleted since ("" if not)."""

    ticket: dict[str, Any] | None
    why: str = ""
    gone: str = ""


async def read_merged_into(
    http: RestClient, path: str, target: str
) -> dict[str, Any] | Followed | None:
    """GET `path`, the ticket `target` a merge went into (None where it is gone: 404), or a
    Followed saying why it cannot be read; a refusal of the credentials themselves is raised,
    as it holds every ticket alike. An answer that is no JSON object (a proxy's page) is
    unread too, not taken for a ticket."""
    try:
        found = await http.call("GET", path, missing=(404,))
    except SinkRefused:
        raise
    except FatalError as exc:
        return Followed(None, UNREAD.format(into=target, why=exc))
    if found is None or isinstance(found, dict):
        return found
    return Followed(None, UNREAD.format(into=target, why="its answer is not a ticket"))


def merged_into(text: str) -> str | None:
    """The ticket id a merge note says its ticket was merged into, or None."""
    found = _MERGED_INTO.search(text)
    return found.group(1) if found else None


def marked(text: str, marks: Sequence[str]) -> bool:
    """Whether `text` carries any of a follow-up's marks (`_helpdesk.follow_up_marks`)."""
    return any(desk.has_mark(text, mark) for mark in marks)


def earlier_ticket(wording: Wording, ticket_id: object, became: str) -> tuple[str, str]:
    """The label and text of a ticket filed anew's first line, naming the ticket it follows
    ("Earlier ticket", "7 (deleted)"): each desk writes them its own way (escaped, linked)."""
    return wording.t("Earlier ticket"), wording.t(_BECAME[became], id=ticket_id)


def recorded_id(action: OutboxAction) -> str | None:
    """The case's ticket as a desk recorded it (its receipt's ref), which a follow-up asks
    for by id where a search no longer finds it; None while none is recorded, or where the
    ref is no desk's ticket id (`local:MD-…`, from before the case was routed there)."""
    ref = action.context.ticket_ref
    return ref if ref and ref.isdigit() else None


def requester_name(m: Mention, handle: str | None = None) -> str:
    """The author as a desk's requester is named: one line, no controls (a display name's
    line breaks are the author's); `handle` after it where the desk shows no other."""
    name = author_name(m)
    return plain(f"{name} ({handle})" if handle is not None else name, 250)


def credentials_fix(name: str, what: str, key: str, env: str | None, where: str) -> str:
    """What to set right when a desk refuses the credentials (401): the variable holding the
    `what` ("API token"), the `[[responders]]` `key` naming it, and `where` a new one is made."""
    held = f"{env} ({key} of responder {name!r})" if env else f"{key} of responder {name!r}"
    return f"check the {what} in {held}; {where}"


def author_key(m: Mention, longest: int) -> str:
    """The author's id on their platform ("reddit:t2_abc"), one requester a desk keeps for
    them however often they write."""
    return f"{m.platform}:{m.author.id}"[:longest]
