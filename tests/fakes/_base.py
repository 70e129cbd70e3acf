"""FakeAPI: a small aiohttp server on 127.0.0.1 that answers queued or routed responses.

Every request is recorded; a request nothing answers fails the test (the fake returns
599 and `unexpected` lists it), so a client that calls something we did not expect
cannot pass silently.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict, deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web
from multidict import MultiDict

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@dataclass
class Call:
    """One request the fake received."""

    method: str
    path: str
    query: MultiDict[str]
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)

    def form(self) -> dict[str, str]:
        from urllib.parse import parse_qsl

        return dict(parse_qsl(self.body.decode()))


@dataclass
class Canned:
    status: int = 200
    json: Any = None
    body: bytes | str | None = None
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str = "application/json"

    def response(self) -> web.Response:
        if self.body is not None:
            raw = self.body.encode() if isinstance(self.body, str) else self.body
            return web.Response(
                status=self.status, body=raw, headers=self.headers, content_type=self.content_type
            )
        return web.json_response(self.json, status=self.status, headers=self.headers)


class FakeAPI:
    """`queue()` one-shot answers, `route()` stateful handlers, `calls()` to assert on."""

    def __init__(self) -> None:
        self._queued: dict[tuple[str, str], deque[Canned]] = defaultdict(deque)
        self._routes: dict[tuple[str, str], Handler] = {}
        self._patterns: list[tuple[str, re.Pattern[str], Handler]] = []
        self.requests: list[Call] = []
        self.unexpected: list[str] = []
        self._runner: web.AppRunner | None = None
        self.base_url = ""

    def queue(
        self,
        method: str,
        path: str,
        status: int = 200,
        json: Any = None,
        *,
        headers: dict[str, str] | None = None,
        body: bytes | str | None = None,
        content_type: str = "application/json",
    ) -> None:
        """Answer the next `method path` with this response (FIFO per endpoint)."""
        self._queued[(method.upper(), path)].append(
            Canned(status, json, body, dict(headers or {}), content_type)
        )

    def route(self, method: str, path: str, handler: Handler) -> None:
        """Answer every `method path` (not served from the queue) with `handler`."""
        self._routes[(method.upper(), path)] = handler

    def route_pattern(self, method: str, pattern: str, handler: Handler) -> None:
        """Answer every `method` whose path fully matches `pattern` and no exact route."""
        self._patterns.append((method.upper(), re.compile(pattern), handler))

    def calls(self, path: str | None = None, method: str | None = None) -> list[Call]:
        return [
            c
            for c in self.requests
            if (path is None or c.path == path) and (method is None or c.method == method)
        ]

    async def start(self) -> str:
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", "/{tail:.*}", self._dispatch)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self.base_url = f"http://127.0.0.1:{port}"
        return self.base_url

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    async def __aenter__(self) -> FakeAPI:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    async def _dispatch(self, request: web.Request) -> web.StreamResponse:
        body = await request.read()
        self.requests.append(
            Call(
                request.method, request.path, MultiDict(request.query), dict(request.headers), body
            )
        )
        key = (request.method, request.path)
        if self._queued.get(key):
            return self._queued[key].popleft().response()
        if key in self._routes:
            return await self._routes[key](request)
        for method, pattern, handler in self._patterns:
            if method == request.method and pattern.fullmatch(request.path):
                return await handler(request)
        self.unexpected.append(f"{request.method} {request.path}")
        return web.json_response({"error": "unexpected request in test"}, status=599)
