"""Freshdesk: one ticket per case; the case number is a tag we search before creating
(Freshdesk has no idempotency key), and optionally a custom field too.

The requester is an X author's `twitter_id`, anyone else's placeholder e-mail at
`requester_domain`, or, on accounts with the unique contact identifier, `unique_external_id`
("<platform>:<author id>") for everyone: Freshdesk refuses a ticket without one of them."""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from datetime import UTC, timedelta
from typing import Any

from mentiondesk.models import (
    ENGLISH,
    FatalError,
    Mention,
    OutboxAction,
    PluginContext,
    Receipt,
    Wording,
    secret_from_env,
)
from responders import _freshdesk_gone as gone
from responders import _freshdesk_merged as merging
from responders import _helpdesk as desk
from responders import _helpdesk_base as common
from responders._freshdesk_config import FreshdeskResponderConfig
from responders._helpdesk_base import HelpDeskResponder
from responders._rest import RestClient, basic_auth

_LOGGER = logging.getLogger(__name__)
SOLVED = {4, 5}  # Resolved, Closed
OPEN = 2
# What a follow-up sets back to Open: Pending waits on the author, who has now written (as
# Freshdesk does when a requester replies); Resolved and Closed are out of the open views.
# An account's custom statuses are its own (their meaning is not ours to guess): left as set,
# but those the account lists in reopen_statuses ("Waiting on Customer") as Pending.
REOPENED = {3: "pending", 4: "resolved", 5: "closed"}
TAG_LONGEST = 32  # Freshdesk answers 400 to a longer tag
# Where an agent finds the key (it changes when they reset it, or their account is deleted).
_WHERE = "each agent's is under Profile settings > View API key, for the account in base_url"


class FreshdeskResponder(HelpDeskResponder):
    """Opens tickets through the Freshdesk v2 API (Basic auth `api_key:X`)."""

    Config = FreshdeskResponderConfig
    service = "freshdesk"
    # One call a ticket (Freshdesk has no read of many by id), so a sweep may stop at the
    # rate limit; the next goes on there.
    chunk = 1

    def __init__(
        self,
        name: str,
        *,
        base_url: str,
        api_key: str,
        case_field: str | None = None,
        unique_external_id: bool = False,
        requester_domain: str | None = None,
        reopen_statuses: Sequence[int] = (),
        wording: Wording = ENGLISH,
        api_key_env: str | None = None,
    ) -> None:
        base = base_url.rstrip("/")
        fix = common.credentials_fix(name, "API key", "api_key_env", api_key_env, _WHERE)
        http = RestClient(base + "/api/v2/", "freshdesk", headers=basic_auth(api_key, "X"), fix=fix)
        super().__init__(name, base=base, http=http, wording=wording, log=_LOGGER)
        self.case_field = case_field
        self.unique_external_id = unique_external_id
        self.requester_domain = requester_domain
        self.reopened = REOPENED | {s: f"custom status {s}" for s in reopen_statuses}

    @classmethod
    def from_config(
        cls, config: FreshdeskResponderConfig, context: PluginContext
    ) -> FreshdeskResponder:
        key = secret_from_env(config.api_key_env).get_secret_value()
        return cls(
            config.name or "freshdesk",
            base_url=config.base_url,
            api_key=key,
            case_field=config.case_field,
            unique_external_id=config.unique_external_id,
            requester_domain=config.requester_domain,
            reopen_statuses=config.reopen_statuses,
            wording=context.wording,
            api_key_env=config.api_key_env,
        )

    async def deliver(self, action: OutboxAction) -> Receipt:
        number = desk.case_of(action)
        query = f"\"tag:'{number}'\""
        found = await self.http.call("GET", "search/tickets", params={"query": query})
        # Another customer's ticket under a reused number is held, never written into, and
        # so is one its author had before the restore (filed before this case began).
        listed = (found or {}).get("results") or []
        results = self._own_tickets(action, number, listed)
        if not results and action.attempt > 1:  # none of this case's, maybe not indexed yet
            listed = await self._listed(action, number)
            results = self._own_tickets(action, number, listed)
        if action.kind == "comment":
            if not results:
                return await self._filed_anew(action, number)
            return await self._follow_up(action, number, int(results[0]["id"]))
        if results:
            return self._receipt(results[0]["id"])
        created = await self.http.call("POST", "tickets", json=self._ticket(action, number))
        return self._receipt(created["id"])

    async def _follow_up(self, action: OutboxAction, number: str, ticket_id: int) -> Receipt:
        """The follow-up as a note on the case's ticket, raising and reopening it. A retry
        that finds the ticket this follow-up filed (after an archived or deleted one) has
        nothing to add."""
        # Read afresh: search lags minutes behind a status or priority an agent just set,
        # and behind a delete: one binned or gone takes no note (405, 404), as if not found.
        ticket = await self.http.call("GET", f"tickets/{ticket_id}", missing=(404,))
        if ticket is None or ticket.get("deleted") or ticket.get("spam"):
            return await self._filed_anew(action, number)
        if int(ticket.get("status") or 0) == merging.CLOSED:  # maybe merged into another
            into, why, deleted = await merging.lives_on(self.http, str(ticket_id), ticket)
            if deleted:
                return await self._file_new(action, number, (int(deleted), "deleted"))
            if into is None:
                raise FatalError(f"freshdesk ticket {ticket_id} of {number} {why}")
            if into["id"] != ticket["id"]:
                return await self._noted(into, action, case_ticket=True)
        marks = desk.follow_up_marks(action, self.wording)
        if common.marked(ticket.get("description_text") or "", marks):
            return self._receipt(ticket["id"], case_ticket=True)
        return await self._noted(ticket, action)

    async def _noted(
        self, ticket: dict[str, Any], action: OutboxAction, *, case_ticket: bool = False
    ) -> Receipt:
        """The follow-up as a note on `ticket`, raising and reopening it; `case_ticket`: the
        case's ticket from now on (the primary its own was merged into)."""
        await self._raise_priority(ticket, action)
        await self._note(ticket["id"], action)
        await self._reopen(ticket)
        return self._receipt(ticket["id"], case_ticket=case_ticket)

    async def _filed_anew(self, action: OutboxAction, number: str) -> Receipt:
        """No ticket of the case's is found. Where Freshdesk archived or deleted it, the
        follow-up is filed as a new ticket under the case number (as an e-mail to an archived
        one is), linking the one before, and is the case's ticket from now on; else its
        ticket is there but not indexed yet, and it waits."""
        before = await gone.earlier(self.http, common.recorded_id(action), number)
        if before is None:
            raise desk.no_ticket_yet(number)
        return await self._file_new(action, number, before)

    async def _file_new(
        self, action: OutboxAction, number: str, before: tuple[int, str]
    ) -> Receipt:
        """The follow-up as a new ticket under the case number, its first line linking the
        ticket `before` it ((id, "archived" or "deleted")); the case's ticket from now on."""
        ticket = self._ticket(action, number)
        ticket["description"] = (
            gone.earlier_ticket(self.base, before, self.wording) + ticket["description"]
        )
        created = await self.http.call("POST", "tickets", json=ticket)
        self._said_filed_anew(*before, created["id"])
        return self._receipt(created["id"], case_ticket=True)

    async def _listed(self, action: OutboxAction, number: str) -> list[dict[str, Any]]:
        """The case's ticket from the ticket list, newest first: search is indexed minutes
        late, so a retry soon after a create whose answer was lost would not find it there."""
        requester = self._requester(action.context.mention)
        # The author's tickets where Freshdesk can list them (not by twitter_id), else recent ones.
        mine: dict[str, str] = {
            f: requester[f] for f in ("unique_external_id", "email") if f in requester
        }
        params: dict[str, str | int] = {"order_by": "created_at", "per_page": 100}
        params |= mine or _since(action)
        for page in range(1, desk.MAX_PAGES + 1):
            listed = await self.http.call("GET", "tickets", params={**params, "page": page}) or []
            found = [t for t in listed if number in (t.get("tags") or [])]
            if found or len(listed) < 100:
                return found
        raise FatalError(f"too many recent tickets to rule out one for {number}; check by hand")

    async def _raise_priority(self, ticket: dict[str, Any], action: OutboxAction) -> None:
        """A follow-up more urgent than the ticket raises it (Freshdesk's 1-4 is frustration + 1).

        Done before the note, and only ever upwards, so a retry repeats nothing."""
        level = desk.raised(action, int(ticket.get("priority") or 1) - 1)
        if level is not None:
            await self.http.call("PUT", f"tickets/{ticket['id']}", json={"priority": level + 1})

    async def _note(self, ticket_id: int, action: OutboxAction) -> None:
        """Add a follow-up as a private note, unless a retry finds it there already."""
        if await self._has_note(ticket_id, desk.follow_up_marks(action, self.wording)):
            return
        note = {"body": desk.html_body(action, self.wording), "private": True}
        await self.http.call("POST", f"tickets/{ticket_id}/notes", json=note)

    async def _reopen(self, ticket: dict[str, Any]) -> None:
        """Set a Pending, Resolved or Closed ticket (or one in a custom status listed as waiting
        on the author) back to Open: Freshdesk takes a note on it but leaves its status (its
        default rules reopen on a requester's reply, not an agent's note), so it would wait on
        the author, or sit out of the agents' open views. After the note, so a retry that finds
        the note still reopens."""
        was = self.reopened.get(int(ticket.get("status") or 0))
        if was is not None:
            await self.http.call("PUT", f"tickets/{ticket['id']}", json={"status": OPEN})
            self._said_reopened(ticket["id"], was)

    async def _has_note(self, ticket_id: int, marks: list[str]) -> bool:
        """Whether any conversation, on any page (Freshdesk gives 30 unless asked), is ours."""

        async def read(number: int) -> tuple[list[str], int | None]:
            params = {"per_page": 100, "page": number}
            path = f"tickets/{ticket_id}/conversations"
            page = await self.http.call("GET", path, params=params) or []
            return [c.get("body_text", "") for c in page], number + 1 if len(page) >= 100 else None

        return await common.thread_has(ticket_id, read, 1, lambda text: common.marked(text, marks))

    def _ticket(self, action: OutboxAction, number: str) -> dict[str, Any]:
        m = action.context.mention
        ticket: dict[str, Any] = {
            "subject": desk.subject(action, self.wording),
            "description": desk.html_body(action, self.wording),
            **self._requester(m),
            "status": OPEN,
            "priority": desk.frustration(action) + 1,
            "source": 2,
            "tags": [number, *desk.tags(action, TAG_LONGEST)],
        }
        if self.case_field:
            ticket["custom_fields"] = {self.case_field: number}
        return ticket

    def _requester(self, m: Mention) -> dict[str, str]:
        """Who asks, in a field this account accepts (Freshdesk adds the contact if new)."""
        who = {"name": common.requester_name(m)}
        if self.unique_external_id:
            return who | {"unique_external_id": common.author_key(m, 250)}
        if m.platform == "x":
            return who | {"twitter_id": m.author.handle[:250]}
        if self.requester_domain:
            local = re.sub(r"[^a-z0-9._-]", "-", f"{m.platform}.{m.author.id}".lower())[:64]
            return who | {"email": f"{local}@{self.requester_domain}"}
        raise FatalError(
            f"freshdesk needs a requester for a {m.platform} author: set requester_domain "
            '(e.g. "social.example.com") or, if your account has unique contact '
            "identifiers, unique_external_id = true in its [[responders]] table"
        )

    def ticket_url(self, ref: str) -> str:
        return f"{self.base}/a/tickets/{ref}"

    async def _solved_chunk(self, chunk: list[str]) -> set[str]:
        """Whether one ticket is Resolved or Closed. Its own refusal (403: moved to a group
        the key's agent may not see) is the sweep's to say once (`SolvedSweep`): the others
        are still read."""
        (ref,) = chunk
        status, stuck, ticket = await gone.status(self.http, ref)
        if ticket is not None and status == merging.CLOSED and stuck is None:
            return await self._closed(ref, ticket)  # closed, or merged into another
        if status in SOLVED:  # resolved before it was binned: the case is done all the same
            return {ref}
        if stuck is not None:
            self._sweep.unread(ref, f"{stuck}; case left open")
        return set()

    async def _closed(self, ref: str, ticket: dict[str, Any]) -> set[str]:
        """A Closed ticket is solved unless an agent merged it into another: its conversation
        goes on there, whose state is the case's, and where the case moves (`moved`)."""
        into, why, _ = await merging.lives_on(self.http, ref, ticket)
        if into is None:
            self._sweep.unread(ref, why)
            return set()
        if str(into["id"]) != ref:
            self.moved[ref] = str(into["id"])
        return {ref} if int(into.get("status") or 0) in SOLVED else set()

    async def check(self) -> str:
        await self.http.call("GET", "agents/me")
        return "api key valid"


def _since(action: OutboxAction) -> dict[str, str]:
    """Only tickets touched since the outbox row was written (a minute's leeway for clocks)."""
    if action.created_at is None:
        return {}
    since = action.created_at.astimezone(UTC) - timedelta(minutes=1)
    return {"updated_since": since.strftime("%Y-%m-%dT%H:%M:%SZ")}
