"""X (Twitter) API v2 through tweepy's AsyncClient: recent search and the brand's mentions."""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from types import SimpleNamespace
from typing import Any, Literal

import aiohttp
import tweepy
from pydantic import Field, field_validator
from tweepy.asynchronous import AsyncClient
from yarl import URL

from listener._endpoints import (
    Clock,
    Endpoints,
    Page,
    State,
    header_int,
    max_id,
    reset_time,
    run_check,
    utcnow,
)
from listener._x_posts import TWEET_FIELDS, default_query, mentions_of
from mentiondesk.models import (
    Batch,
    FatalError,
    PluginContext,
    RateLimited,
    SourceConfig,
    SourceStatus,
    TransientError,
    require_env,
    secret_from_env,
)

_LOGGER = logging.getLogger(__name__)
DEFAULT_BASE = "https://api.twitter.com"
# A 429 with this problem type is the project's monthly post cap, not the 15-minute window
# (whose headers still show requests left): it lasts until the cap resets or the plan changes.
USAGE_CAPPED = "https://api.twitter.com/2/problems/usage-capped"
CAPPED_RETRY = timedelta(hours=1)
_USER_FIELDS = ["name", "username", "public_metrics"]


class XSourceConfig(SourceConfig):
    kind: Literal["x"] = "x"
    bearer_token_env: str = Field(default="X_BEARER_TOKEN", validate_default=True)
    username: str | None = None  # whose mentions to read; default: the brand's first handle
    mentions: bool = True
    search: bool = True
    page_size: int = Field(default=100, ge=10, le=100)
    timeout_seconds: float = Field(default=30.0, gt=0)

    _env = field_validator("bearer_token_env")(require_env)


class RewriteSession:
    """An aiohttp session for tweepy that sends its hard-coded api.twitter.com calls to `base`.

    It also keeps each answer's headers, since tweepy's Response does not carry them.
    """

    def __init__(self, base: str, *, timeout: float) -> None:
        self._base = URL(base)
        self._timeout = aiohttp.ClientTimeout(total=timeout)
        self._session: aiohttp.ClientSession | None = None
        self.last: dict[str, str] = {}

    def request(self, method: str, url: str | URL, **kwargs: Any) -> Any:
        if self._session is None:  # made on the loop that uses it
            trace = aiohttp.TraceConfig()
            trace.on_request_end.append(self._on_end)
            self._session = aiohttp.ClientSession(timeout=self._timeout, trace_configs=[trace])
        target = URL(url, encoded=isinstance(url, URL))
        target = target.with_scheme(self._base.scheme).with_host(self._base.host or "")
        target = target.with_port(self._base.explicit_port)
        return self._session.request(method, target, **kwargs)

    async def _on_end(self, _session: Any, _ctx: SimpleNamespace, params: Any) -> None:
        self.last = {k.lower(): v for k, v in params.response.headers.items()}

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()


class XSource:
    """Reads recent search and mentions, one page per poll; cursor: since_id and page tokens."""

    Config = XSourceConfig

    def __init__(
        self,
        *,
        name: str,
        bearer_token: str,
        query: str,
        username: str | None,
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
        self.page_size = page_size
        self._http = RewriteSession(base_url, timeout=timeout)
        self.client = AsyncClient(bearer_token=bearer_token, wait_on_rate_limit=False)
        self.client.session = self._http
        self._user_id: str | None = None
        self._capped = False  # the monthly usage cap refused us (logged once until it lifts)
        fetchers: dict[str, Callable[[State], Awaitable[Page]]] = {}
        if query:
            fetchers["search"] = self._fetch_search
        if username:
            fetchers["mentions"] = self._fetch_mentions
        self.endpoints = Endpoints(name, fetchers, clock=clock)
        self._clock = clock

    @classmethod
    def from_config(cls, config: XSourceConfig, context: PluginContext) -> XSource:
        handle = config.username or next(iter(context.brand.handles), None)
        return cls(
            name=config.name or "x",
            bearer_token=secret_from_env(config.bearer_token_env).get_secret_value(),
            query=(config.query or default_query(context.brand.default_query()))
            if config.search
            else "",
            username=handle.lstrip("@") if handle and config.mentions else None,
            base_url=config.base_url or DEFAULT_BASE,
            poll_seconds=config.poll_seconds,
            page_size=config.page_size,
            timeout=config.timeout_seconds,
        )

    async def poll(self, cursor: str | None) -> Batch:
        return await self.endpoints.poll(cursor)

    async def close(self) -> None:
        await self._http.close()

    async def check(self) -> SourceStatus:
        async def probe() -> str:
            found = []
            if self.username:
                found.append(f"@{self.username} is user {await self._brand_id()}")
            if self.query:
                await self._call("search", self.client.search_recent_tweets, self.query)
                found.append("search answers")
            return "; ".join(found)

        return await run_check(self.name, probe, self.endpoints)

    # --- endpoints --------------------------------------------------------------------

    async def _fetch_search(self, state: State) -> Page:
        return await self._read("search", self.client.search_recent_tweets, self.query, state)

    async def _fetch_mentions(self, state: State) -> Page:
        user_id = await self._brand_id()
        return await self._read("mentions", self.client.get_users_mentions, user_id, state)

    async def _read(self, endpoint: str, method: Any, arg: str, state: State) -> Page:
        token_name = "next_token" if endpoint == "search" else "pagination_token"
        first = not state  # the first read finds the newest id only: no paging back in history
        try:
            response = await self._call(endpoint, method, arg, **self._params(state, token_name))
        except _SinceTooOld:
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
            "expansions": ["author_id"],
            "user_fields": _USER_FIELDS,
        }
        if state.get("since"):
            params["since_id"] = state["since"]
        if state.get("token"):
            params[token_name] = state["token"]
        return params

    async def _brand_id(self) -> str:
        if self._user_id is None:
            response = await self._call("users", self.client.get_user, username=self.username)
            if response.data is None:
                raise FatalError(f"X user @{self.username} not found; fix `username`")
            self._user_id = str(response.data.id)
        return self._user_id

    def _page(self, endpoint: str, response: Any, state: State, *, first: bool) -> Page:
        meta = response.meta or {}
        if response.data is None and not meta and response.errors:
            raise TransientError(f"X answered 200 with errors: {_titles(response.errors)}")
        users = {str(u.id): u.data for u in (response.includes or {}).get("users", [])}
        mentions = mentions_of([t.data for t in response.data or []], users, endpoint)
        newest = max_id(state.get("newest"), meta.get("newest_id"))
        if meta.get("next_token") and not first:
            return Page(mentions, {**state, "token": meta["next_token"], "newest": newest}, True)
        return Page(mentions, {"since": max_id(state.get("since"), newest)})

    async def _call(self, endpoint: str, method: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            response = await method(*args, user_auth=False, **kwargs)
        except tweepy.TooManyRequests as exc:
            if await _usage_capped(exc):
                raise RateLimited(self._capped_until(), f"x {endpoint}: usage cap") from None
            raise RateLimited(self._reset_of(exc), f"x {endpoint}") from None
        except (tweepy.Unauthorized, tweepy.Forbidden) as exc:
            raise FatalError(f"x {endpoint}: {exc}; check the bearer token") from None
        except tweepy.TwitterServerError as exc:
            raise TransientError(f"x {endpoint}: {exc}") from None
        except tweepy.BadRequest as exc:
            if "since_id" in kwargs and _names_parameter(exc, "since_id"):
                raise _SinceTooOld() from None
            raise FatalError(f"x {endpoint}: {exc}") from None
        except tweepy.HTTPException as exc:
            raise FatalError(f"x {endpoint}: {exc}") from None
        except (aiohttp.ClientError, TimeoutError) as exc:
            raise TransientError(f"x {endpoint}: {type(exc).__name__}") from None
        except ValueError as exc:  # a body that is not JSON, or is cut short
            raise TransientError(f"x {endpoint}: malformed JSON ({exc})") from None
        self._observe(endpoint)
        if self._capped:
            self._capped = False
            _LOGGER.warning(
                "source %s: X answers again; the monthly usage cap is lifted", self.name
            )
        return response

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

    def _observe(self, endpoint: str) -> None:
        headers = self._http.last
        self.endpoints.observe(
            endpoint,
            limit=header_int(headers, "x-rate-limit-limit"),
            remaining=header_int(headers, "x-rate-limit-remaining"),
            reset=reset_time(headers.get("x-rate-limit-reset")),
        )

    def _reset_of(self, exc: tweepy.TooManyRequests) -> Any:
        reset = getattr(exc, "reset_time", None)
        if reset:
            return reset_time(str(reset))
        return self._clock() + timedelta(seconds=60)


async def _usage_capped(exc: tweepy.HTTPException) -> bool:
    """Whether X's 429 is the monthly usage cap: only the body says (its problem type)."""
    try:  # tweepy has read the body already; json() parses it again
        body = await exc.response.json()
    except (ValueError, AttributeError, aiohttp.ClientError):
        return False
    if not isinstance(body, dict):
        return False
    return body.get("type") == USAGE_CAPPED or body.get("title") == "UsageCapExceeded"


class _SinceTooOld(Exception):
    """X refused the saved since_id (recent search only goes back seven days)."""


def _names_parameter(exc: tweepy.HTTPException, name: str) -> bool:
    return any(name in (e.get("parameters") or {}) for e in exc.api_errors if isinstance(e, dict))


def _titles(errors: list[Any]) -> str:
    return json.dumps([e.get("title") or e.get("message") for e in errors])[:200]
