"""A fake Slack Web API: chat.postMessage/update/postEphemeral, views.open, history, auth.

`conversations.history` answers as Slack does: newest first, `oldest`/`latest` bounds
(exclusive unless `inclusive`), `limit` and a `response_metadata.next_cursor` while
`has_more`; a message's `metadata` only with `include_all_metadata`; channel IDs only.
Reading it takes `channels:history`, or `groups:history` when the channel is `private`;
a token without it gets `missing_scope` with `needed` and `provided`, as from Slack.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from aiohttp import web

from tests.fakes._base import FakeAPI

_TRUE = {"1", "true"}  # slack_sdk sends booleans in a query as "1"


class SlackFake:
    """Stateful Slack: posted messages keep their blocks so updates and history see them."""

    def __init__(
        self,
        api: FakeAPI,
        *,
        channel_id: str = "C0TEAM",
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.api = api
        self.channel_id = channel_id
        self.clock = clock
        self.messages: dict[str, dict[str, Any]] = {}  # ts → message, oldest first
        self.drop_answers = 0  # post the next N messages, then cut the connection unanswered
        self.private = False  # a private channel: its history takes groups:history
        self.scopes = {"chat:write", "channels:history", "groups:history"}  # the token's
        self._next = 1
        for method, handler in {
            "chat.postMessage": self._post,
            "chat.update": self._update,
            "chat.postEphemeral": self._ok,
            "views.open": self._ok,
            "conversations.history": self._history,
            "auth.test": self._auth,
        }.items():
            api.route(
                "GET" if method == "conversations.history" else "POST", f"/api/{method}", handler
            )

    @property
    def base_url(self) -> str:
        return self.api.base_url + "/api/"

    def posted(self) -> list[dict[str, Any]]:
        return [c.json() for c in self.api.calls("/api/chat.postMessage") if c.body]

    async def _post(self, request: web.Request) -> web.Response:
        if failure := _auth_failure(request):
            return failure
        body = await request.json()
        # A ts is the Unix time of the post; the counter keeps each one unique and ordered.
        ts = f"{int(self.clock())}.{self._next:06d}"
        self._next += 1
        message = {
            "type": "message",
            "ts": ts,
            "bot_id": "B0BOT",
            "text": body.get("text"),
            "blocks": body.get("blocks", []),
        }
        if body.get("metadata"):
            message["metadata"] = body["metadata"]
        self.messages[ts] = message
        if self.drop_answers:
            self.drop_answers -= 1
            assert request.transport is not None
            request.transport.abort()  # posted, but the client sees a dropped connection
        public = {k: v for k, v in message.items() if k != "metadata"}
        return web.json_response(
            {"ok": True, "channel": self.channel_id, "ts": ts, "message": public}
        )

    async def _update(self, request: web.Request) -> web.Response:
        body = await request.json()
        if body["ts"] not in self.messages:
            return web.json_response({"ok": False, "error": "message_not_found"})
        self.messages[body["ts"]].update(blocks=body.get("blocks", []), text=body.get("text"))
        return web.json_response({"ok": True, "channel": body["channel"], "ts": body["ts"]})

    async def _history(self, request: web.Request) -> web.Response:
        if failure := _auth_failure(request):
            return failure
        query = request.query
        if query.get("channel") != self.channel_id:  # a #name is not found here either
            return web.json_response({"ok": False, "error": "channel_not_found"})
        needed = "groups:history" if self.private else "channels:history"
        if needed not in self.scopes:
            provided = ",".join(sorted(self.scopes))
            missing = {"ok": False, "error": "missing_scope", "needed": needed}
            return web.json_response(missing | {"provided": provided})
        inclusive = query.get("inclusive", "") in _TRUE
        oldest, latest = float(query.get("oldest", "0")), float(query.get("latest", "inf"))
        found = [
            m
            for ts, m in reversed(self.messages.items())
            if (oldest <= float(ts) <= latest if inclusive else oldest < float(ts) < latest)
        ]
        start = int(query.get("cursor") or 0)
        limit = min(int(query.get("limit", "100")), 999)
        page = found[start : start + limit]
        if query.get("include_all_metadata", "") not in _TRUE:
            page = [{k: v for k, v in m.items() if k != "metadata"} for m in page]
        more = start + limit < len(found)
        body: dict[str, Any] = {"ok": True, "messages": page, "has_more": more}
        body["response_metadata"] = {"next_cursor": str(start + limit) if more else ""}
        return web.json_response(body)

    async def _ok(self, request: web.Request) -> web.Response:
        return web.json_response({"ok": True})

    async def _auth(self, request: web.Request) -> web.Response:
        if failure := _auth_failure(request):
            return failure
        return web.json_response({"ok": True, "team": "Lumora", "user": "mentiondesk"})


def _auth_failure(request: web.Request) -> web.Response | None:
    if request.headers.get("Authorization") != "Bearer xoxb-test":
        return web.json_response({"ok": False, "error": "invalid_auth"})
    return None
