"""A fake Slack Web API: chat.postMessage/update/postEphemeral, views.open, history, auth."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from tests.fakes._base import FakeAPI


class SlackFake:
    """Stateful Slack: posted messages keep their blocks so updates and history see them."""

    def __init__(self, api: FakeAPI, *, channel_id: str = "C0TEAM") -> None:
        self.api = api
        self.channel_id = channel_id
        self.messages: dict[str, dict[str, Any]] = {}  # ts → message
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
        if not (failure := _auth_failure(request)):
            body = await request.json()
            ts = f"1700000000.{self._next:06d}"
            self._next += 1
            message = {"ts": ts, "text": body.get("text"), "blocks": body.get("blocks", [])}
            self.messages[ts] = message
            return web.json_response(
                {"ok": True, "channel": self.channel_id, "ts": ts, "message": message}
            )
        return failure

    async def _update(self, request: web.Request) -> web.Response:
        body = await request.json()
        if body["ts"] not in self.messages:
            return web.json_response({"ok": False, "error": "message_not_found"})
        self.messages[body["ts"]].update(blocks=body.get("blocks", []), text=body.get("text"))
        return web.json_response({"ok": True, "channel": body["channel"], "ts": body["ts"]})

    async def _history(self, request: web.Request) -> web.Response:
        message = self.messages.get(request.query.get("latest", ""))
        return web.json_response({"ok": True, "messages": [message] if message else []})

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
