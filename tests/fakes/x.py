"""A fake X API v2: recent search, user mentions, users, posting replies and DMs.

Shapes follow docs.x.com: string ids, `data`/`includes.users`/`meta` with `next_token`,
`x-rate-limit-*` headers on every answer, problem-format error bodies.
"""

from __future__ import annotations

import base64
import itertools
import json
import zlib
from datetime import datetime, timedelta
from typing import Any

from aiohttp import web

from tests.fakes.platform import PlatformFake, Window

BRAND_ID = "1000"
BRAND = {"id": BRAND_ID, "username": "lumora", "name": "Lumora", "public_metrics": {}}
SEARCH = "/2/tweets/search/recent"
MENTIONS = f"/2/users/{BRAND_ID}/mentions"
POST = "/2/tweets"
OUR_TWEETS = f"/2/users/{BRAND_ID}/tweets"


def _iso(when: datetime) -> str:
    return when.strftime("%Y-%m-%dT%H:%M:%S.") + f"{when.microsecond // 1000:03d}Z"


def problem(status: int, title: str, detail: str = "") -> dict[str, Any]:
    return {"title": title, "detail": detail or title, "type": "about:blank", "status": status}


def _invalid_since(since: str, week_ago: datetime) -> dict[str, Any]:
    message = f"Invalid 'since_id':'{since}'. 'since_id' must be a tweet id created after "
    return {
        "errors": [{"parameters": {"since_id": [since]}, "message": message + _iso(week_ago)}],
        "title": "Invalid Request",
        "detail": "One or more parameters to your request was invalid.",
        "type": "https://api.twitter.com/2/problems/invalid-request",
    }


def _fields(request: web.Request, name: str) -> list[str]:
    return request.query.get(name, "").split(",")


class XFake(PlatformFake):
    """State: published tweets, users, what we posted and DMed."""

    def __init__(self, *args: Any, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self._ids = itertools.count(1_800_000_000_000_000_000)
        self.tweets: list[dict[str, Any]] = []  # oldest first
        self.in_search: set[str] = set()
        self.in_mentions: set[str] = set()
        self.users: dict[str, dict[str, Any]] = {BRAND_ID: BRAND}
        self.posted: list[dict[str, Any]] = []
        self.dms: list[dict[str, Any]] = []
        self.daily: Window | None = None  # see cap_daily()
        self.daily_scope = "user"
        self.handle("GET", SEARCH, self._search)
        self.handle("GET", MENTIONS, self._mentions)
        self.handle("GET", "/2/users/by/username/lumora", self._brand)
        self.handle("GET", "/2/users/me", self._brand)
        self.handle("POST", POST, self._post)
        self.handle("GET", OUR_TWEETS, self._our_tweets)

    def next_id(self) -> str:
        return str(next(self._ids))

    def publish(
        self,
        text: str,
        *,
        author: str = "alice",
        followers: int = 10,
        search: bool = True,
        mention: bool = True,
        lang: str = "en",
        tweet_id: str | None = None,
        created_at: datetime | None = None,
    ) -> dict[str, Any]:
        """A tweet by `author` that the search and/or mentions endpoints return."""
        user_id = str(zlib.crc32(author.encode()) + 10)
        self.users[user_id] = {
            "id": user_id,
            "username": author,
            "name": author.title(),
            "public_metrics": {"followers_count": followers, "following_count": 1},
        }
        tid = tweet_id or self.next_id()
        tweet = {
            "id": tid,
            "text": text,
            "author_id": user_id,
            "created_at": _iso(created_at or self.clock()),
            "conversation_id": tid,
            "lang": lang,
            "edit_history_tweet_ids": [tid],
        }
        self.tweets.append(tweet)
        if search:
            self.in_search.add(tid)
        if mention:
            self.in_mentions.add(tid)
        dm_path = f"/2/dm_conversations/with/{user_id}/messages"
        if ("POST", dm_path) not in self.api._routes:
            self.handle("POST", dm_path, self._dm)
            self.handle("GET", f"/2/dm_conversations/with/{user_id}/dm_events", self._dm_events)
        return tweet

    def delete(self, tweet_id: str) -> None:
        self.tweets = [t for t in self.tweets if t["id"] != tweet_id]

    # --- reading --------------------------------------------------------------------------

    def _headers(self, endpoint: str) -> dict[str, str]:
        limit, remaining, reset = self.window.hit(endpoint)
        return {
            "x-rate-limit-limit": str(limit),
            "x-rate-limit-remaining": str(remaining),
            "x-rate-limit-reset": str(int(reset.timestamp())),
        }

    def _page(self, request: web.Request, ids: set[str], token_name: str) -> web.Response:
        q = request.query
        since = int(q.get("since_id", "0"))
        size = int(q.get("max_results", "10"))
        token = q.get(token_name)
        state = json.loads(base64.b64decode(token)) if token else {"off": 0, "upper": None}
        upper = state["upper"]
        matching = [
            t
            for t in reversed(self.tweets)
            if t["id"] in ids and int(t["id"]) > since and (upper is None or int(t["id"]) <= upper)
        ]
        if upper is None and matching:
            upper = int(matching[0]["id"])
        page = matching[state["off"] : state["off"] + size]
        headers = self._headers(request.path)
        if not page:
            return web.json_response({"meta": {"result_count": 0}}, headers=headers)
        meta: dict[str, Any] = {
            "newest_id": page[0]["id"],
            "oldest_id": page[-1]["id"],
            "result_count": len(page),
        }
        if state["off"] + size < len(matching):
            nxt = {"off": state["off"] + size, "upper": upper}
            meta["next_token"] = base64.b64encode(json.dumps(nxt).encode()).decode()
        authors = {t["author_id"] for t in page}
        body = {
            "data": page,
            "includes": {"users": [self.users[a] for a in sorted(authors)]},
            "meta": meta,
        }
        return web.json_response(body, headers=headers)

    async def _search(self, request: web.Request) -> web.Response:
        # Recent search covers seven days, and refuses a since_id from before them.
        week_ago = self.clock() - timedelta(days=7)
        since = request.query.get("since_id")
        tweet = next((t for t in self.tweets if t["id"] == since), None)
        if tweet and datetime.fromisoformat(tweet["created_at"]) < week_ago:
            headers = self._headers(request.path)
            body = _invalid_since(since or "", week_ago)
            return web.json_response(body, status=400, headers=headers)
        recent = {
            t["id"] for t in self.tweets if datetime.fromisoformat(t["created_at"]) >= week_ago
        }
        return self._page(request, self.in_search & recent, "next_token")

    async def _mentions(self, request: web.Request) -> web.Response:
        return self._page(request, self.in_mentions, "pagination_token")

    async def _brand(self, request: web.Request) -> web.Response:
        return web.json_response({"data": BRAND}, headers=self._headers(request.path))

    # --- posting --------------------------------------------------------------------------

    def cap_daily(self, limit: int, *, scope: str = "user") -> None:
        """Cap posts (and DMs, counted apart) at `limit` per 24 hours, like X's user or app
        caps: answers carry `x-{scope}-limit-24hour-*`; one past the cap is a 429 whose
        15-minute `x-rate-limit-*` window is not spent."""
        self.daily = Window(self.clock, limit=limit, seconds=86400)
        self.daily_scope = scope

    def _write_headers(self, endpoint: str) -> tuple[dict[str, str], bool]:
        """The answer's headers, and whether the daily cap refuses this write."""
        headers = self._headers(endpoint)
        if self.daily is None:
            return headers, False
        limit, remaining, reset = self.daily.hit(endpoint)
        cap = f"x-{self.daily_scope}-limit-24hour"
        headers[f"{cap}-limit"] = str(limit)
        headers[f"{cap}-remaining"] = str(remaining)
        headers[f"{cap}-reset"] = str(int(reset.timestamp()))
        return headers, self.daily.used[endpoint] > limit

    def tweeted(
        self, text: str, *, reply_to: str | None = None, at: datetime | None = None
    ) -> dict[str, Any]:
        """A tweet of ours (a reply to `reply_to`), posted `at` (now by the fake clock)."""
        tid = self.next_id()
        tweet = {
            "id": tid,
            "text": text,
            "author_id": BRAND_ID,
            "created_at": _iso(at or self.clock()),
            "edit_history_tweet_ids": [tid],
        }
        if reply_to:
            tweet["referenced_tweets"] = [{"type": "replied_to", "id": reply_to}]
        self.posted.append(tweet)
        return tweet

    async def _post(self, request: web.Request) -> web.Response:
        body = await request.json()
        headers, refused = self._write_headers(POST)
        if refused:
            return web.json_response(problem(429, "Too Many Requests"), status=429, headers=headers)
        reply_to = (body.get("reply") or {}).get("in_reply_to_tweet_id")
        tid = self.tweeted(body["text"], reply_to=reply_to)["id"]
        return web.json_response(
            {"data": {"id": tid, "text": body["text"], "edit_history_tweet_ids": [tid]}},
            status=201,
            headers=headers,
        )

    async def _our_tweets(self, request: web.Request) -> web.Response:
        since = int(request.query.get("since_id", "0"))
        size = int(request.query.get("max_results", "10"))
        offset = int(request.query.get("pagination_token", "0"))
        # Like X, `created_at` only when `tweet.fields` asks for it.
        hidden = {"created_at"} - set(_fields(request, "tweet.fields"))
        mine = [
            {k: v for k, v in t.items() if k not in hidden}
            for t in reversed(self.posted)
            if int(t["id"]) > since
        ]
        page = mine[offset : offset + size]
        body: dict[str, Any] = {"meta": {"result_count": len(page)}}
        if page:
            body["data"] = page
        if offset + size < len(mine):
            body["meta"]["next_token"] = str(offset + size)
        return web.json_response(body, headers=self._headers(request.path))

    def dm_sent(self, participant: str, text: str, *, at: datetime | None = None) -> dict[str, Any]:
        """A DM from us to `participant`, sent `at` (now by the fake clock)."""
        event = {
            "id": self.next_id(),
            "event_type": "MessageCreate",
            "text": text,
            "sender_id": BRAND_ID,
            "dm_conversation_id": f"{BRAND_ID}-{participant}",
            "created_at": _iso(at or self.clock()),
            "participant": participant,
        }
        self.dms.append(event)
        return event

    async def _dm(self, request: web.Request) -> web.Response:
        participant = request.path.split("/")[4]
        headers, refused = self._write_headers("dm")
        if refused:
            return web.json_response(problem(429, "Too Many Requests"), status=429, headers=headers)
        event = self.dm_sent(participant, (await request.json())["text"])
        data = {"dm_conversation_id": event["dm_conversation_id"], "dm_event_id": event["id"]}
        return web.json_response({"data": data}, status=201, headers=headers)

    async def _dm_events(self, request: web.Request) -> web.Response:
        participant = request.path.split("/")[4]
        # Like X, `created_at` only when `dm_event.fields` asks for it.
        hidden = {"participant"} | ({"created_at"} - set(_fields(request, "dm_event.fields")))
        events = [
            {k: v for k, v in e.items() if k not in hidden}
            for e in reversed(self.dms)
            if e["participant"] == participant
        ]
        body: dict[str, Any] = {"meta": {"result_count": len(events)}}
        if events:
            body["data"] = events
        return web.json_response(body, headers=self._headers("dm_events"))
