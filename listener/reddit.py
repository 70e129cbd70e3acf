"""Reddit through asyncpraw: search and newest comments in the configured subreddits, and
inbox username mentions."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from functools import partial
from typing import Any

import asyncpraw
import asyncprawcore

from listener._endpoints import OVERLAP, Page, State
from listener._items import readable, usable
from listener._reddit_config import RedditSourceConfig
from listener._reddit_setup import comment_matcher, own_accounts, signs_in_as
from listener._reddit_wire import created, edited_since, mention_of, name_of, refusal
from listener._source import EndpointSource
from listener._wire import Clock, check_json, header_int, reset_time, utcnow
from mentiondesk.models import (
    FatalError,
    Mention,
    PluginContext,
    RateLimited,
    TransientError,
    secret_from_env,
)
from mentiondesk.models.reddit import build_reddit, last_headers

__all__ = ["RedditSource", "RedditSourceConfig"]


class RedditSource(EndpointSource):
    """One page per poll of subreddit search, newest comments or inbox mentions; cursor per
    listing."""

    Config = RedditSourceConfig

    def __init__(
        self,
        *,
        name: str,
        reddit: asyncpraw.Reddit,
        query: str,
        subreddits: tuple[str, ...] | list[str],
        inbox: bool,
        comments: bool = True,
        account: str | None = None,  # who we sign in as: the brand's posts are not mentions
        handles: Sequence[str] = (),  # the brand's accounts where none signs in (`account`)
        poll_seconds: float = 60.0,
        page_size: int = 100,
        clock: Clock = utcnow,
    ) -> None:
        self.name = name
        self.poll_seconds = poll_seconds
        self.reddit = reddit
        self.query = query
        self.subreddits = tuple(subreddits)
        self.search_path = f"r/{'+'.join(subreddits)}/search"
        self.comments_path = f"r/{'+'.join(subreddits)}/comments"
        self.restrict = list(subreddits) != ["all"]
        self.page_size = page_size
        self.own = own_accounts(name, account or signs_in_as(reddit), handles)
        self.comment_match = comment_matcher(name, query, self.subreddits, wanted=comments)
        fetchers = {
            "search": self._fetch_search if query else None,
            "comments": self._fetch_comments if self.comment_match else None,
            "mentions": self._fetch_mentions if inbox else None,
        }
        # One window per OAuth client: a 429 on search holds comments and the inbox too.
        self._reads(fetchers, clock=clock, shared=True)

    @classmethod
    def from_config(cls, config: RedditSourceConfig, context: PluginContext) -> RedditSource:
        def env(key: str | None) -> str | None:
            return secret_from_env(key).get_secret_value() if key else None

        username, password = env(config.username_env), env(config.password_env)
        reddit = build_reddit(
            client_id=env(config.client_id_env) or "",
            client_secret=env(config.client_secret_env) or "",
            username=username,
            password=password,
            base_url=config.base_url,
            auth_url=config.auth_url,
            user_agent=config.user_agent,
        )
        return cls(
            name=config.name or "reddit",
            reddit=reddit,
            query=config.query or context.brand.default_query(),
            subreddits=config.subreddits,
            inbox=bool(username and password),
            comments=config.comments,
            account=username,
            handles=(config.account,) if config.account else (),
            poll_seconds=config.poll_seconds,
            page_size=config.page_size,
        )

    async def close(self) -> None:
        await self.reddit.close()

    async def _probe(self) -> str:
        params = {"q": self.query, "sort": "new", "limit": 1}
        await self._get("search", self.search_path, params)
        if self.comment_match is None:
            return f"token and {self.search_path} work"
        await self._get("comments", self.comments_path, {"limit": 1})
        return f"token, {self.search_path} and {self.comments_path} work"

    # --- endpoints --------------------------------------------------------------------

    async def _fetch_search(self, state: State) -> Page:
        params: dict[str, Any] = {"q": self.query, "sort": "new", "t": "all"}
        if self.restrict:
            params["restrict_sr"] = "on"
        return await self._listing("search", self.search_path, params, state)

    async def _fetch_mentions(self, state: State) -> Page:
        return await self._listing("mentions", "message/mentions", {}, state)

    async def _fetch_comments(self, state: State) -> Page:
        """Every new comment in the subreddits is paged through; the query's are kept."""
        return await self._listing("comments", self.comments_path, {}, state, keep=self._wanted)

    def _wanted(self, mention: Mention) -> bool:
        """A listed comment that says the query."""
        return self.comment_match is not None and self.comment_match(mention.text)

    async def _listing(
        self,
        endpoint: str,
        path: str,
        params: dict[str, Any],
        state: State,
        *,
        keep: Callable[[Mention], bool] | None = None,
    ) -> Page:
        """Newest first: page back with `after` until an item older than the watermark.

        The first read (empty state) takes one page and sets the watermark to its newest
        item's time (to our clock's when the page is empty): the endpoints skip that page, so
        no history is paged through. Paging goes by every item listed; `keep` says which of
        their mentions are returned.
        """
        params = {**params, "limit": self.page_size}
        if state.get("after"):
            params["after"] = state["after"]
        body = check_json(await self._get(endpoint, path, params), endpoint, dict)
        data = check_json(body.get("data"), endpoint, dict)
        listed = check_json(data.get("children", []), endpoint, list)
        # Paging goes by each item's time: one without a time it can read is skipped first.
        children = usable(f"{self.name} {endpoint}", listed, created, name_of)
        if not state:  # `floor`: nothing older than the first run's newest item is new later
            mentions = self._read(endpoint, children, keep)
            if not children:  # none to date by: our clock, and the next read goes OVERLAP back
                return Page(mentions, {"wm": self._clock().timestamp()})
            # Reddit's own times, not our clock: a skewed clock must not hide new posts.
            now = max(created(c) for c in children)
            return Page(mentions, {"wm": now, "floor": now})
        mark, floor = float(state.get("wm", 0.0)), float(state.get("floor", 0.0))
        since = mark - OVERLAP.total_seconds() if mark else 0.0  # late-indexed posts too
        items = [c for c in children if created(c) >= max(since, floor)]
        newest = max([state.get("newest", mark)] + [created(c) for c in items])
        mentions = self._read(endpoint, items + edited_since(children, since, floor), keep)
        kept = {"floor": floor} if floor else {}  # for good: an older post's edit is history
        if state.get("after") and not listed:  # Reddit lists none after a post removed since:
            return Page(mentions, {"wm": mark, **kept})  # the next poll pages from the top
        caught_up = len(items) < len(children) or not data.get("after")
        if caught_up:
            return Page(mentions, {"wm": newest, **kept})
        more = {"wm": mark, "after": data["after"], "newest": newest, **kept}
        return Page(mentions, more, True)

    def _read(
        self, endpoint: str, items: list[Any], keep: Callable[[Mention], bool] | None
    ) -> list[Mention]:
        read = partial(mention_of, repost=self._read_anyway)
        mentions = readable(f"{self.name} {endpoint}", items, read, name_of)
        # The brand's own posts are no mentions: search lists our submissions, the comments
        # listing our replies (which name the brand: read back, they would be answered).
        mentions = self.own.others(self.name, endpoint, mentions)
        return [m for m in mentions if keep(m)] if keep else mentions

    def _read_anyway(self, original: dict[str, Any]) -> bool:
        """Whether a crosspost's original is read without it: posted in a subreddit read
        here (search finds it) or by the brand. One from elsewhere is how its words reach
        the subreddits read: the crosspost is that mention (by whoever brought it)."""
        sub = str(original.get("subreddit") or "").casefold()
        read_here = not self.restrict or sub in {s.casefold() for s in self.subreddits}
        by = original.get("author")
        ours = isinstance(by, str) and self.own.account(str(original.get("author_fullname")), by)
        return read_here or ours

    async def _get(self, endpoint: str, path: str, params: dict[str, Any]) -> Any:
        try:
            body = await self.reddit.request(method="GET", path=path, params=params)
        except asyncprawcore.TooManyRequests as exc:
            raise RateLimited(self._reset_of(exc), f"reddit {endpoint}") from None
        except asyncprawcore.InvalidToken:
            # Revoked or expired under us: asyncprawcore dropped it and, with its own retry
            # off, the next try signs in again (bad credentials fail there, fatally).
            raise TransientError(f"reddit {endpoint}: the access token was refused") from None
        except asyncprawcore.OAuthException as exc:
            raise FatalError(f"reddit {endpoint}: {exc}; check the client id and secret") from None
        except asyncprawcore.BadJSON:
            raise TransientError(f"reddit {endpoint}: malformed JSON") from None
        except (asyncprawcore.ServerError, asyncprawcore.RequestException) as exc:
            raise TransientError(f"reddit {endpoint}: {exc}") from None
        except asyncprawcore.ResponseException as exc:
            raise refusal(endpoint, exc, self.subs_named) from None
        self._observe(endpoint)
        return body

    @property
    def subs_named(self) -> str:
        """The configured subreddits as an operator wrote them: r/a, or "one of r/a, r/b"."""
        subs = [f"r/{s}" for s in self.subreddits]
        return subs[0] if len(subs) == 1 else "one of " + ", ".join(subs)

    def _observe(self, endpoint: str) -> None:
        """Reddit's window from the answer's headers (not `_observe_window`'s: no limit header,
        so remaining + used): `x-ratelimit-reset` is seconds until it ends, but only a spent
        window (remaining ≤ 0) makes it a time to wait for."""
        headers = last_headers(self.reddit)
        remaining = header_int(headers, "x-ratelimit-remaining")
        used = header_int(headers, "x-ratelimit-used")
        limit = remaining + used if remaining is not None and used is not None else None
        reset = None
        if remaining is not None and remaining <= 0:
            reset = reset_time(headers.get("x-ratelimit-reset"), relative=True, now=self._clock)
        # One window per client, whatever the endpoint: a spent one holds them all.
        self.endpoints.observe(endpoint, limit=limit, remaining=remaining, reset=reset, shared=True)

    def _reset_of(self, exc: asyncprawcore.TooManyRequests) -> datetime:
        headers = exc.response.headers
        return self._limit_ends(headers.get("x-ratelimit-reset") or headers.get("retry-after"))
