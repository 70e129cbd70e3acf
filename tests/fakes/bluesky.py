"""A fake Bluesky PDS/AppView: sessions, searchPosts, listNotifications, createRecord, chat.

XRPC JSON shapes from the atproto lexicons; `ratelimit-*` headers; `{"error", "message"}`
bodies. As the PDS does: every call but createSession, refreshSession and resolveHandle needs
a live access token (an expired one is a 400 `ExpiredToken`, not a 401), and a createRecord
with an `rkey` that exists is a 500 (bluesky-social/indigo#873).

Token lifetimes run on the fake's clock while the JWT's `exp` claim is wall time, so the
client does not refresh on its own: the PDS's refusal is what a test sees, as when the PDS
revoked the session or our clock runs behind its own.
"""

from __future__ import annotations

import base64
import hashlib
import itertools
import json
import zlib
from datetime import datetime, timedelta
from typing import Any

from aiohttp import web

from tests.fakes.bluesky_chat import PRIVILEGED, ChatService
from tests.fakes.platform import PlatformFake

DID = "did:plc:lumorabrand"
HANDLE = "lumora.bsky.social"
SEARCH = "/xrpc/app.bsky.feed.searchPosts"
NOTIFICATIONS = "/xrpc/app.bsky.notification.listNotifications"
CREATE = "/xrpc/com.atproto.repo.createRecord"
SESSION = "/xrpc/com.atproto.server.createSession"
REFRESH = "/xrpc/com.atproto.server.refreshSession"
RESOLVE = "/xrpc/com.atproto.identity.resolveHandle"
GET_RECORD = "/xrpc/com.atproto.repo.getRecord"
_OPEN = {SESSION, REFRESH, RESOLVE}  # served without an access token


def _b64(data: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")


def _iso(when: datetime) -> str:
    return when.strftime("%Y-%m-%dT%H:%M:%S.") + f"{when.microsecond // 1000:03d}Z"


def _time(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def _sort_at(view: dict[str, Any]) -> datetime:
    # indexedAt alone when createdAt is no time the index can hold ("9999-12-31T23:59:59-01:00").
    try:
        return min(_time(view["record"]["createdAt"]), _time(view["indexedAt"]))
    except (ValueError, OverflowError):
        return _time(view["indexedAt"])


class BlueskyFake(PlatformFake):
    """State: posts (search hits), notifications, and the records we created by rkey."""

    def __init__(self, *args: Any, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.window.seconds = 300
        self._seq = itertools.count(1)
        self._jti = itertools.count(1)
        self.access_lifetime = timedelta(hours=2)  # the PDS's; on the fake's clock
        self.refresh_lifetime = timedelta(days=90)
        self.tokens: dict[str, tuple[str, datetime]] = {}  # jwt -> (scope kind, expires at)
        self.revoked: set[str] = set()  # refresh tokens already exchanged
        self.handles: dict[str, str] = {HANDLE: DID}  # for resolveHandle
        self.lost_answers: dict[str, list[int]] = {}  # path -> statuses, see lose_answer()
        self.posts: list[dict[str, Any]] = []  # search hits, oldest first
        self.notifications: list[dict[str, Any]] = []
        self.records: dict[str, dict[str, Any]] = {}  # rkey -> {"uri","cid","value"}
        self.posts_by_uri: dict[str, dict[str, Any]] = {}
        self.gated: set[str] = set()  # thread roots whose threadgate shuts us out
        # Whether our app password was created with "Allow access to your direct messages".
        self.dm_access = True
        self.chat = ChatService(DID, HANDLE, self._reply, self.clock)
        for method, path, handler in self.chat.routes():
            self.handle(method, path, handler)
        self.handle("POST", SESSION, self._session)
        self.handle("POST", REFRESH, self._refresh)
        self.handle("GET", RESOLVE, self._resolve)
        self.handle("GET", "/xrpc/app.bsky.actor.getProfile", self._profile)
        self.handle("GET", SEARCH, self._search)
        self.handle("GET", NOTIFICATIONS, self._notifications)
        self.handle("POST", CREATE, self._create)
        self.handle("GET", GET_RECORD, self._get_record)
        self.handle("GET", "/xrpc/app.bsky.feed.getPosts", self._get_posts)

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

    def lose_answer(self, path: str, status: int = 502) -> None:
        """Carry out the next POST to `path`, then answer `status` instead of the result, as
        when a gateway times out after the PDS stored the record."""
        self.lost_answers.setdefault(path, []).append(status)

    def post(
        self,
        text: str,
        *,
        author: str = "fern",
        reply_to: str | None = None,
        lang: str | None = "en",
        created_at: datetime | None = None,  # earlier than now: a post indexed late
    ) -> dict[str, Any]:
        n = next(self._seq)
        did = f"did:plc:{zlib.crc32(author.encode()):x}"
        self.handles[f"{author}.bsky.social"] = did
        record: dict[str, Any] = {
            "$type": "app.bsky.feed.post",
            "text": text,
            "createdAt": _iso(created_at or self.clock()),
        }
        if lang:
            record["langs"] = [lang]
        if reply_to:
            ref = {"uri": reply_to, "cid": self.cid(reply_to)}
            record["reply"] = {"root": ref, "parent": ref}
        uri = f"at://{did}/app.bsky.feed.post/3l{n:011d}"
        return {
            "uri": uri,
            "cid": self.cid(uri),
            "record": record,
            "indexedAt": _iso(self.clock()),
            "author": {
                "did": did,
                "handle": f"{author}.bsky.social",
                "displayName": author.title(),
            },
            "replyCount": 0,
            "repostCount": 0,
            "likeCount": 0,
            "quoteCount": 0,
        }

    @staticmethod
    def cid(uri: str) -> str:
        return "bafyrei" + hashlib.sha256(uri.encode()).hexdigest()[:52]

    def hit(self, text: str, **kw: Any) -> dict[str, Any]:
        view = self.post(text, **kw)
        self.posts.append(view)
        self.posts_by_uri[view["uri"]] = view
        return view

    def mention(self, text: str, *, reason: str = "mention", **kw: Any) -> dict[str, Any]:
        view = self.post(text, **kw)
        self.posts_by_uri[view["uri"]] = view
        self.notifications.append(
            {
                "uri": view["uri"],
                "cid": view["cid"],
                "author": view["author"],
                "reason": reason,
                "record": view["record"],
                "isRead": False,
                "indexedAt": view["indexedAt"],
                "labels": [],
            }
        )
        return view

    def _headers(self, endpoint: str) -> dict[str, str]:
        limit, remaining, reset = self.window.hit(endpoint)
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

    async def _profile(self, request: web.Request) -> web.Response:
        body = {"did": DID, "handle": HANDLE, "displayName": "Lumora", "followersCount": 900}
        return self._reply(body, request.path)

    def _page(self, request: web.Request, items: list[dict[str, Any]]) -> tuple[list[Any], Any]:
        limit = int(request.query.get("limit", "25"))
        start = int(request.query.get("cursor", "0"))
        newest_first = list(reversed(items))
        page = newest_first[start : start + limit]
        more = start + limit < len(newest_first)
        return page, (str(start + limit) if more else None)

    async def _search(self, request: web.Request) -> web.Response:
        # searchPosts filters on sortAt, the earlier of createdAt and indexedAt, as times
        # (a createdAt may have no milliseconds, or an offset), and `latest` sorts by it.
        since = request.query.get("since")
        items = [p for p in self.posts if not since or _sort_at(p) >= _time(since)]
        items.sort(key=_sort_at)  # oldest first, as `_page` expects; stable for equal times
        page, cursor = self._page(request, items)
        body: dict[str, Any] = {"posts": page, "hitsTotal": len(items)}
        if cursor:
            body["cursor"] = cursor
        return self._reply(body, request.path)

    async def _notifications(self, request: web.Request) -> web.Response:
        reasons = request.query.getall("reasons", [])
        items = [n for n in self.notifications if not reasons or n["reason"] in reasons]
        page, cursor = self._page(request, items)
        body: dict[str, Any] = {"notifications": page, "seenAt": _iso(self.clock())}
        if cursor:
            body["cursor"] = cursor
        return self._reply(body, request.path)

    async def _create(self, request: web.Request) -> web.Response:
        body = await request.json()
        rkey = body.get("rkey") or f"3m{next(self._seq):011d}"
        if rkey in self.records:  # the repo refuses the write; the PDS does not say why
            error = {"error": "InternalServerError", "message": "Internal Server Error"}
            return self._reply(error, CREATE, 500)
        uri = f"at://{body['repo']}/{body['collection']}/{rkey}"
        self.records[rkey] = {"uri": uri, "cid": self.cid(uri), "value": body["record"]}
        if self.lost_answers.get(CREATE):
            status = self.lost_answers[CREATE].pop(0)
            return web.Response(status=status, text=f"<html><h1>{status}</h1></html>")
        return self._reply({"uri": uri, "cid": self.cid(uri)}, CREATE)

    async def _get_record(self, request: web.Request) -> web.Response:
        record = self.records.get(request.query["rkey"])
        if record is None:
            uri = f"at://{request.query['repo']}/{request.query['collection']}/{request.query['rkey']}"
            error = {"error": "RecordNotFound", "message": f"Could not locate record: {uri}"}
            return self._reply(error, request.path, 400)
        return self._reply(record, request.path)

    async def _get_posts(self, request: web.Request) -> web.Response:
        """Post views with the `viewer` state the AppView adds for the signed-in account:
        `replyDisabled` when the thread's root has a threadgate we do not pass."""
        known = self.posts_by_uri
        views = [known[u] for u in request.query.getall("uris", []) if u in known]
        posts = []
        for view in views:
            root = view["record"].get("reply", {}).get("root", {}).get("uri", view["uri"])
            viewer: dict[str, Any] = {"threadMuted": False, "embeddingDisabled": False}
            if root in self.gated:
                viewer["replyDisabled"] = True
            posts.append({**view, "viewer": viewer})
        return self._reply({"posts": posts}, request.path)
