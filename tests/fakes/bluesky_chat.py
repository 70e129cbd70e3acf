"""Bluesky's chat service as the PDS proxies it: conversations, messages, and its refusals.

Chat methods answer only with the `atproto-proxy: did:web:api.bsky.chat#bsky_chat` header and
a session from an app password with direct-message access (JWT scope
`com.atproto.appPassPrivileged`); without it the PDS says 400 `InvalidToken` "Bad token
method". Shapes from the `chat.bsky.convo.*` lexicons; union members carry their `$type`.
"""

from __future__ import annotations

import base64
import itertools
import json
from collections.abc import Callable
from datetime import datetime
from typing import Any

from aiohttp import web

PROXY = "did:web:api.bsky.chat#bsky_chat"
PRIVILEGED = "com.atproto.appPassPrivileged"
CONVO = "/xrpc/chat.bsky.convo.getConvoForMembers"
MESSAGES = "/xrpc/chat.bsky.convo.getMessages"
SEND = "/xrpc/chat.bsky.convo.sendMessage"
LIST = "/xrpc/chat.bsky.convo.listConvos"
NOT_FOLLOWED = "recipient requires incoming messages to come from someone they follow"

Reply = Callable[[Any, str, int], web.Response]


class ChatService:
    """State: one conversation per member set, its messages oldest first."""

    def __init__(self, brand_did: str, brand_handle: str, reply: Reply, clock: Any) -> None:
        self.brand = {"did": brand_did, "handle": brand_handle}
        self._reply, self._clock = reply, clock
        self._seq = itertools.count(1)
        self.convos: dict[str, dict[str, Any]] = {}  # member did -> ConvoView
        self.messages: dict[str, list[dict[str, Any]]] = {}  # convo id -> MessageViews
        self.closed_to_us: set[str] = set()  # dids that take messages only from people they follow

    def routes(self) -> list[tuple[str, str, Any]]:
        return [
            ("GET", CONVO, self._convo),
            ("GET", MESSAGES, self._messages),
            ("POST", SEND, self._send),
            ("GET", LIST, self._list),
        ]

    def sent(self) -> list[dict[str, Any]]:
        """Every message in every conversation, in the order sent."""
        return [m for convo in self.messages.values() for m in convo]

    def _invalid(self, request: web.Request, message: str) -> web.Response:
        return self._reply({"error": "InvalidRequest", "message": message}, request.path, 400)

    def _refused(self, request: web.Request) -> web.Response | None:
        if request.headers.get("atproto-proxy") != PROXY:
            body = {"error": "MethodNotImplemented", "message": "Method Not Implemented"}
            return self._reply(body, request.path, 501)
        if _scope(request) != PRIVILEGED:
            body = {"error": "InvalidToken", "message": "Bad token method"}
            return self._reply(body, request.path, 400)
        return None

    async def _convo(self, request: web.Request) -> web.Response:
        if refused := self._refused(request):
            return refused
        member = request.query.getall("members")[0]
        if member in self.closed_to_us:
            return self._invalid(request, NOT_FOLLOWED)
        return self._reply({"convo": self._convo_with(member)}, request.path, 200)

    def _convo_with(self, member: str) -> dict[str, Any]:
        if member not in self.convos:
            convo_id = f"3k{next(self._seq):011d}"
            self.convos[member] = {
                "id": convo_id,
                "rev": "1",
                "members": [self.brand, {"did": member, "handle": f"{member[-6:]}.bsky.social"}],
                "muted": False,
                "unreadCount": 0,
            }
            self.messages[convo_id] = []
        return self.convos[member]

    def message(self, member: str, text: str, *, at: datetime | None = None) -> dict[str, Any]:
        """A message from us to `member`, sent `at` (now by the fake clock)."""
        convo = self.messages[self._convo_with(member)["id"]]
        n = next(self._seq)
        message = {
            "$type": "chat.bsky.convo.defs#messageView",
            "id": f"3m{n:011d}",
            "rev": str(n),
            "text": text,
            "sender": {"did": self.brand["did"]},
            "sentAt": (at or self._clock()).strftime("%Y-%m-%dT%H:%M:%S.000Z"),
        }
        convo.append(message)
        return message

    async def _list(self, request: web.Request) -> web.Response:
        if refused := self._refused(request):
            return refused
        limit = int(request.query.get("limit", "50"))
        return self._reply({"convos": list(self.convos.values())[:limit]}, request.path, 200)

    async def _messages(self, request: web.Request) -> web.Response:
        if refused := self._refused(request):
            return refused
        convo = self.messages.get(request.query["convoId"])
        if convo is None:
            return self._invalid(request, "Convo not found")
        limit = int(request.query.get("limit", "50"))
        newest_first = list(reversed(convo))[:limit]
        return self._reply({"messages": newest_first}, request.path, 200)

    async def _send(self, request: web.Request) -> web.Response:
        if refused := self._refused(request):
            return refused
        body = await request.json()
        member = next((m for m, c in self.convos.items() if c["id"] == body["convoId"]), None)
        if member is None:
            return self._invalid(request, "Convo not found")
        return self._reply(self.message(member, body["message"]["text"]), request.path, 200)


def _scope(request: web.Request) -> str:
    token = request.headers.get("Authorization", "").removeprefix("Bearer ")
    payload = token.split(".")[1] if token.count(".") == 2 else ""
    try:
        claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    except ValueError:
        return ""
    return str(claims.get("scope", ""))
