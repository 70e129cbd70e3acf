"""A fake Reddit: OAuth token, subreddit search and newest comments, inbox mentions, comment
replies and messages.

Listings are `{"kind": "Listing", "data": {"after", "before", "dist", "children": [...]}}`,
newest first, paged with `after` (a fullname); every answer carries the three
`x-ratelimit-*` headers (asyncprawcore reads all three or none).

`/r/<subs>/search` answers as Reddit does for a subreddit that is not there: 302 to subreddit
search for an unknown name, 404 `{"reason": "banned"}` for a banned one, 403
`{"reason": "private"}` for a private one. It matches `q` minimally: terms joined by " OR ",
each alternative's words all in the title or text (any case), and keeps to the named
subreddits only with `restrict_sr=on`, as Reddit does. `/r/<subs>/comments` lists every
comment in those subreddits (ours too), unfiltered, and refuses a subreddit as search does; a
comment that says u/lumora_bot is in the inbox as well, as Reddit files it. Once an app is
registered (`register_app`), the token endpoint answers 401 to any other client id or secret, as
Reddit does.
"""

from __future__ import annotations

import base64
import itertools
from datetime import datetime
from typing import Any

from aiohttp import web

from tests.fakes.platform import PlatformFake
from tests.fakes.reddit_posting import COMMENT, COMPOSE, Posting
from tests.fakes.reddit_wire import (
    ME,
    comment,
    inbox_form,
    listing,
    matches,
    subreddit_of,
    subreddit_refusal,
    tags_us,
)

__all__ = ["COMMENT", "COMPOSE", "ME", "RedditFake", "comments_path", "search_path"]
TOKEN = "/api/v1/access_token"
MENTIONS = "/message/mentions"
CLIENT_WINDOW = "client"


def search_path(subreddits: str = "all") -> str:
    return f"/r/{subreddits}/search"


def comments_path(subreddits: str = "lumora") -> str:
    return f"/r/{subreddits}/comments"


class RedditFake(Posting, PlatformFake):
    """State: submissions and comments, what we commented and messaged."""

    def __init__(self, *args: Any, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.window.seconds = 600
        self._ids = itertools.count(1000)
        self.search_items: list[dict[str, Any]] = []  # oldest first
        self.inbox: list[dict[str, Any]] = []
        self.comments: list[dict[str, Any]] = []  # ours
        self.sub_comments: list[dict[str, Any]] = []  # everyone's, ours too; oldest first
        self.messages: list[dict[str, Any]] = []  # ours
        self.lost_answers: dict[str, list[int]] = {}  # path → statuses, see lose_answer()
        self.subreddits = {"all", "lumora"}  # those that exist, lower case, beside the banned
        self.banned: set[str] = set()
        self.private: set[str] = set()
        self.apps: dict[str, str] = {}  # client id → secret, see register_app(); none: any
        self.no_messages: set[str] = set()  # authors who take messages only from a whitelist
        self.deleted: set[str] = set()  # fullnames of comments and posts deleted meanwhile
        self.handle("POST", TOKEN, self._token)
        self.api.route_pattern("GET", r"/r/[^/]+/search", self._search)
        self.api.route_pattern("GET", r"/r/[^/]+/comments", self._sub_comments)
        self.handle("GET", MENTIONS, self._mentions)
        self.handle("GET", "/api/v1/me", self._me)
        self.handle("POST", COMMENT, self._comment)
        self.handle("POST", COMPOSE, self._compose)
        self.handle("GET", f"/user/{ME}/comments", self._our_comments)
        self.handle("GET", "/message/sent", self._sent)

    def _id(self) -> str:
        return format(next(self._ids), "x") + "z"

    def _created(self, when: datetime | None) -> float:
        return (when or self.clock()).timestamp()

    def submit(
        self,
        title: str,
        *,
        author: str = "alice",
        body: str = "",
        sub: str = "lumora",
        created_at: datetime | None = None,
        link: str | None = None,
    ) -> dict[str, Any]:
        """A submission the search returns: a link post where `link` is given (`is_self`
        false, `url` the address), else a text post (`url` its own permalink)."""
        sid = self._id()
        item = {
            "kind": "t3",
            "data": {
                "id": sid,
                "name": f"t3_{sid}",
                "title": title,
                "selftext": body,
                "author": author,
                "author_fullname": f"t2_{author}",
                "subreddit": sub,
                "created_utc": self._created(created_at),
                "num_comments": 0,
                "permalink": f"/r/{sub}/comments/{sid}/x/",
                "url": link or f"https://reddit.test/{sid}",
            },
        }
        if link is not None:
            item["data"]["is_self"] = False
        self.search_items.append(item)
        return item

    def crosspost(
        self, parent: dict[str, Any], *, by: str, sub: str = "lamps", title: str | None = None
    ) -> str:
        """`by` crossposts `parent` to r/`sub`, keeping its title unless given one, as Reddit
        lists it: the original's data in crosspost_parent_list, no selftext of its own."""
        item = self.submit(title or parent["data"]["title"], author=by, sub=sub)
        item["data"]["crosspost_parent"] = parent["data"]["name"]
        item["data"]["crosspost_parent_list"] = [dict(parent["data"])]
        return str(item["data"]["name"])

    def remove(self, item: dict[str, Any], *, by: str = "moderator") -> None:
        """Take a submission down as Reddit lists one then: author and title kept, its text
        "[removed]" and `removed_by_category` saying who (moderator, reddit, automod_filtered)."""
        item["data"]["selftext"] = "[removed]" if item["data"]["selftext"] else ""
        item["data"]["removed_by_category"] = by

    def mention(
        self,
        body: str,
        *,
        author: str = "bob",
        link: str = "t3_abc",
        created_at: datetime | None = None,
    ) -> dict[str, Any]:
        """A username mention in our inbox alone (made in a subreddit not listed here): a t1
        comment as the inbox lists one, its submission only in `context` (no `link_id`)."""
        when, cid = self._created(created_at), self._id()
        listed = comment(
            cid, body, author=author, sub="lumora", link=link, parent=link, created=when
        )
        item = inbox_form(listed)
        self.inbox.append(item)
        return item

    def comment(
        self,
        body: str,
        *,
        author: str = "carol",
        sub: str = "lumora",
        link: str = "t3_abc",
        parent: str | None = None,
        created_at: datetime | None = None,
    ) -> dict[str, Any]:
        """Someone's comment under `link`, listed in its subreddit's newest comments (and in
        our inbox too when it says u/lumora_bot)."""
        when, cid = self._created(created_at), self._id()
        item = comment(
            cid, body, author=author, sub=sub, link=link, parent=parent or link, created=when
        )
        self.sub_comments.append(item)
        if tags_us(body):
            self.inbox.append(inbox_form(item))
        return item

    def _headers(self) -> dict[str, str]:
        # One window per OAuth client, whatever the endpoint ("per user-client": Reddit's API
        # rules; asyncprawcore keeps one RateLimiter per session for it).
        limit, remaining, reset = self.window.hit(CLIENT_WINDOW)
        seconds = max(1, int((reset - self.clock()).total_seconds()))
        return {
            "x-ratelimit-used": str(limit - remaining),
            "x-ratelimit-remaining": f"{float(remaining):.1f}",
            "x-ratelimit-reset": str(seconds),
        }

    def _listing(self, request: web.Request, items: list[dict[str, Any]]) -> web.Response:
        limit = int(request.query.get("limit", "25"))
        newest_first = list(reversed(items))
        after = request.query.get("after")
        start = 0
        if after:
            names = [i["data"]["name"] for i in newest_first]
            start = names.index(after) + 1 if after in names else len(names)
        page = newest_first[start : start + limit]
        body = listing(page, start + limit < len(newest_first))
        return web.json_response(body, headers=self._headers())

    def register_app(self, client_id: str, secret: str) -> None:
        """From now on only registered apps get a token: others get Reddit's 401 (a bad
        client id or secret is refused at the token endpoint, not with an OAuth error)."""
        self.apps[client_id] = secret

    async def _token(self, request: web.Request) -> web.Response:
        auth = request.headers.get("Authorization", "")
        given = base64.b64decode(auth.removeprefix("Basic ")).decode() if auth else ":"
        client_id, _, secret = given.partition(":")
        if self.apps and self.apps.get(client_id) != secret:
            return web.json_response({"message": "Unauthorized", "error": 401}, status=401)
        body = {
            "access_token": "reddit-token",
            "token_type": "bearer",
            "expires_in": 86400,
            "scope": "*",
        }
        return web.json_response(body)

    async def _search(self, request: web.Request) -> web.Response:
        self.request_times.append((request.path, self.clock()))
        subs = request.path.split("/")[2].lower().split("+")
        if refused := self._refused(subs):
            return refused
        everywhere = "all" in subs or request.query.get("restrict_sr") not in ("on", "1", "true")
        query = request.query.get("q", "")
        found = [
            item
            for item in self.search_items
            if (everywhere or subreddit_of(item) in subs) and matches(query, item)
        ]
        return self._listing(request, found)

    async def _sub_comments(self, request: web.Request) -> web.Response:
        self.request_times.append((request.path, self.clock()))
        subs = request.path.split("/")[2].lower().split("+")
        if refused := self._refused(subs):
            return refused
        listed = [i for i in self.sub_comments if "all" in subs or subreddit_of(i) in subs]
        return self._listing(request, listed)

    def _refused(self, subs: list[str]) -> web.Response | None:
        known = self.subreddits | {subreddit_of(i) for i in self.search_items + self.sub_comments}
        return subreddit_refusal(subs, known=known, banned=self.banned, private=self.private)

    async def _mentions(self, request: web.Request) -> web.Response:
        return self._listing(request, self.inbox)

    async def _me(self, request: web.Request) -> web.Response:
        return web.json_response({"name": ME, "id": "me1"}, headers=self._headers())
