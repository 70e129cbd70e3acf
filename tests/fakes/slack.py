"""A fake Slack Web API: chat.postMessage/update/postEphemeral, views.open, history, auth.

`conversations.history` answers as Slack does: newest first, `oldest`/`latest` bounds
(exclusive unless `inclusive`), `limit` and a `response_metadata.next_cursor` while
`has_more`; a message's `metadata` only with `include_all_metadata`; channel IDs only.
Reading it takes `channels:history`, or `groups:history` when the channel is `private`;
a token without it gets `missing_scope` with `needed` and `provided`, as from Slack.
Messages and modals are held to Block Kit's documented limits (block_problems), counted in
UTF-16 units: one past them gets `invalid_blocks` (a modal `invalid_arguments`) naming the
field, as from Slack.
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
            "views.open": self._open,
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
        if problems := block_problems(body.get("blocks") or []):
            return web.json_response({"ok": False, "error": "invalid_blocks", "errors": problems})
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
        if failure := _auth_failure(request):
            return failure
        body = await request.json()
        if problems := block_problems(body.get("blocks") or []):
            return web.json_response({"ok": False, "error": "invalid_blocks", "errors": problems})
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
        return _auth_failure(request) or web.json_response({"ok": True})

    async def _open(self, request: web.Request) -> web.Response:
        if failure := _auth_failure(request):
            return failure
        view = (await request.json())["view"]
        if problems := view_problems(view):
            meta = {"messages": [f"[ERROR] {p}" for p in problems]}
            return web.json_response(
                {"ok": False, "error": "invalid_arguments", "response_metadata": meta}
            )
        return web.json_response({"ok": True, "view": view})

    async def _auth(self, request: web.Request) -> web.Response:
        if failure := _auth_failure(request):
            return failure
        return web.json_response({"ok": True, "team": "Lumora", "user": "mentiondesk"})


def _auth_failure(request: web.Request) -> web.Response | None:
    if request.headers.get("Authorization") != "Bearer xoxb-test":
        return web.json_response({"ok": False, "error": "invalid_auth"})
    return None


# Block Kit's documented limits (docs.slack.dev/reference/block-kit): field → most characters.
_SECTION_TEXT, _CONTEXT_ITEMS, _ACTIONS_ITEMS, _BLOCKS = 3000, 10, 25, 50
_BUTTON = {"text": 75, "value": 2000, "action_id": 255, "url": 3000}
_MODAL = {"title": 24, "submit": 24, "close": 24}


def block_problems(blocks: list[dict[str, Any]], most: int = _BLOCKS) -> list[str]:
    """What Slack would refuse in a message's (or a modal's) blocks, as its errors say it."""
    found = [f"no more than {most} items allowed [json-pointer:/blocks]"] * (len(blocks) > most)
    for n, block in enumerate(blocks):
        at = f"/blocks/{n}"
        if block.get("type") == "section":
            found += _text_problems(block["text"], f"{at}/text")
            found += _too_long(block["text"]["text"], _SECTION_TEXT, f"{at}/text/text")
        elements = block.get("elements") or []
        most_items = {"context": _CONTEXT_ITEMS, "actions": _ACTIONS_ITEMS}.get(block["type"])
        if most_items is not None and not 1 <= len(elements) <= most_items:
            found.append(f"must have 1 to {most_items} elements [json-pointer:{at}/elements]")
        for i, element in enumerate(elements):
            if element.get("type") == "button":
                for key, limit in _BUTTON.items():
                    value = element.get(key)
                    text = value["text"] if isinstance(value, dict) else value
                    found += _too_long(text or "", limit, f"{at}/elements/{i}/{key}")
    return found


def _text_problems(text: dict[str, Any], at: str) -> list[str]:
    """A text object's type, and the options each type takes (`emoji` plain_text only,
    `verbatim` mrkdwn only), as Slack's docs give them."""
    kind = text.get("type")
    if kind not in ("plain_text", "mrkdwn"):
        return [f"must be one of plain_text, mrkdwn [json-pointer:{at}/type]"]
    wrong = "verbatim" if kind == "plain_text" else "emoji"
    return [f"{wrong} not allowed for {kind} [json-pointer:{at}/{wrong}]"] * (wrong in text)


def view_problems(view: dict[str, Any]) -> list[str]:
    """What views.open would refuse in a modal: its labels, metadata and blocks."""
    found = [p for key, most in _MODAL.items() for p in _too_long(view[key]["text"], most, key)]
    found += _too_long(view.get("private_metadata", ""), 3000, "private_metadata")
    for block in view["blocks"]:
        element = block.get("element") or {}
        most = min(element.get("max_length", 3000), 3000)
        found += _too_long(element.get("initial_value", ""), most, "initial_value")
    return found + block_problems(view["blocks"], most=100)


def _too_long(text: str, most: int, where: str) -> list[str]:
    """Counted in UTF-16 units, as Slack's JavaScript clients count (an emoji is two): its
    docs say "characters" without saying which, and this is the stricter count."""
    too_long = len(text.encode("utf-16-le")) // 2 > most
    return [f"must be less than {most + 1} characters [json-pointer:{where}]"] * too_long
