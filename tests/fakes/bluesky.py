"""A fake Bluesky PDS/AppView: searchPosts, listNotifications, createRecord, chat (sessions:
bluesky_session.py, which every call but the session's own goes through).

XRPC JSON shapes from the atproto lexicons; `ratelimit-*` headers; `{"error", "message"}`
bodies. As the PDS does, a createRecord with an `rkey` that exists is a 500
(bluesky-social/indigo#873). As the AppView does, searchPosts finds the posts we create as it
finds anyone's: where their text says the query's terms (`hit()` posts are found whatever it is).
"""

from __future__ import annotations

import hashlib
import itertools
import re
import zlib
from datetime import datetime
from typing import Any

from aiohttp import web

from tests.fakes.bluesky_chat import ChatService
from tests.fakes.bluesky_session import DID, HANDLE, BlueskySessionFake
from tests.fakes.bluesky_session import RESOLVE as RESOLVE  # the tests' import path
from tests.fakes.bluesky_session import SESSION as SESSION

SEARCH = "/xrpc/app.bsky.feed.searchPosts"
NOTIFICATIONS = "/xrpc/app.bsky.notification.listNotifications"
CREATE = "/xrpc/com.atproto.repo.createRecord"
GET_RECORD = "/xrpc/com.atproto.repo.getRecord"
POST_COLLECTION = "app.bsky.feed.post"
_TERM = re.compile(r'"[^"]*"|\S+')  # a quoted phrase, or a word


def _iso(when: datetime) -> str:
    return when.strftime("%Y-%m-%dT%H:%M:%S.") + f"{when.microsecond // 1000:03d}Z"


def _time(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def _says(query: str, view: dict[str, Any]) -> bool:
    """searchPosts' match, minimally: every term of `query` in the post's text, any case."""
    text = str(view["record"].get("text", "")).lower()
    terms = [t.strip('"').lower() for t in _TERM.findall(query)]
    return bool(terms) and all(t in text for t in terms)


def _sort_at(view: dict[str, Any]) -> datetime:
    # indexedAt alone when createdAt is no time the index can hold ("9999-12-31T23:59:59-01:00").
    try:
        return min(_time(view["record"]["createdAt"]), _time(view["indexedAt"]))
    except (ValueError, OverflowError):
        return _time(view["indexedAt"])


class BlueskyFake(BlueskySessionFake):
    """State: posts (search hits), notifications, and the records we created by rkey."""

    def __init__(self, *args: Any, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self._seq = itertools.count(1)
        self.lost_answers: dict[str, list[int]] = {}  # path -> statuses, see lose_answer()
        self.posts: list[dict[str, Any]] = []  # search hits, oldest first
        self.ours: list[dict[str, Any]] = []  # views of the posts we created, oldest first
        self.notifications: list[dict[str, Any]] = []
        self.records: dict[str, dict[str, Any]] = {}  # rkey -> {"uri","cid","value"}
        self.posts_by_uri: dict[str, dict[str, Any]] = {}
        self.gated: set[str] = set()  # thread roots whose threadgate shuts us out
        self.chat = ChatService(DID, HANDLE, self._reply, self.clock)
        for method, path, handler in self.chat.routes():
            self.handle(method, path, handler)
        self.handle("GET", "/xrpc/app.bsky.actor.getProfile", self._profile)
        self.handle("GET", SEARCH, self._search)
        self.handle("GET", NOTIFICATIONS, self._notifications)
        self.handle("POST", CREATE, self._create)
        self.handle("GET", GET_RECORD, self._get_record)
        self.handle("GET", "/xrpc/app.bsky.feed.getPosts", self._get_posts)

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
        root: str | None = None,  # the thread's first post, where `reply_to` is deeper
        lang: str | None = "en",
        created_at: datetime | None = None,  # earlier than now: a post indexed late
        facets: list[dict[str, Any]] | None = None,  # app.bsky.richtext.facet, byte-indexed
        embed: dict[str, Any] | None = None,  # the record's app.bsky.embed.* (as written)
        labels: list[dict[str, Any]] | None = None,  # labelers' com.atproto.label.defs#label
        self_labels: list[str] | None = None,  # the author's own ("porn"), in the record
        author_labels: list[dict[str, Any]] | None = None,  # labels on the author's account
        embed_view: dict[str, Any] | None = None,  # the AppView's app.bsky.embed.*#view
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
        if facets:
            record["facets"] = facets
        if embed:
            record["embed"] = embed
        if self_labels:
            values = [{"val": v} for v in self_labels]
            record["labels"] = {"$type": "com.atproto.label.defs#selfLabels", "values": values}
        if reply_to:
            ref = {"uri": reply_to, "cid": self.cid(reply_to)}
            top = {"uri": root, "cid": self.cid(root)} if root else ref
            record["reply"] = {"root": top, "parent": ref}
        uri = f"at://{did}/app.bsky.feed.post/3l{n:011d}"
        view = {
            "uri": uri,
            "cid": self.cid(uri),
            "record": record,
            "indexedAt": _iso(self.clock()),
            "author": {
                "did": did,
                "handle": f"{author}.bsky.social",
                "displayName": author.title(),
                "labels": author_labels or [],
            },
            "replyCount": 0,
            "repostCount": 0,
            "likeCount": 0,
            "quoteCount": 0,
            "labels": labels or [],
        }
        return {**view, "embed": embed_view} if embed_view else view

    @staticmethod
    def cid(uri: str) -> str:
        return "bafyrei" + hashlib.sha256(uri.encode()).hexdigest()[:52]

    def hit(self, text: str, **kw: Any) -> dict[str, Any]:
        view = self.post(text, **kw)
        self.posts.append(view)
        self.posts_by_uri[view["uri"]] = view
        return view

    def delete(self, uri: str) -> None:
        """The author deletes the post: the AppView no longer has it (getPosts leaves it out)."""
        self.posts_by_uri.pop(uri, None)
        self.posts = [p for p in self.posts if p["uri"] != uri]

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
                "labels": view["labels"],
            }
        )
        return view

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
        query = request.query.get("q", "")
        indexed = self.posts + [v for v in self.ours if _says(query, v)]
        items = [p for p in indexed if not since or _sort_at(p) >= _time(since)]
        items.sort(key=_sort_at)  # oldest first, as `_page` expects; stable for equal times
        page, cursor = self._page(request, items)
        body: dict[str, Any] = {"posts": page, "hitsTotal": len(items)}
        if cursor:
            body["cursor"] = cursor
        return self._reply(body, request.path)

    async def _notifications(self, request: web.Request) -> web.Response:
        reasons = request.query.getall("reasons", [])
        items = [n for n in self.notifications if not reasons or n["reason"] in reasons]
        # As the AppView: listed by sortAt, the earlier of createdAt and indexedAt, which it
        # serves as the notification's indexedAt (`notif.sortAt as indexedAt`).
        items = sorted(({**n, "indexedAt": _iso(_sort_at(n))} for n in items), key=_sort_at)
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
        if body["collection"] == POST_COLLECTION:
            self._index(uri, body["record"])
        if self.lost_answers.get(CREATE):
            status = self.lost_answers[CREATE].pop(0)
            return web.Response(status=status, text=f"<html><h1>{status}</h1></html>")
        return self._reply({"uri": uri, "cid": self.cid(uri)}, CREATE)

    def _index(self, uri: str, record: dict[str, Any]) -> None:
        """Our post as the AppView indexes it: a view by our account, found by search."""
        view = {
            "uri": uri,
            "cid": self.cid(uri),
            "record": record,
            "indexedAt": _iso(self.clock()),
            "author": {"did": DID, "handle": HANDLE, "displayName": "Lumora"},
            "replyCount": 0,
            "repostCount": 0,
            "likeCount": 0,
            "quoteCount": 0,
        }
        self.ours.append(view)
        self.posts_by_uri[uri] = view

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
