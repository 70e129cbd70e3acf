"""A fake Freshdesk v2 API: search by tag, create, show, update, notes and conversations; Basic auth
`api_key:X`."""

from __future__ import annotations

import base64
import html
import re
from typing import Any

from aiohttp import web

from tests.fakes._base import FakeAPI

API_KEY = "fd-key"
TAG_LONGEST = 32


def invalid(field: str, message: str, code: str = "invalid_value") -> web.Response:
    """Freshdesk's 400: `Validation failed` with one error per field."""
    errors = [{"field": field, "message": message, "code": code}]
    return web.json_response({"description": "Validation failed", "errors": errors}, status=400)


class FreshdeskFake:
    def __init__(self, api: FakeAPI) -> None:
        self.api = api
        self.tickets: dict[int, dict[str, Any]] = {}
        api.route("GET", "/api/v2/search/tickets", self._search)
        api.route("POST", "/api/v2/tickets", self._create)
        api.route("GET", "/api/v2/tickets", self._list)
        self.unindexed: set[int] = set()  # created, not yet found by search (it lags)
        self.conversations: dict[int, list[dict[str, Any]]] = {}
        for n in range(1, 6):
            api.route("GET", f"/api/v2/tickets/{n}", self._show)
            api.route("PUT", f"/api/v2/tickets/{n}", self._update)
            api.route("GET", f"/api/v2/tickets/{n}/conversations", self._conversations)
            api.route("POST", f"/api/v2/tickets/{n}/notes", self._add_note)

    def _authorised(self, request: web.Request) -> bool:
        expected = base64.b64encode(f"{API_KEY}:X".encode()).decode()
        return request.headers.get("Authorization") == f"Basic {expected}"

    async def _search(self, request: web.Request) -> web.Response:
        match = re.fullmatch(r"\"tag:'([^']+)'\"", request.query.get("query", ""))
        if match is None:
            return web.json_response({"description": "Validation failed"}, status=400)
        found = [
            t
            for t in self.tickets.values()
            if match.group(1) in t.get("tags", []) and t["id"] not in self.unindexed
        ]
        return web.json_response({"results": found, "total": len(found)})

    async def _list(self, request: web.Request) -> web.Response:
        """Tickets newest first, filtered by the requester's unique_external_id (no lag)."""
        if not self._authorised(request):
            return web.json_response({"code": "invalid_credentials"}, status=401)
        who = request.query.get("unique_external_id")
        found = [t for t in self.tickets.values() if not who or t["unique_external_id"] == who]
        return web.json_response(sorted(found, key=lambda t: -t["id"])[:100])

    async def _create(self, request: web.Request) -> web.Response:
        if not self._authorised(request):
            return web.json_response({"code": "invalid_credentials"}, status=401)
        body = await request.json()
        if any(len(tag) > TAG_LONGEST for tag in body.get("tags", [])):
            return invalid(
                "tags", "It should only contain elements that have maximum of 32 characters"
            )
        ticket_id = len(self.tickets) + 1
        self.tickets[ticket_id] = {**body, "id": ticket_id}
        return web.json_response(self.tickets[ticket_id], status=201)

    async def _show(self, request: web.Request) -> web.Response:
        return web.json_response(self.tickets[int(request.path.rsplit("/", 1)[1])])

    async def _update(self, request: web.Request) -> web.Response:
        if not self._authorised(request):
            return web.json_response({"code": "invalid_credentials"}, status=401)
        ticket = self.tickets[int(request.path.rsplit("/", 1)[1])]
        ticket.update(await request.json())
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
        body = await request.json()
        thread = self.conversations.setdefault(ticket_id, [])
        text = html.unescape(re.sub(r"<[^>]+>", " ", body["body"])).strip()
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
