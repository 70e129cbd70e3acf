"""The fake X's reading endpoints: recent search, the brand's mentions, its own posts, a user.

Like X (docs.x.com, fields): a post carries `id`, `text` and `edit_history_tweet_ids` unless
`tweet.fields` asks for more, a user `id`, `name` and `username` unless `user.fields` does, and
`includes.users` comes only with `expansions=author_id`. Recent search returns every public
post that matches its query, ours too: a post of ours is found when it says the query's terms.
"""

from __future__ import annotations

import base64
import json
from datetime import datetime, timedelta
from typing import Any

from aiohttp import web

from tests.fakes.x_wire import (
    BRAND_ID,
    fields,
    invalid_since,
    is_retweet,
    matches,
    not_found,
    served,
    user,
)

MENTIONS = f"/2/users/{BRAND_ID}/mentions"


class Reading:
    """Mixed into XFake, whose posts, users, clock and headers it reads."""

    tweets: list[dict[str, Any]]
    posted: list[dict[str, Any]]
    users: dict[str, dict[str, Any]]
    in_search: set[str]
    in_mentions: set[str]
    clock: Any
    _headers: Any

    def _page(self, request: web.Request, ids: set[str], token_name: str) -> web.Response:
        q = request.query
        if "-is:retweet" in q.get("query", ""):
            ids = {t["id"] for t in self.tweets if t["id"] in ids and not is_retweet(t)}
        since = int(q.get("since_id", "0"))
        size = int(q.get("max_results", "10"))
        token = q.get(token_name)
        fresh: dict[str, Any] = {"off": 0, "upper": None}
        state = json.loads(base64.b64decode(token)) if token else fresh
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
        body: dict[str, Any] = {
            "data": [served(t, fields(request, "tweet.fields")) for t in page],
            "meta": meta,
        }
        self._expand(request, page, body)
        return web.json_response(body, headers=headers)

    def _expand(self, request: web.Request, page: list[dict[str, Any]], body: Any) -> None:
        """`includes` as `expansions` ask: the posts' authors, the posts they reference (with
        their authors on `referenced_tweets.id.author_id`). Like X, a referenced post that is
        gone (deleted, its author suspended) is an error object beside the data, not a 4xx."""
        asked = fields(request, "expansions")
        authors = {t["author_id"] for t in page} if "author_id" in asked else set()
        includes: dict[str, Any] = {}
        if "referenced_tweets.id" in asked:
            ids = dict.fromkeys(r["id"] for t in page for r in t.get("referenced_tweets") or [])
            known = {t["id"]: t for t in self.tweets}
            found = [known[i] for i in ids if i in known]
            tweet_fields = fields(request, "tweet.fields")
            includes["tweets"] = [served(t, tweet_fields) for t in found]
            if "referenced_tweets.id.author_id" in asked:
                authors |= {t["author_id"] for t in found}
            if errors := [not_found(i) for i in ids if i not in known]:
                body["errors"] = errors
        if authors:
            users = [user(self.users[a], fields(request, "user.fields")) for a in sorted(authors)]
            includes["users"] = users
        if includes := {k: v for k, v in includes.items() if v}:
            body["includes"] = includes

    async def _search(self, request: web.Request) -> web.Response:
        # Recent search covers seven days, and refuses a since_id from before them.
        week_ago = self.clock() - timedelta(days=7)
        since = request.query.get("since_id")
        tweet = next((t for t in self.tweets if t["id"] == since), None)
        if tweet and datetime.fromisoformat(tweet["created_at"]) < week_ago:
            headers = self._headers(request.path)
            body = invalid_since(since or "", week_ago)
            return web.json_response(body, status=400, headers=headers)
        recent = {
            t["id"] for t in self.tweets if datetime.fromisoformat(t["created_at"]) >= week_ago
        }
        query = request.query.get("query", "")
        ours = {t["id"] for t in self.posted if matches(query, t["text"])}
        return self._page(request, (self.in_search | ours) & recent, "next_token")

    async def _mentions(self, request: web.Request) -> web.Response:
        return self._page(request, self.in_mentions, "pagination_token")

    async def _brand(self, request: web.Request) -> web.Response:
        body = {"data": user(self.users[BRAND_ID], fields(request, "user.fields"))}
        return web.json_response(body, headers=self._headers(request.path))

    async def _our_tweets(self, request: web.Request) -> web.Response:
        since = int(request.query.get("since_id", "0"))
        size = int(request.query.get("max_results", "10"))
        offset = int(request.query.get("pagination_token", "0"))
        asked = fields(request, "tweet.fields")
        mine = [served(t, asked) for t in reversed(self.posted) if int(t["id"]) > since]
        page = mine[offset : offset + size]
        body: dict[str, Any] = {"meta": {"result_count": len(page)}}
        if page:
            body["data"] = page
        if offset + size < len(mine):
            body["meta"]["next_token"] = str(offset + size)
        return web.json_response(body, headers=self._headers(request.path))
