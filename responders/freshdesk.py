"""Freshdesk: one ticket per case; the case number is a tag we search before creating
(Freshdesk has no idempotency key), and optionally a custom field too."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar, Literal

from pydantic import field_validator

from mentiondesk.models import (
    OutboxAction,
    PluginConfig,
    PluginContext,
    Receipt,
    require_env,
    secret_from_env,
)
from responders import _helpdesk as desk
from responders._rest import RestClient, basic_auth

SOLVED = {4, 5}  # Resolved, Closed
TAG_LONGEST = 32  # Freshdesk answers 400 to a longer tag


class FreshdeskResponderConfig(PluginConfig):
    kind: Literal["freshdesk"] = "freshdesk"
    base_url: str  # https://yourcompany.freshdesk.com
    api_key_env: str = "FRESHDESK_API_KEY"
    case_field: str | None = None  # e.g. "cf_case_number", a custom text field you created

    _env = field_validator("api_key_env")(require_env)


class FreshdeskResponder:
    """Opens tickets through the Freshdesk v2 API (Basic auth `api_key:X`)."""

    Config = FreshdeskResponderConfig
    takes: ClassVar[frozenset[str]] = frozenset({"ticket", "comment"})  # checked at start-up

    def __init__(
        self, name: str, *, base_url: str, api_key: str, case_field: str | None = None
    ) -> None:
        self.name = name
        self.base = base_url.rstrip("/")
        self.case_field = case_field
        self.http = RestClient(
            self.base + "/api/v2/", "freshdesk", headers=basic_auth(api_key, "X")
        )

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
        )

    async def deliver(self, action: OutboxAction) -> Receipt:
        number = desk.case_of(action)
        query = f"\"tag:'{number}'\""
        found = await self.http.call("GET", "search/tickets", params={"query": query})
        results = (found or {}).get("results") or []
        if not results and action.attempt > 1:
            results = await self._listed(action, number)
        if action.kind == "comment":
            if not results:
                raise desk.no_ticket_yet(number)
            await self._raise_priority(results[0], action)
            await self._note(results[0]["id"], action)
        if results:
            return self._receipt(results[0])
        created = await self.http.call("POST", "tickets", json=self._ticket(action, number))
        return self._receipt(created)

    async def _listed(self, action: OutboxAction, number: str) -> list[dict[str, Any]]:
        """The case's ticket from the author's ticket list: search is indexed minutes late,
        so a retry soon after a create whose answer was lost would not find it there."""
        requester = self._ticket(action, number)["unique_external_id"]
        params = {"unique_external_id": requester, "order_by": "created_at", "per_page": 100}
        listed = await self.http.call("GET", "tickets", params=params)
        return [t for t in listed or [] if number in (t.get("tags") or [])]

    async def _raise_priority(self, ticket: dict[str, Any], action: OutboxAction) -> None:
        """A follow-up more urgent than the ticket raises it (Freshdesk's 1-4 is frustration + 1).

        Done before the note, and only ever upwards, so a retry repeats nothing."""
        level = desk.raised(action, int(ticket.get("priority") or 1) - 1)
        if level is not None:
            await self.http.call("PUT", f"tickets/{ticket['id']}", json={"priority": level + 1})

    async def _note(self, ticket_id: int, action: OutboxAction) -> None:
        """Add a follow-up as a private note, unless a retry finds it there already."""
        if await self._has_note(ticket_id, desk.follow_up_mark(action)):
            return
        note = {"body": desk.html_body(action), "private": True}
        await self.http.call("POST", f"tickets/{ticket_id}/notes", json=note)

    async def _has_note(self, ticket_id: int, mark: str) -> bool:
        """Whether any conversation, on any page (Freshdesk gives 30 unless asked), is ours."""
        for number in range(1, desk.MAX_PAGES + 1):
            params = {"per_page": 100, "page": number}
            page = await self.http.call("GET", f"tickets/{ticket_id}/conversations", params=params)
            if any(desk.has_mark(c.get("body_text", ""), mark) for c in page or []):
                return True
            if len(page or []) < 100:
                return False
        raise desk.thread_too_long(ticket_id)

    def _ticket(self, action: OutboxAction, number: str) -> dict[str, Any]:
        m = action.context.mention
        ticket: dict[str, Any] = {
            "subject": desk.subject(action),
            "description": desk.html_body(action),
            "name": (m.author.name or m.author.handle)[:250],
            "unique_external_id": f"{m.platform}:{m.author.id}"[:250],
            "status": 2,
            "priority": desk.frustration(action) + 1,
            "source": 2,
            "tags": [number, *desk.tags(action, TAG_LONGEST)],
        }
        if self.case_field:
            ticket["custom_fields"] = {self.case_field: number}
        return ticket

    def _receipt(self, ticket: dict[str, Any]) -> Receipt:
        ref = str(ticket["id"])
        return Receipt(ref=ref, url=f"{self.base}/a/tickets/{ref}")

    async def solved(self, refs: Sequence[str]) -> set[str]:
        done: set[str] = set()
        for ref in refs:
            if ref.isdigit():
                ticket = await self.http.call("GET", f"tickets/{ref}")
                if int((ticket or {}).get("status", 0)) in SOLVED:
                    done.add(ref)
        return done

    async def check(self) -> str:
        await self.http.call("GET", "agents/me")
        return "api key valid"

    async def close(self) -> None:
        await self.http.close()
