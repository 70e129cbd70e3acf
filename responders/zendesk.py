"""Zendesk: one ticket per case, `external_id` = our case number, `Idempotency-Key` = action key.
A follow-up once that ticket is closed is a new ticket linked to it, under the same number.

A retry first looks the case number up (`external_id`), then creates with the idempotency
key, so neither a crash nor an expired key opens a second ticket. An archived ticket (closed
~120 days) is no longer listed: a follow-up finds it by the case's recorded ticket ref.

The requester is the author as an end user found or made by `external_id`
("<platform>:<author id>", POST users/create_or_update): Zendesk makes a new requester only
with an e-mail, which social authors do not give us, and an upsert keeps one user per author.
"""

from __future__ import annotations

import logging
from typing import Any, Literal

from pydantic import field_validator

from mentiondesk.models import (
    ENGLISH,
    FatalError,
    Mention,
    OutboxAction,
    PluginContext,
    Receipt,
    ResponderConfig,
    Wording,
    env_key,
    handle_shown,
    require_env,
    secret_from_env,
)
from responders import _earlier_case as earlier
from responders import _helpdesk as desk
from responders import _helpdesk_base as common
from responders import _zendesk_merged as merging
from responders._helpdesk_base import HelpDeskResponder
from responders._rest import RestClient, basic_auth

_LOGGER = logging.getLogger(__name__)
SOLVED = merging.SOLVED
MERGED = merging.MERGED
# What a follow-up sets open in its comment's update, as Zendesk does when a requester replies:
# pending waits on the author, who has now written; solved is out of the agents' open views.
# On-hold is left: it waits on a third party, which the author's words do not change.
REOPENED = {"pending", "solved"}
_SUSPENDED = (
    "zendesk user {user}, the author of {number}, is suspended (their ticket was marked as "
    "spam, or an agent suspended them); not filed. If that was a mistake, unsuspend them in "
    "Zendesk (Customers), then `mentiondesk outbox retry` this action; else `mentiondesk "
    "outbox drop` it"
)
# Where a Zendesk admin makes a token, and the switch that turns every token off.
_WHERE = (
    "an admin makes one under Admin Center > Apps and integrations > APIs > Zendesk API, "
    "where token access must be on"
)


class ZendeskResponderConfig(ResponderConfig):
    kind: Literal["zendesk"] = "zendesk"
    base_url: str  # https://yourcompany.zendesk.com
    email: str  # the agent the API token belongs to
    token_env: str = env_key("ZENDESK_TOKEN")
    group_id: int | None = None

    _env = field_validator("token_env")(require_env)
    _account = field_validator("base_url")(desk.account_url)


class ZendeskResponder(HelpDeskResponder):
    """Opens tickets through the Zendesk tickets API; `solved()` feeds the two-way link."""

    Config = ZendeskResponderConfig
    service = "zendesk"
    # show_many reads 100 ids; a chunk refused is read again in halves, so a ticket refused
    # costs its own case alone (`SolvedSweep`).
    chunk = 100

    def __init__(
        self,
        name: str,
        *,
        base_url: str,
        email: str,
        token: str,
        group_id: int | None = None,
        wording: Wording = ENGLISH,
        token_env: str | None = None,
    ) -> None:
        base = base_url.rstrip("/")
        auth = basic_auth(f"{email}/token", token)
        fix = common.credentials_fix(name, "API token", "token_env", token_env, _WHERE)
        fix += f"; and that email = {email!r} is the agent it belongs to"
        http = RestClient(base + "/api/v2/", "zendesk", headers=auth, fix=fix)
        super().__init__(name, base=base, http=http, wording=wording, log=_LOGGER)
        self.group_id = group_id

    @classmethod
    def from_config(
        cls, config: ZendeskResponderConfig, context: PluginContext
    ) -> ZendeskResponder:
        token = secret_from_env(config.token_env).get_secret_value()
        return cls(
            config.name or "zendesk",
            base_url=config.base_url,
            email=config.email,
            token=token,
            group_id=config.group_id,
            wording=context.wording,
            token_env=config.token_env,
        )

    async def deliver(self, action: OutboxAction) -> Receipt:
        number = desk.case_of(action)
        found = await self.http.call("GET", "tickets.json", params={"external_id": number})
        # Another customer's ticket under a reused number is held, never written into, and
        # so is one its author had before the restore (filed before this case began).
        listed = (found or {}).get("tickets") or []
        tickets = self._own_tickets(action, number, listed)
        if action.kind == "comment":
            if not tickets:
                recorded = await self._archived(action, number)
                if recorded is None:  # deleted there: the author's new words still go in
                    return await self._filed_anew(action, number)
                tickets = recorded
            if not tickets:
                raise desk.no_ticket_yet(number)
            return await self._follow_up(action, number, tickets)
        if tickets:
            return self._receipt(tickets[0]["id"])
        created = await self._create(action, number)
        # The key is the case number's: within its 2 hours Zendesk answers a reused one
        # with the ticket first made under it, which may be another customer's.
        earlier.owned(self.service, action, number, created)
        return self._receipt(created["id"])

    async def _create(self, action: OutboxAction, number: str, **extra: Any) -> dict[str, Any]:
        requester = await self._requester_id(action.context.mention, number)
        ticket = self._ticket(action, number, requester) | extra
        headers = {"Idempotency-Key": desk.idempotency_key(action)}
        created = await self.http.call(
            "POST", "tickets.json", json={"ticket": ticket}, headers=headers
        )
        return dict(created["ticket"])

    async def _follow_up(
        self, action: OutboxAction, number: str, tickets: list[dict[str, Any]]
    ) -> Receipt:
        """A comment on the case's newest ticket. Zendesk refuses to update a closed one
        (422): the follow-up is then a ticket of its own, linked to the closed one
        (`via_followup_source_id`, under the same case number, so a retry finds it and its
        first comment), and the case's ticket from now on."""
        ordered = sorted(tickets, key=lambda t: int(t["id"]))
        first, newest = ordered[0], ordered[-1]
        if merging.merged(newest):
            return await self._on_merged(action, number, newest)
        if newest.get("status") == "closed":
            created = await self._create(action, number, via_followup_source_id=newest["id"])
            return self._receipt(created["id"], case_ticket=True)
        await self._comment(newest, action)
        # Not the first ticket, or not the one recorded (a retry of a follow-up filed anew).
        recorded = action.context.ticket_ref
        elsewhere = recorded is not None and recorded != str(newest["id"])
        moved = newest["id"] != first["id"] or elsewhere
        return self._receipt(newest["id"], case_ticket=moved)

    async def _on_merged(
        self, action: OutboxAction, number: str, ticket: dict[str, Any]
    ) -> Receipt:
        """A follow-up to a ticket an agent merged into another goes where the conversation
        went: on that ticket (the last of merges of merges), the case's ticket from now on.
        One that names no ticket is followed up as a closed one; one merged into a ticket
        since deleted is filed anew; one the token may not see is held for a person."""
        into, why, gone = await merging.lives_on(self.http, ticket)
        if into is None and why == merging.UNNAMED:
            created = await self._create(action, number, via_followup_source_id=ticket["id"])
            return self._receipt(created["id"], case_ticket=True)
        if gone:  # as after the case's own ticket was deleted
            return await self._filed_anew(action, number, gone)
        if into is None:
            raise FatalError(f"zendesk ticket {ticket['id']} of {number} {why}")
        if into.get("status") == "closed":  # merged into one since closed: a follow-up to it
            created = await self._create(action, number, via_followup_source_id=into["id"])
            return self._receipt(created["id"], case_ticket=True)
        await self._comment(into, action)
        return self._receipt(into["id"], case_ticket=True)

    async def _archived(self, action: OutboxAction, number: str) -> list[dict[str, Any]] | None:
        """The case's recorded ticket when the search no longer lists it: Zendesk archives a
        ticket ~120 days after it closed, and archived tickets drop out of list endpoints but
        are still shown by id (and taken as a follow-up's source). Not this case's ticket
        (another case's ref): none, and the follow-up waits as before. None when Zendesk
        has it no more: deleted."""
        ref = common.recorded_id(action)
        if ref is None:
            return []
        found = await self.http.call("GET", f"tickets/{ref}.json", missing=(404,))
        if found is None:
            return None
        ticket = found.get("ticket") or {}
        return [ticket] if ticket.get("external_id") == number else []

    async def _filed_anew(
        self, action: OutboxAction, number: str, deleted: str | None = None
    ) -> Receipt:
        """The follow-up as a ticket of its own under the case number (its first comment,
        with the case's story), the case's ticket from now on: its ticket was deleted (or
        `deleted`, the one it was merged into)."""
        created = await self._create(action, number)
        self._said_filed_anew(deleted or action.context.ticket_ref, "deleted", created["id"])
        return self._receipt(created["id"], case_ticket=True)

    async def _requester_id(self, m: Mention, number: str) -> int:
        """The author's end user, made or found (and renamed) by external_id: the same id on a
        retry, so the idempotent create's payload does not change. No role is sent, so a user
        already there keeps theirs. One suspended (an agent marked their ticket as spam, which
        deletes it and suspends them) holds case `number`'s ticket for a person, as Zendesk
        sends a suspended user's mail to its suspended tickets: not filed anew by us."""
        user = {
            "name": common.requester_name(m, handle_shown(m.platform, m.author.handle)),
            "external_id": common.author_key(m, 255),
        }
        answer = await self.http.call("POST", "users/create_or_update.json", json={"user": user})
        found = answer["user"]
        if found.get("suspended"):  # marked as spam there: the author's tickets are refused
            raise FatalError(_SUSPENDED.format(user=found["id"], number=number))
        return int(found["id"])

    async def _comment(self, ticket: dict[str, Any], action: OutboxAction) -> None:
        """Add a follow-up as a private comment (raising the ticket's priority if it is more
        urgent, and setting a pending or solved one open, in the same update), unless a retry
        finds the comment there already."""
        if await self._has_comment(ticket["id"], desk.follow_up_marks(action, self.wording)):
            return
        body = desk.html_body(action, self.wording)
        update: dict[str, Any] = {"comment": {"html_body": body, "public": False}}
        words = desk.PRIORITY_WORDS
        current = ticket.get("priority")
        level = desk.raised(action, words.index(current) if current in words else 0)
        if level is not None:
            update["priority"] = words[level]
        was = ticket.get("status")
        if was in REOPENED:  # a private comment leaves the status as it was
            update["status"] = "open"
        await self.http.call("PUT", f"tickets/{ticket['id']}.json", json={"ticket": update})
        if was in REOPENED:
            self._said_reopened(ticket["id"], was)

    async def _has_comment(self, ticket_id: int, marks: list[str]) -> bool:
        """Whether any comment, on any page of a long thread, is the follow-up's."""

        async def read(params: dict[str, Any]) -> tuple[list[str], dict[str, Any] | None]:
            path = f"tickets/{ticket_id}/comments.json"
            page = await self.http.call("GET", path, params=params) or {}
            bodies = [c.get("body", "") for c in page.get("comments") or []]
            meta = page.get("meta") or {}
            if not meta.get("has_more"):
                return bodies, None
            return bodies, {"page[size]": 100, "page[after]": meta["after_cursor"]}

        return await common.thread_has(
            ticket_id, read, {"page[size]": 100}, lambda body: common.marked(body, marks)
        )

    def _ticket(self, action: OutboxAction, number: str, requester: int) -> dict[str, Any]:
        ticket: dict[str, Any] = {
            "subject": desk.subject(action, self.wording),
            "comment": {"html_body": desk.html_body(action, self.wording), "public": False},
            "requester_id": requester,
            "external_id": number,
            "tags": desk.tags(action),
            "priority": desk.PRIORITY_WORDS[desk.frustration(action)],
        }
        if self.group_id is not None:
            ticket["group_id"] = self.group_id
        return ticket

    def ticket_url(self, ref: str) -> str:
        return f"{self.base}/agent/tickets/{ref}"

    async def _solved_chunk(self, chunk: list[str]) -> set[str]:
        """Which of these tickets are solved or closed."""
        params = {"ids": ",".join(chunk)}
        answer = await self.http.call("GET", "tickets/show_many.json", params=params)
        tickets = (answer or {}).get("tickets") or []
        # A deleted ticket is left out: its case cannot resolve, which is said once, not hourly.
        for ref in sorted(set(chunk) - {str(t["id"]) for t in tickets}):
            self._sweep.unread(ref, "was not found (deleted?); case left open")
        solved = {str(t["id"]) for t in tickets if t["status"] in SOLVED and not merging.merged(t)}
        merged = [t for t in tickets if merging.merged(t)]
        return solved | await merging.solved(self.http, merged, self._sweep.unread, self.moved)

    async def check(self) -> str:
        answer = await self.http.call("GET", "users/me.json")
        return f"token valid for {(answer or {}).get('user', {}).get('email', '?')}"
