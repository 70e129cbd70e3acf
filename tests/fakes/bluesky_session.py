"""The fake PDS's sessions: createSession, refreshSession and resolveHandle, the tokens they
issue, and the PDS's refusal of a missing, unknown, revoked or expired one.

As the PDS does: every call but these three needs a live access token (an expired one is a 400
`ExpiredToken`, not a 401). Token lifetimes run on the fake's clock while the JWT's `exp` claim
is wall time, so the client does not refresh on its own: the PDS's refusal is what a test sees.
"""

from __future__ import annotations

import base64
import itertools
import json
from datetime import datetime, timedelta
from typing import Any

from aiohttp import web

from tests.fakes.bluesky_chat import PRIVILEGED
from tests.fakes.platform import PlatformFake

DID = "did:plc:lumorabrand"
HANDLE = "lumora.bsky.social"
SESSION = "/xrpc/com.atproto.server.createSession"
REFRESH = "/xrpc/com.atproto.server.refreshSession"
RESOLVE = "/xrpc/com.atproto.identity.resolveHandle"
_OPEN = {SESSION, REFRESH, RESOLVE}  # served without an access token


def _b64(data: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")


class BlueskySessionFake(PlatformFake):
    """State: the tokens issued (and exchanged), their lifetimes, the handles it resolves."""

    def __init__(self, *args: Any, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.window.seconds = 300
        self.window.limit = 3000
        self._jti = itertools.count(1)
        self.access_lifetime = timedelta(hours=2)  # the PDS's; on the fake's clock
        self.refresh_lifetime = timedelta(days=90)
        self.tokens: dict[str, tuple[str, datetime]] = {}  # jwt -> (scope kind, expires at)
        self.revoked: set[str] = set()  # refresh tokens already exchanged
        self.handles: dict[str, str] = {HANDLE: DID}  # for resolveHandle
        # Whether our app password was created with "Allow access to your direct messages".
        self.dm_access = True
        self.handle("POST", SESSION, self._session)
        self.handle("POST", REFRESH, self._refresh)
        self.handle("GET", RESOLVE, self._resolve)

    def handle(self, method: str, path: str, handler: Any) -> None:
        """Route as the base does; all but the open methods check the access token first."""
        if path in _OPEN:
            super().handle(method, path, handler)
            return

        async def authed(request: web.Request) -> web.Response:
            refused = self._refused(request, "access")
            return refused or await handler(request)

        super().handle(method, path, authed)

    def jwt(self, kind: str = "access") -> str:
        """A decodable token (unique per call) that the fake honours until its lifetime ends."""
        exp = int((datetime.now().astimezone() + timedelta(hours=2)).timestamp())
        scope = PRIVILEGED if self.dm_access else "com.atproto.appPass"
        if kind == "refresh":
            scope = "com.atproto.refresh"
        claims = {
            "sub": DID,
            "exp": exp,
            "iat": exp - 7200,
            "scope": scope,
            "jti": f"t{next(self._jti)}",
        }
        token = f"{_b64({'alg': 'HS256', 'typ': 'JWT'})}.{_b64(claims)}.c2ln"
        life = self.access_lifetime if kind == "access" else self.refresh_lifetime
        self.tokens[token] = (kind, self.clock() + life)
        return token

    def _headers(self, endpoint: str) -> dict[str, str]:
        # The AppView's limit is one window per IP for every read, not one per method
        # (docs.bsky.app rate limits); createSession's is counted per handle.
        limit, remaining, reset = self.window.hit(endpoint if endpoint == SESSION else "ip")
        return {
            "ratelimit-limit": str(limit),
            "ratelimit-remaining": str(remaining),
            "ratelimit-reset": str(int(reset.timestamp())),
            "ratelimit-policy": f"{limit};w=300",
        }

    def _reply(self, body: Any, path: str, status: int = 200) -> web.Response:
        return web.json_response(body, status=status, headers=self._headers(path))

    def _refused(self, request: web.Request, kind: str) -> web.Response | None:
        """The PDS's answer to a missing, unknown, revoked or expired token; None if live."""
        auth = request.headers.get("Authorization", "")
        if not auth.startswith("Bearer "):
            body = {"error": "AuthenticationRequired", "message": "Authentication Required"}
            return self._reply(body, request.path, 401)
        token = auth.removeprefix("Bearer ")
        known = self.tokens.get(token)
        if known is None or known[0] != kind:
            body = {"error": "InvalidToken", "message": "Token could not be verified"}
        elif token in self.revoked:
            body = {"error": "ExpiredToken", "message": "Token has been revoked"}
        elif self.clock() >= known[1]:
            body = {"error": "ExpiredToken", "message": "Token has expired"}
        else:
            return None
        return self._reply(body, request.path, 400)

    async def _session(self, request: web.Request) -> web.Response:
        body = {
            "accessJwt": self.jwt(),
            "refreshJwt": self.jwt("refresh"),
            "handle": HANDLE,
            "did": DID,
            "active": True,
        }
        return self._reply(body, request.path)

    async def _refresh(self, request: web.Request) -> web.Response:
        if refused := self._refused(request, "refresh"):
            return refused
        self.revoked.add(request.headers["Authorization"].removeprefix("Bearer "))
        return await self._session(request)

    async def _resolve(self, request: web.Request) -> web.Response:
        did = self.handles.get(request.query.get("handle", "").lower())
        if did is None:
            body = {"error": "InvalidRequest", "message": "Unable to resolve handle"}
            return self._reply(body, request.path, 400)
        return self._reply({"did": did}, request.path)
