"""A fake X API v2: recent search, user mentions, users, posting replies and DMs.

Shapes follow docs.x.com: string ids, `data`/`includes.users`/`meta` with `next_token`,
`x-rate-limit-*` headers on every answer, problem-format error bodies. Like X (x_wire.py):
text is served entity-escaped, a post over 280 characters is cut unless `note_tweet` is
asked for, search drops retweets only for `-is:retweet`, a post over 280 is refused (400),
so is the same text again in reply to the same post within a day (403 duplicate content)
or a reply to a deleted tweet (403, `delete()`), and a spent monthly cap (`cap_usage`) answers
429 usage-capped everywhere. Our posts and DMs are kept with t.co links, a reply led by the
@handle it answers (`as_posted`), and recent search finds our posts as it finds anyone's
(reading, and the fields X sends unless asked: x_read.py).
"""

from __future__ import annotations

import itertools
import zlib
from datetime import datetime, timedelta
from typing import Any

from aiohttp import web

from tests.fakes.platform import PlatformFake, Window
from tests.fakes.x_dms import DirectMessages
from tests.fakes.x_read import MENTIONS, Reading
from tests.fakes.x_wire import (
    BRAND_ID,
    USAGE_CAPPED,
    as_posted,
    iso,
    problem,
    refusal,
    retweet_text,
    served,
    written,
)

BRAND = {"id": BRAND_ID, "username": "lumora", "name": "Lumora", "public_metrics": {}}
SEARCH = "/2/tweets/search/recent"
POST = "/2/tweets"
OUR_TWEETS = f"/2/users/{BRAND_ID}/tweets"

# X's answer to a reply to a deleted tweet (one hidden from us, by a block or a protected
# account, is answered alike): problem format, its words in `detail`.
REPLY_GONE = problem(
    403, "Forbidden", "You attempted to reply to a Tweet that is deleted or not visible to you."
)
DUPLICATE_WINDOW = timedelta(hours=24)  # X does not say how far back it looks: a day here


class XFake(Reading, DirectMessages, PlatformFake):
    """State: published tweets, users, what we posted and DMed."""

    def __init__(self, *args: Any, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self._ids = itertools.count(1_800_000_000_000_000_000)
        self.tweets: list[dict[str, Any]] = []  # oldest first
        self.in_search: set[str] = set()
        self.in_mentions: set[str] = set()
        self.users: dict[str, dict[str, Any]] = {BRAND_ID: BRAND}
        self.posted: list[dict[str, Any]] = []
        self.deleted: set[str] = set()  # ids of tweets their authors deleted
        self.dms: list[dict[str, Any]] = []
        self.closed_dms: dict[str, str] = {}  # see close_dms()
        self.daily: Window | None = None  # see cap_daily()
        self.daily_scope = "user"
        self.usage_capped = False  # see cap_usage()
        self.handle("GET", SEARCH, self._search)
        self.handle("GET", MENTIONS, self._mentions)
        self.handle("GET", "/2/users/by/username/lumora", self._brand)
        self.handle("GET", "/2/users/me", self._brand)
        self.handle("POST", POST, self._post)
        self.handle("GET", OUR_TWEETS, self._our_tweets)

    def handle(self, method: str, path: str, handler: Any) -> None:
        async def capped(request: web.Request) -> web.StreamResponse:
            if not self.usage_capped:
                response: web.StreamResponse = await handler(request)
                return response
            # The monthly cap: the 15-minute window is not what refuses (requests left).
            headers = self._headers(request.path)
            return web.json_response(USAGE_CAPPED, status=429, headers=headers)

        super().handle(method, path, capped)

    def cap_usage(self, capped: bool = True) -> None:
        """The X project's monthly cap is spent (or, with False, reset): every call 429s."""
        self.usage_capped = capped

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
        retweet_of: dict[str, Any] | None = None,
        quote_of: dict[str, Any] | None = None,
        reply_to: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        """A tweet by `author` that the search and/or mentions endpoints return (a retweet,
        quote or reply of another with `retweet_of`/`quote_of`/`reply_to`: a reply is in the
        conversation of the post it answers; over 280 characters, a long post)."""
        user_id = str(zlib.crc32(author.encode()) + 10)
        self.users[user_id] = {
            "id": user_id,
            "username": author,
            "name": author.title(),
            "public_metrics": {"followers_count": followers, "following_count": 1},
        }
        tid = tweet_id or self.next_id()
        tweet: dict[str, Any] = {
            "id": tid,
            "author_id": user_id,
            "created_at": iso(created_at or self.clock()),
            "conversation_id": tid,
            "lang": lang,
            "edit_history_tweet_ids": [tid],
        }
        written(text, tweet)
        refs = (("retweeted", retweet_of), ("quoted", quote_of), ("replied_to", reply_to))
        if referenced := [{"type": kind, "id": o["id"]} for kind, o in refs if o is not None]:
            tweet["referenced_tweets"] = referenced
        if reply_to is not None:
            tweet["conversation_id"] = reply_to["conversation_id"]
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

    def retweet(self, tweet: dict[str, Any], *, by: str = "dave", **kw: Any) -> dict[str, Any]:
        """`by` retweets `tweet`: a post of its own, "RT @author: …", found by search and (it
        carries the @mention) in the brand's mentions."""
        handle = self.users[tweet["author_id"]]["username"]
        text = retweet_text(handle, tweet.get("_whole", tweet["text"]))
        return self.publish(text, author=by, retweet_of=tweet, **kw)

    def edit(self, tweet: dict[str, Any], text: str) -> dict[str, Any]:
        """The author edits `tweet`: a new post id, the history oldest first; the endpoints
        serve the latest version only."""
        history = [*tweet["edit_history_tweet_ids"]]
        new = {**tweet, "id": self.next_id(), "edit_history_tweet_ids": history}
        new["edit_history_tweet_ids"].append(new["id"])
        written(text, new)
        self.tweets.append(new)
        for ids in (self.in_search, self.in_mentions):
            if tweet["id"] in ids:
                ids.discard(tweet["id"])
                ids.add(new["id"])
        return new

    def delete(self, tweet_id: str) -> None:
        """The author deletes the tweet: no endpoint lists it, a reply to it is refused."""
        self.tweets = [t for t in self.tweets if t["id"] != tweet_id]
        self.deleted.add(tweet_id)

    # --- reading (x_read.py) ---------------------------------------------------------------

    def _headers(self, endpoint: str) -> dict[str, str]:
        limit, remaining, reset = self.window.hit(endpoint)
        return {
            "x-rate-limit-limit": str(limit),
            "x-rate-limit-remaining": str(remaining),
            "x-rate-limit-reset": str(int(reset.timestamp())),
        }

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
        """A tweet of ours (a reply to `reply_to`), posted `at` (now by the fake clock), kept
        as X keeps it (`as_posted`: t.co links, the @handle answered first); recent search
        finds it where it says the query's terms, as X's does."""
        tid = self.next_id()
        answered = next((t for t in self.tweets if t["id"] == reply_to), None)
        handle = self.users[answered["author_id"]]["username"] if answered else None
        tweet = {
            "id": tid,
            **as_posted(text, handle),
            "author_id": BRAND_ID,
            "created_at": iso(at or self.clock()),
            "edit_history_tweet_ids": [tid],
        }
        if reply_to:
            tweet["referenced_tweets"] = [{"type": "replied_to", "id": reply_to}]
        self.posted.append(tweet)
        self.tweets.append(tweet)
        return tweet

    async def _post(self, request: web.Request) -> web.Response:
        body = await request.json()
        headers, refused = self._write_headers(POST)
        if refused:
            return web.json_response(problem(429, "Too Many Requests"), status=429, headers=headers)
        reply_to = (body.get("reply") or {}).get("in_reply_to_tweet_id")
        if reply_to in self.deleted:
            return web.json_response(REPLY_GONE, status=403, headers=headers)
        since = iso(self.clock() - DUPLICATE_WINDOW)
        if no := refusal(body["text"], reply_to, self.posted, since):
            return web.json_response(no, status=no["status"], headers=headers)
        tweet = self.tweeted(body["text"], reply_to=reply_to)
        data = {k: tweet[k] for k in ("id", "edit_history_tweet_ids")}
        data["text"] = served(tweet, [])["text"]
        return web.json_response({"data": data}, status=201, headers=headers)
