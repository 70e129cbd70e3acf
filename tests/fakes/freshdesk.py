"""A fake Freshdesk v2 API: search by tag, create, list, show, update, notes and conversations;
Basic auth `api_key:X`. Create refuses, as Freshdesk does, a ticket without a requester field, a
tag over 32 characters and, unless the account has the unique contact identifier
(`unique_external_ids`), `unique_external_id`. As Freshdesk does, a note on a Pending (3),
Resolved (4) or Closed (5) ticket is taken (201) and leaves its status as it was (only a
requester's reply reopens one); an update sets it back to Open (2); a status other than 2-5
is refused (400); an unknown ticket is 404. An archived ticket (`archive()`: Closed, 120 days
on) leaves search, the list and tickets/{id} and is shown only at tickets/archived/{id} with
`"archived": true`; an account without the feature (`archiving=False`) answers that 403
`require_feature`, as Freshdesk does. A ticket in the trash (`"deleted": true`) or marked as
spam is shown by id but left out of search and the list, and takes no note or update (405);
search lags minutes behind a delete, as behind a create: a ticket in `stale` is still found.
A ticket merged into another (`merge()`) is Closed with a private note naming the primary.
A ticket of another group (`hidden`) answers an agent scoped to their group's tickets 403."""

from __future__ import annotations

import base64
import html
import re
from datetime import UTC, datetime
from typing import Any

from aiohttp import web

from tests.fakes._base import FakeAPI

API_KEY = "fd-key"
TAG_LONGEST = 32
# A ticket needs one of these; Freshdesk adds the contact when it is new.
IDENTITIES = ("requester_id", "email", "facebook_id", "phone", "twitter_id", "unique_external_id")
MERGE_NOTE = "This ticket is closed and merged into ticket #{primary}"
STATUSES = (2, 3, 4, 5)  # Open, Pending, Resolved, Closed (an account with no custom ones)


def invalid(field: str, message: str, code: str = "invalid_value") -> web.Response:
    """Freshdesk's 400: `Validation failed` with one error per field."""
    errors = [{"field": field, "message": message, "code": code}]
    return web.json_response({"description": "Validation failed", "errors": errors}, status=400)


class FreshdeskFake:
    def __init__(
        self, api: FakeAPI, *, unique_external_ids: bool = False, archiving: bool = True
    ) -> None:
        self.api = api
        self.unique_external_ids = unique_external_ids  # the account's contact identifier
        self.archiving = archiving  # the plan has Archive Tickets
        self.tickets: dict[int, dict[str, Any]] = {}
        self.archived: dict[int, dict[str, Any]] = {}
        self.gone: set[int] = set()  # deleted for good: 404 everywhere, the id not reused
        # Another group's tickets, which an agent scoped to their group's cannot read (403).
        self.hidden: set[int] = set()
        self.contacts: dict[tuple[str, str], int] = {}  # (identity field, value) → contact id
        api.route("GET", "/api/v2/search/tickets", self._search)
        api.route("POST", "/api/v2/tickets", self._create)
        api.route("GET", "/api/v2/tickets", self._list)
        self.unindexed: set[int] = set()  # created, not yet found by search (it lags)
        self.stale: dict[int, dict[str, Any]] = {}  # binned or deleted, still found by search
        self.conversations: dict[int, list[dict[str, Any]]] = {}
        for n in range(1, 6):
            api.route("GET", f"/api/v2/tickets/{n}", self._show)
            api.route("PUT", f"/api/v2/tickets/{n}", self._update)
            api.route("GET", f"/api/v2/tickets/{n}/conversations", self._conversations)
            api.route("POST", f"/api/v2/tickets/{n}/notes", self._add_note)
            api.route("GET", f"/api/v2/tickets/archived/{n}", self._show_archived)

    def delete(self, ticket_id: int) -> None:
        """Deleted for good (emptied from the trash)."""
        del self.tickets[ticket_id]
        self.gone.add(ticket_id)

    def merge(self, primary: int, secondary: int, said: str = MERGE_NOTE) -> None:
        """What PUT tickets/merge (or Merge in the agent view) does to a secondary ticket: Closed,
        with a private note naming the primary (`said`, {primary} filled: the agent's words,
        in the account's language); the primary gets a note naming it."""
        self.tickets[secondary]["status"] = 5
        self._noted(secondary, said.format(primary=primary))
        if primary in self.tickets:
            self._noted(primary, f"Ticket #{secondary} was merged into this ticket.")

    def _noted(self, ticket_id: int, text: str) -> None:
        thread = self.conversations.setdefault(ticket_id, [])
        note = {"id": len(thread) + 1, "ticket_id": ticket_id, "body": html.escape(text)}
        thread.append(note | {"body_text": text, "private": True, "incoming": False})

    def archive(self, ticket_id: int) -> None:
        """What Freshdesk does to a ticket Closed and left alone for 120 days."""
        ticket = self.tickets.pop(ticket_id)
        self.archived[ticket_id] = ticket | {"status": 5, "archived": True}

    async def _show_archived(self, request: web.Request) -> web.Response:
        if not self._authorised(request):
            return web.json_response({"code": "invalid_credentials"}, status=401)
        if not self.archiving:
            message = "The Archive Tickets feature(s) is/are not supported in your plan."
            return web.json_response({"code": "require_feature", "message": message}, status=403)
        ticket = self.archived.get(int(request.path.rsplit("/", 1)[1]))
        return web.json_response(ticket) if ticket else web.Response(status=404)

    def _authorised(self, request: web.Request) -> bool:
        expected = base64.b64encode(f"{API_KEY}:X".encode()).decode()
        return request.headers.get("Authorization") == f"Basic {expected}"

    async def _search(self, request: web.Request) -> web.Response:
        match = re.fullmatch(r"\"tag:'([^']+)'\"", request.query.get("query", ""))
        if match is None:
            return web.json_response({"description": "Validation failed"}, status=400)
        indexed = {**self.tickets, **self.stale}.values()
        found = [
            t
            for t in indexed
            if match.group(1) in t.get("tags", [])
            and t["id"] not in self.unindexed
            and (not _binned(t) or t["id"] in self.stale)
        ]
        return web.json_response({"results": found, "total": len(found)})

    async def _list(self, request: web.Request) -> web.Response:
        """Tickets newest first, by requester (email or unique_external_id) or updated_since;
        no lag, unlike search."""
        if not self._authorised(request):
            return web.json_response({"code": "invalid_credentials"}, status=401)
        query = request.query
        if "unique_external_id" in query and not self.unique_external_ids:
            return invalid(
                "unique_external_id", "Unexpected/invalid field in request", "invalid_field"
            )
        found = sorted((t for t in self.tickets.values() if not _binned(t)), key=lambda t: -t["id"])
        for field in ("email", "unique_external_id"):
            if field in query:
                who = self.contacts.get((field, query[field]))
                found = [t for t in found if t["requester_id"] == who]
        if "updated_since" in query:
            found = [t for t in found if t["updated_at"] >= query["updated_since"]]
        size = min(int(query.get("per_page", "30")), 100)
        start = (int(query.get("page", "1")) - 1) * size
        return web.json_response(found[start : start + size])

    async def _create(self, request: web.Request) -> web.Response:
        if not self._authorised(request):
            return web.json_response({"code": "invalid_credentials"}, status=401)
        body = await request.json()
        if refusal := self._refusal(body):
            return refusal
        ticket_id = max([0, *self.tickets, *self.archived, *self.gone]) + 1
        now = _now()
        requester = body.get("requester_id") or self._contact(body)
        self.tickets[ticket_id] = {
            **body,
            "id": ticket_id,
            "description_text": _text(body.get("description", "")),
            "requester_id": requester,
            "created_at": now,
            "updated_at": now,
        }
        return web.json_response(self.tickets[ticket_id], status=201)

    def _refusal(self, body: dict[str, Any]) -> web.Response | None:
        """Freshdesk's 400 for a ticket it will not take, else None."""
        if not any(body.get(field) for field in IDENTITIES):
            fields = ", ".join(IDENTITIES)
            return invalid(
                "requester_id", f"Please fill at least 1 of {fields} fields", "missing_field"
            )
        if "unique_external_id" in body and not self.unique_external_ids:
            return invalid(
                "unique_external_id", "Unexpected/invalid field in request", "invalid_field"
            )
        if body.get("phone") and not body.get("email") and not body.get("name"):
            return invalid("name", "It should be a/an String", "missing_field")
        if any(len(tag) > TAG_LONGEST for tag in body.get("tags", [])):
            return invalid(
                "tags", "It should only contain elements that have maximum of 32 characters"
            )
        return None

    def _contact(self, body: dict[str, Any]) -> int:
        """The requester's contact id: found by the identity given, or added as Freshdesk does."""
        field = next(f for f in IDENTITIES[1:] if body.get(f))
        return self.contacts.setdefault((field, body[field]), len(self.contacts) + 1)

    async def _show(self, request: web.Request) -> web.Response:
        if not self._authorised(request):
            return web.json_response({"code": "invalid_credentials"}, status=401)
        ticket_id = int(request.path.rsplit("/", 1)[1])
        if ticket_id in self.hidden:
            message = "You are not authorized to perform this action."
            return web.json_response({"code": "access_denied", "message": message}, status=403)
        ticket = self.tickets.get(ticket_id)
        return web.json_response(ticket) if ticket else web.Response(status=404)

    async def _update(self, request: web.Request) -> web.Response:
        """Any field given, the status too: a pending or solved ticket is reopened by setting
        it to 2."""
        if not self._authorised(request):
            return web.json_response({"code": "invalid_credentials"}, status=401)
        ticket = self.tickets.get(int(request.path.rsplit("/", 1)[1]))
        if ticket is None:
            return web.Response(status=404)
        if _binned(ticket):
            return web.Response(status=405)
        body = await request.json()
        if "status" in body and body["status"] not in STATUSES:
            return invalid("status", "It should be one of these values: '2,3,4,5'")
        ticket.update(body, updated_at=_now())
        return web.json_response(ticket)

    async def _conversations(self, request: web.Request) -> web.Response:
        if not self._authorised(request):
            return web.json_response({"code": "invalid_credentials"}, status=401)
        found = self.conversations.get(int(request.path.split("/")[-2]), [])
        # Freshdesk pages lists: 30 per page unless per_page (at most 100) says otherwise.
        size = min(int(request.query.get("per_page", "30")), 100)
        start = (int(request.query.get("page", "1")) - 1) * size
        return web.json_response(found[start : start + size])

    async def _add_note(self, request: web.Request) -> web.Response:
        if not self._authorised(request):
            return web.json_response({"code": "invalid_credentials"}, status=401)
        ticket_id = int(request.path.split("/")[-2])
        if ticket_id not in self.tickets:
            return web.Response(status=404)
        if _binned(self.tickets[ticket_id]):
            return web.Response(status=405)
        body = await request.json()
        # Taken whatever the status: a Pending, Resolved or Closed one stays so (only touched).
        self.tickets[ticket_id]["updated_at"] = _now()
        thread = self.conversations.setdefault(ticket_id, [])
        text = _text(body["body"])
        note = {
            "id": len(thread) + 1,
            "ticket_id": ticket_id,
            "body": body["body"],
            "body_text": text,
            "private": body.get("private", True),
            "incoming": False,
        }
        thread.append(note)
        return web.json_response(note, status=201)


def _binned(ticket: dict[str, Any]) -> bool:
    """In the trash, or marked as spam: out of search and the list, and read-only."""
    return bool(ticket.get("deleted") or ticket.get("spam"))


def _text(markup: str) -> str:
    """Freshdesk's `*_text` fields: the HTML's text."""
    return html.unescape(re.sub(r"<[^>]+>", " ", markup)).strip()


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
