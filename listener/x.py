"""X (Twitter) API v2 through tweepy's AsyncClient: recent search and the brand's mentions."""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from typing import Any, Literal

import tweepy
from pydantic import Field, field_validator
from tweepy.asynchronous import AsyncClient

from listener._endpoints import Page, State
from listener._own import OwnAccounts
from listener._source import EndpointSource
from listener._wire import Clock, limit_ends, max_id, reset_time, utcnow
from listener._x_wire import (
    CLIENT_ERRORS,
    EXPANSIONS,
    TWEET_FIELDS,
    SinceTooOld,
    default_query,
    mentions_of,
    refusal,
    titles,
)
from mentiondesk.models import (
    FatalError,
    PluginContext,
    RateLimited,
    SourceConfig,
    TransientError,
    require_env,
    secret_from_env,
)
from mentiondesk.models.x import RewriteSession, usage_capped

_LOGGER = logging.getLogger(__name__)
_X_NAME = re.compile(r"[A-Za-z0-9_]{1,15}")  # what X takes as a username
# An AsyncClient method: tweepy answers every call with a Response(data, includes, errors, meta).
_Call = Callable[..., Awaitable[tweepy.Response]]
DEFAULT_BASE = "https://api.twitter.com"
CAPPED_RETRY = timedelta(hours=1)  # between tries while the monthly usage cap is spent
_USER_FIELDS = ["name", "username", "public_metrics"]


class XSourceConfig(SourceConfig):
    kind: Literal["x"] = "x"
    bearer_token_env: str = Field(default="X_BEARER_TOKEN", validate_default=True)
    # Whose mentions to read, and whose posts are the brand's own (never mentions, found by
    # search as they are: the brand's replies name it); default: the brand's first handle.
    username: str | None = None
    mentions: bool = True
    search: bool = True
    page_size: int = Field(default=100, ge=10, le=100)
    timeout_seconds: float = Field(default=30.0, gt=0)

    _env = field_validator("bearer_token_env")(require_env)


class XSource(EndpointSource):
    """Reads recent search and mentions, one page per poll; cursor: since_id and page tokens."""

    Config = XSourceConfig

    def __init__(
        self,
        *,
        name: str,
        bearer_token: str,
        query: str,
        username: str | None,
        account: str | None = None,
        base_url: str = DEFAULT_BASE,
        poll_seconds: float = 60.0,
        page_size: int = 100,
        timeout: float = 30.0,
        clock: Clock = utcnow,
    ) -> None:
        self.name = name
        self.poll_seconds = poll_seconds
        self.query = query
        self.username = username
        self.account = account or username  # the brand's X account: its posts are not mentions
        self.page_size = page_size
        self._http = RewriteSession(base_url, timeout=timeout)
        self.client = AsyncClient(bearer_token=bearer_token, wait_on_rate_limit=False)
        self.client.session = self._http
        self._user_id: str | None = None
        self._tell_own = bool(self.account)  # False once X said it has no such account
        self._capped = False  # the monthly usage cap refused us (logged once until it lifts)
        fetchers = {
            "search": self._fetch_search if query else None,
            "mentions": self._fetch_mentions if username else None,
        }
        self._reads(fetchers, clock=clock)
        if query and not self.account:
            _LOGGER.warning(
                "source %s: no X account known (set `username`, or a [brand] handle): the "
                "brand's own posts that match the search are read as mentions",
                name,
            )

    @classmethod
    def from_config(cls, config: XSourceConfig, context: PluginContext) -> XSource:
        # The first [brand] handle X could have: "@lumora@mastodon.social" is no X account.
        x_handles = (h.lstrip("@") for h in context.brand.handles)
        handle = config.username or next((h for h in x_handles if _X_NAME.fullmatch(h)), None)
        account = handle.lstrip("@") if handle else None
        return cls(
            name=config.name or "x",
            bearer_token=secret_from_env(config.bearer_token_env).get_secret_value(),
            query=(config.query or default_query(context.brand.default_query()))
            if config.search
            else "",
            username=account if config.mentions else None,
            account=account,
            base_url=config.base_url or DEFAULT_BASE,
            poll_seconds=config.poll_seconds,
            page_size=config.page_size,
            timeout=config.timeout_seconds,
        )

    async def close(self) -> None:
        await self._http.close()

    async def _probe(self) -> str:
        found = []
        if self.account:
            found.append(f"@{self.account} is user {await self._brand_id()}")
        if self.query:
            await self._call("search", self.client.search_recent_tweets, self.query)
            found.append("search answers")
        return "; ".join(found)

    # --- endpoints --------------------------------------------------------------------

    async def _fetch_search(self, state: State) -> Page:
        if self._tell_own:  # search finds the brand's own posts too: `_page` leaves them out
            await self._own_id()
        return await self._read("search", self.client.search_recent_tweets, self.query, state)

    async def _fetch_mentions(self, state: State) -> Page:
        user_id = await self._brand_id()
        return await self._read("mentions", self.client.get_users_mentions, user_id, state)

    async def _read(self, endpoint: str, method: _Call, arg: str, state: State) -> Page:
        token_name = "next_token" if endpoint == "search" else "pagination_token"
        first = not state  # the first read finds the newest id only: no paging back in history
        try:
            response = await self._call(endpoint, method, arg, **self._params(state, token_name))
        except SinceTooOld:
            # Recent search keeps seven days and refuses an older since_id: after a long
            # outage, read everything it still has (the store drops what we already have).
            _LOGGER.warning("x %s: saved position older than X keeps; reading from there", endpoint)
            state = {}
            response = await self._call(endpoint, method, arg, **self._params(state, token_name))
        return self._page(endpoint, response, state, first=first)

    def _params(self, state: State, token_name: str) -> dict[str, Any]:
        params: dict[str, Any] = {
            "max_results": self.page_size,
            "tweet_fields": TWEET_FIELDS,
            "expansions": EXPANSIONS,
            "user_fields": _USER_FIELDS,
        }
        if state.get("since"):
            params["since_id"] = state["since"]
        if state.get("token"):
            params[token_name] = state["token"]
        return params

    async def _brand_id(self) -> str:
        """The brand account's user id, looked up once: a failed look-up fails the read that
        needed it (tried again at the next poll), as any other call does."""
        if self._user_id is None:
            response = await self._call("users", self.client.get_user, username=self.account)
            if response.data is None:
                raise FatalError(f"X user @{self.account} not found; fix `username`")
            self._user_id = str(response.data.id)
        return self._user_id

    async def _own_id(self) -> None:
        """Look the brand's account up for search. One X does not know (a handle of another
        platform's, a typo) stops no search: said once, its posts are then not told apart."""
        try:
            await self._brand_id()
        except FatalError as exc:
            _LOGGER.warning(
                "source %s: the brand's own posts found by search cannot be told apart (%s); "
                "set `username` to the brand's X handle",
                self.name,
                exc,
            )
            self._tell_own = False

    def _page(self, endpoint: str, response: tweepy.Response, state: State, *, first: bool) -> Page:
        meta = response.meta or {}
        if response.data is None and not meta and response.errors:
            raise TransientError(f"X answered 200 with errors: {titles(response.errors)}")
        includes = response.includes or {}
        users = {str(u.id): u.data for u in includes.get("users", [])}
        referenced = {str(t.id): t.data for t in includes.get("tweets", [])}
        tweets = [t.data for t in response.data or []]
        if response.data is not None and response.errors:
            # A post quoted or answered that is deleted, or whose author is suspended: X
            # says so beside the data; its mentions are read without it, not dropped.
            _LOGGER.debug("x %s: %d referenced posts not sent", endpoint, len(response.errors))
        # The brand's own posts (its id looked up before the read) are no mentions.
        own = OwnAccounts.with_id("x", self._user_id)
        read = mentions_of(self.name, endpoint, tweets, users, referenced)
        mentions = own.others(self.name, endpoint, read)
        newest = max_id(state.get("newest"), meta.get("newest_id"))
        if meta.get("next_token") and not first:
            return Page(mentions, {**state, "token": meta["next_token"], "newest": newest}, True)
        return Page(mentions, {"since": max_id(state.get("since"), newest)})

    async def _call(
        self, endpoint: str, method: _Call, *args: Any, **kwargs: Any
    ) -> tweepy.Response:
        try:
            response = await method(*args, user_auth=False, **kwargs)
        except tweepy.TooManyRequests as exc:
            raise await self._rate_limited(endpoint, exc) from None
        except CLIENT_ERRORS as exc:
            raise refusal(endpoint, exc, since="since_id" in kwargs) from None
        self._observe_window(endpoint, self._http.last, "x-rate-limit-")
        if self._capped:
            self._capped = False
            _LOGGER.warning(
                "source %s: X answers again; the monthly usage cap is lifted", self.name
            )
        return response

    async def _rate_limited(self, endpoint: str, exc: tweepy.TooManyRequests) -> RateLimited:
        if await usage_capped(exc):
            return RateLimited(self._capped_until(), f"x {endpoint}: usage cap")
        return RateLimited(self._reset_of(exc), f"x {endpoint}")

    def _capped_until(self) -> datetime:
        if not self._capped:
            self._capped = True
            _LOGGER.error(
                "source %s: X refuses reads with 429 usage-capped: the X project's monthly "
                "post cap is spent, so no mentions arrive from X until it resets (see the "
                "developer portal) or the plan is raised; trying again every hour",
                self.name,
            )
        return self._clock() + CAPPED_RETRY

    def _reset_of(self, exc: tweepy.TooManyRequests) -> datetime:
        # tweepy leaves reset_time None when the 429 carries no x-rate-limit-reset header.
        reset = getattr(exc, "reset_time", None)
        until = reset_time(str(reset)) if reset else None
        return limit_ends(until, self._clock)
