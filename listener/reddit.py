"""Reddit through asyncpraw: search in the configured subreddits, and inbox username mentions."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any, Literal

import asyncpraw
import asyncprawcore
from pydantic import Field, ValidationInfo, field_validator, model_validator

from listener._endpoints import (
    OVERLAP,
    Clock,
    Endpoints,
    Page,
    State,
    check_json,
    header_int,
    limit_ends,
    parse_time,
    reset_time,
    run_check,
    utcnow,
)
from listener._items import readable, usable
from listener._reddit_wire import GONE, created, refusal, thread_of
from mentiondesk.models import (
    Author,
    Batch,
    FatalError,
    Mention,
    PluginContext,
    RateLimited,
    SourceConfig,
    SourceStatus,
    TransientError,
    require_env,
    secret_from_env,
)
from mentiondesk.models.reddit import build_reddit, last_headers

_LOGGER = logging.getLogger(__name__)


class RedditSourceConfig(SourceConfig):
    kind: Literal["reddit"] = "reddit"
    client_id_env: str = Field(default="REDDIT_CLIENT_ID", validate_default=True)
    client_secret_env: str = Field(default="REDDIT_CLIENT_SECRET", validate_default=True)
    username_env: str | None = None  # with password_env: read the inbox's username mentions
    password_env: str | None = None
    subreddits: tuple[str, ...] = ("all",)
    auth_url: str | None = None  # where the OAuth token comes from; default: base_url or reddit
    user_agent: str = "mentiondesk/0.1 (brand listening)"
    page_size: int = Field(default=100, ge=1, le=100)

    _env = field_validator("client_id_env", "client_secret_env")(require_env)

    @field_validator("username_env", "password_env")
    @classmethod
    def _optional_env(cls, value: str | None, info: ValidationInfo) -> str | None:
        return require_env(value, info) if value else None

    # Before the fields: said first, not after the operator has exported a variable.
    @model_validator(mode="before")
    @classmethod
    def _both_or_neither(cls, data: Any) -> Any:
        if isinstance(data, dict) and bool(data.get("username_env")) != bool(
            data.get("password_env")
        ):
            raise ValueError(
                "username_env and password_env go together (a script app reads the inbox); "
                "set both or neither"
            )
        return data


class RedditSource:
    """One page per poll of subreddit search or inbox mentions; cursor per listing."""

    Config = RedditSourceConfig

    def __init__(
        self,
        *,
        name: str,
        reddit: asyncpraw.Reddit,
        query: str,
        subreddits: tuple[str, ...] | list[str],
        inbox: bool,
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
        self.restrict = list(subreddits) != ["all"]
        self.page_size = page_size
        fetchers: dict[str, Callable[[State], Awaitable[Page]]] = {}
        if query:
            fetchers["search"] = self._fetch_search
        if inbox:
            fetchers["mentions"] = self._fetch_mentions
        self.endpoints = Endpoints(name, fetchers, clock=clock)
        self._clock = clock

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
            poll_seconds=config.poll_seconds,
            page_size=config.page_size,
        )

    async def poll(self, cursor: str | None) -> Batch:
        return await self.endpoints.poll(cursor)

    async def close(self) -> None:
        await self.reddit.close()

    async def check(self) -> SourceStatus:
        async def probe() -> str:
            params = {"q": self.query, "sort": "new", "limit": 1}
            await self._get("search", self.search_path, params)
            return f"token and {self.search_path} work"

        return await run_check(self.name, probe, self.endpoints)

    # --- endpoints --------------------------------------------------------------------

    async def _fetch_search(self, state: State) -> Page:
        params: dict[str, Any] = {"q": self.query, "sort": "new", "t": "all"}
        if self.restrict:
            params["restrict_sr"] = "on"
        return await self._listing("search", self.search_path, params, state)

    async def _fetch_mentions(self, state: State) -> Page:
        return await self._listing("mentions", "message/mentions", {}, state)

    async def _listing(
        self, endpoint: str, path: str, params: dict[str, Any], state: State
    ) -> Page:
        """Newest first: page back with `after` until an item older than the watermark.

        The first read (empty state) takes one page and sets the watermark to its newest
        item's time (to our clock's when the page is empty): the endpoints skip that page, so
        no history is paged through.
        """
        params = {**params, "limit": self.page_size}
        if state.get("after"):
            params["after"] = state["after"]
        body = check_json(await self._get(endpoint, path, params), endpoint, dict)
        data = check_json(body.get("data"), endpoint, dict)
        listed = check_json(data.get("children", []), endpoint, list)
        # Paging goes by each item's time: one without a time it can read is skipped first.
        children = usable(f"{self.name} {endpoint}", listed, created, _name)
        if not state:  # `floor`: nothing older than the first run's newest item is new later
            mentions = readable(f"{self.name} {endpoint}", children, _mention, _name)
            if not children:  # none to date by: our clock, and the next read goes OVERLAP back
                return Page(mentions, {"wm": self._clock().timestamp()})
            # Reddit's own times, not our clock: a skewed clock must not hide new posts.
            now = max(created(c) for c in children)
            return Page(mentions, {"wm": now, "floor": now})
        mark, floor = float(state.get("wm", 0.0)), float(state.get("floor", 0.0))
        since = mark - OVERLAP.total_seconds() if mark else 0.0  # late-indexed posts too
        items = [c for c in children if created(c) >= max(since, floor)]
        newest = max([state.get("newest", mark)] + [created(c) for c in items])
        mentions = readable(f"{self.name} {endpoint}", items, _mention, _name)
        kept = {"floor": floor} if floor > since else {}  # dropped once the overlap passes it
        caught_up = len(items) < len(children) or not data.get("after")
        if caught_up:
            return Page(mentions, {"wm": newest, **kept})
        more = {"wm": mark, "after": data["after"], "newest": newest, **kept}
        return Page(mentions, more, True)

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
        """Reddit's window from the answer's headers: `x-ratelimit-reset` is seconds until it
        ends, but only a spent window (remaining ≤ 0) makes it a time to wait for."""
        headers = last_headers(self.reddit)
        remaining = header_int(headers, "x-ratelimit-remaining")
        used = header_int(headers, "x-ratelimit-used")
        limit = remaining + used if remaining is not None and used is not None else None
        reset = None
        if remaining is not None and remaining <= 0:
            reset = reset_time(headers.get("x-ratelimit-reset"), relative=True, now=self._clock)
        self.endpoints.observe(endpoint, limit=limit, remaining=remaining, reset=reset)

    def _reset_of(self, exc: asyncprawcore.TooManyRequests) -> datetime:
        headers = exc.response.headers
        value = headers.get("x-ratelimit-reset") or headers.get("retry-after")
        until = reset_time(value, relative=True, now=self._clock)
        return limit_ends(until, self._clock)


def _name(child: dict[str, Any]) -> str:
    return str(child["data"]["name"])


def _mention(child: dict[str, Any]) -> Mention | None:
    kind, data = child.get("kind"), child.get("data", {})
    author = data.get("author") or "[deleted]"
    if author in GONE:
        return None
    if kind == "t3":
        text = "\n\n".join(p for p in (data.get("title", ""), data.get("selftext", "")) if p)
        thread, parent = data["name"], None
    else:
        text = data.get("body", "")
        thread, parent = data.get("link_id") or thread_of(data), data.get("parent_id")
    if text.strip() in GONE:  # deleted or removed after it was listed
        return None
    link = data.get("permalink") or data.get("context") or ""
    return Mention(
        platform="reddit",
        external_id=data["name"],
        author=Author(id=data.get("author_fullname") or author, handle=author, name=author),
        text=text,
        created_at=parse_time(float(data["created_utc"])),
        url=f"https://www.reddit.com{link}" if link.startswith("/") else link,
        thread_id=thread,
        parent_id=parent,
    )
