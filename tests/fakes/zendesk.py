"""A fake Zendesk tickets API: create (with Idempotency-Key), search by external_id, show_many."""

from __future__ import annotations

import base64
from typing import Any

from aiohttp import web

from tests.fakes._base import FakeAPI

EMAIL, TOKEN = "agent@lumora.test", "zd-token"


class ZendeskFake:
    def __init__(self, api: FakeAPI) -> None:
        self.api = api
        self.tickets: dict[int, dict[str, Any]] = {}
        self.by_key: dict[str, int] = {}
        api.route("GET", "/api/v2/tickets.json", self._search)
        api.route("POST", "/api/v2/tickets.json", self._create)
        api.route("GET", "/api/v2/tickets/show_many.json", self._show_many)

    def _authorised(self, request: web.Request) -> bool:
        expected = base64.b64encode(f"{EMAIL}/token:{TOKEN}".encode()).decode()
        return request.headers.get("Authorization") == f"Basic {expected}"

    async def _search(self, request: web.Request) -> web.Response:
        if not self._authorised(request):
            return web.json_response({"error": "Couldn't authenticate you"}, status=401)
        wanted = request.query.get("external_id")
        found = [t for t in self.tickets.values() if t["external_id"] == wanted]
        return web.json_response({"tickets": found, "count": len(found)})

    async def _create(self, request: web.Request) -> web.Response:
        if not self._authorised(request):
            return web.json_response({"error": "Couldn't authenticate you"}, status=401)
        key = request.headers.get("Idempotency-Key", "")
        if key in self.by_key:  # Zendesk replays the first answer for a known key
            ticket = self.tickets[self.by_key[key]]
            return web.json_response(
                {"ticket": ticket}, status=201, headers={"x-idempotency-lookup": "hit"}
            )
        body = (await request.json())["ticket"]
        ticket_id = len(self.tickets) + 1
        ticket = {
            **body,
            "id": ticket_id,
            "status": "new",
            "url": f"{self.api.base_url}/api/v2/tickets/{ticket_id}.json",
        }
        self.tickets[ticket_id] = ticket
        if key:
            self.by_key[key] = ticket_id
        return web.json_response(
            {"ticket": ticket}, status=201, headers={"x-idempotency-lookup": "miss"}
        )

    async def _show_many(self, request: web.Request) -> web.Response:
        ids = [int(i) for i in request.query.get("ids", "").split(",") if i]
        return web.json_response({"tickets": [self.tickets[i] for i in ids if i in self.tickets]})
