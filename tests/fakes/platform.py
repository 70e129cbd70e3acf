"""What the platform fakes share: a FakeAPI, a clock, rate-limit windows and failure injection."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from aiohttp import web

from tests.fakes._base import FakeAPI

Clock = Callable[[], datetime]


def utcnow() -> datetime:
    return datetime.now(UTC)


class Window:
    """A fixed rate-limit window per endpoint: `limit` requests, resetting `seconds` later."""

    def __init__(self, clock: Clock, *, limit: int = 900, seconds: float = 900.0) -> None:
        self.clock = clock
        self.limit = limit
        self.seconds = seconds
        self.used: dict[str, int] = {}
        self.reset_at: dict[str, datetime] = {}

    def hit(self, endpoint: str) -> tuple[int, int, datetime]:
        """Count one request; return (limit, remaining, reset time)."""
        now = self.clock()
        if endpoint not in self.reset_at or now >= self.reset_at[endpoint]:
            self.reset_at[endpoint] = now + timedelta(seconds=self.seconds)
            self.used[endpoint] = 0
        self.used[endpoint] += 1
        return self.limit, max(0, self.limit - self.used[endpoint]), self.reset_at[endpoint]


class PlatformFake:
    """Base of the per-platform fakes; `api` records every request."""

    def __init__(self, api: FakeAPI, *, clock: Clock = utcnow) -> None:
        self.api = api
        self.clock = clock
        self.window = Window(clock)
        self.request_times: list[tuple[str, datetime]] = []  # (path, fake-clock time) per request

    @property
    def base_url(self) -> str:
        return self.api.base_url

    def handle(self, method: str, path: str, handler: Any) -> None:
        """Route `method path` to `handler`, noting the fake clock's time of each request."""

        async def timed(request: web.Request) -> web.StreamResponse:
            self.request_times.append((request.path, self.clock()))
            response: web.StreamResponse = await handler(request)
            return response

        self.api.route(method, path, timed)

    def times(self, path: str) -> list[datetime]:
        return [t for p, t in self.request_times if p == path]

    def fail(self, path: str, status: int = 500, json: Any = None, **kw: Any) -> None:
        """Answer the next GET `path` with this (queued answers beat the routes)."""
        method = kw.pop("method", "GET")
        self.api.queue(method, path, status, json, **kw)
