"""Mastodon through Mastodon.py (run off the loop): mention notifications, a hashtag or search."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from functools import partial
from typing import Any, Literal
from urllib.parse import urlsplit

from mastodon import Mastodon
from pydantic import Field, field_validator

from listener._endpoints import Page, State
from listener._items import readable
from listener._mastodon_cursor import carried, since
from listener._mastodon_wire import (
    CLIENT_ERRORS,
    EDITED,
    names,
    notifications,
    read_status,
    refusal,
)
from listener._own import OwnAccounts, local_handle
from listener._source import EndpointSource
from listener._wire import Clock, check_json, id_key, limit_ends, max_id, utcnow
from mentiondesk.models import (
    FatalError,
    Mention,
    PluginContext,
    RateLimited,
    SourceConfig,
    TransientError,
    require_env,
    secret_from_env,
)
from mentiondesk.models.mastodon import build_mastodon

_LOGGER = logging.getLogger(__name__)
SEARCH_LIMIT = 40  # /api/v2/search and hashtag timelines send 20 unless asked, 40 at most
SEARCH_PAGES = 10  # pages one poll reads back through a burst (400 matches); past it, logged


class MastodonSourceConfig(SourceConfig):
    kind: Literal["mastodon"] = "mastodon"
    base_url: str = "https://mastodon.social"  # the instance the brand's account lives on
    access_token_env: str = Field(default="MASTODON_ACCESS_TOKEN", validate_default=True)
    page_size: int = Field(default=40, ge=1, le=80)
    timeout_seconds: float = Field(default=30.0, gt=0)

    _env = field_validator("access_token_env")(require_env)


class MastodonSource(EndpointSource):
    """Mentions via notifications (min_id paging forward), plus `#tag` timeline or search."""

    Config = MastodonSourceConfig

    def __init__(
        self,
        *,
        name: str,
        api: Mastodon,
        query: str,
        poll_seconds: float = 60.0,
        page_size: int = 40,
        handles: Sequence[str] = (),  # the brand's: its account where the token cannot say
        clock: Clock = utcnow,
    ) -> None:
        self.name = name
        self.handles = tuple(handles)
        self.poll_seconds = poll_seconds
        self.api = api
        self.query = query
        self.page_size = page_size
        self._lock = asyncio.Lock()  # Mastodon.py keeps rate-limit state: one call at a time
        self._own: OwnAccounts | None = None  # the token's account, looked up once
        # One window per account (300 requests in 5 minutes): a 429 anywhere holds every read.
        fetchers = {"mentions": self._mentions, "search": self._search if query else None}
        self._reads(fetchers, clock=clock, shared=True)

    @classmethod
    def from_config(cls, config: MastodonSourceConfig, context: PluginContext) -> MastodonSource:
        return cls(
            name=config.name or "mastodon",
            api=build_mastodon(
                config.base_url,
                secret_from_env(config.access_token_env).get_secret_value(),
                timeout=config.timeout_seconds,
            ),
            query=config.query if config.query is not None else f"#{context.brand.name}",
            poll_seconds=config.poll_seconds,
            page_size=config.page_size,
            handles=context.brand.handles,
        )

    async def close(self) -> None:
        session = getattr(self.api, "session", None)
        if session is not None:
            await asyncio.to_thread(session.close)

    async def _probe(self) -> str:
        me = await self._call("account", self.api.account_verify_credentials)
        return f"signed in as @{me['acct']}{await self._policy()}"

    async def _policy(self) -> str:
        """The account's notification policy (Mastodon 4.3+): mentions it filters are read
        all the same (include_filtered); ones it drops are never made, so never read."""
        try:
            policy = await self._call("policy", self.api.notifications_policy)
        except (FatalError, TransientError, RateLimited):
            return ""  # before 4.3, or a token without read:notifications: nothing to say
        found = policy.items() if isinstance(policy, dict) else ()
        parts = [f"{k[4:].replace('_', ' ')} {v}" for k, v in found if k[:4] == "for_" and v]
        dropped = " (dropped ones are never read)" if any(" drop" in p for p in parts) else ""
        return f"; notification policy: {', '.join(parts)}{dropped}" if parts else ""

    # --- endpoints --------------------------------------------------------------------

    async def _mentions(self, state: State) -> Page:
        call = partial(notifications, self.api, limit=self.page_size)
        items = await self._call("mentions", call, min_id=state.get("min"))
        check_json(items, "mentions", list)
        statuses = [n["status"] for n in items if n.get("status")]  # None: deleted since
        if any(n.get("type") == EDITED for n in items):
            statuses = await self._about_us(items)
        # Notification ids are a plain serial, not snowflakes (db/schema.rb): none can be made
        # from a time. A first read that found none makes "before the first" (0) its position.
        ids = [str(n["id"]) for n in items]
        return self._page("mentions", state, ids, statuses, self.page_size, empty="0")

    async def _about_us(self, items: list[Any]) -> list[Any]:
        """The page's statuses, less those an `update` told of (a status the brand's account
        boosted was edited) that do not name that account: a boosted post of another's is no
        mention. One that does is handed over as an edit (edit_version: the store reads it
        again). The account is looked up only here: no one is notified of their own statuses."""
        await self._own_account()
        own = self._own or OwnAccounts("mastodon")
        kept = []
        for note in items:
            status = note.get("status")
            if status and (note.get("type") != EDITED or names(status, own)):
                kept.append(status)
        return kept

    async def _search(self, state: State) -> Page:
        await self._own_account()  # search and hashtags list the brand's own statuses too
        if self.query.startswith("#") and " " not in self.query:
            limit = min(self.page_size, SEARCH_LIMIT)  # notifications take 80, timelines 40
            call = partial(self.api.timeline_hashtag, self.query[1:], limit=limit)
            start = state.get("at") or since(state)  # "at": this pass's next page
            statuses = await self._call("search", call, min_id=start)
            check_json(statuses, "search", list)
            ids = [str(s["id"]) for s in statuses]
            page = self._page("search", state, ids, statuses, limit, empty=self._now_id())
            more = {"at": max_id(*ids)} if page.more else {}
            cursor = carried(state, {**page.state, **more}, found=bool(ids))
            return Page(page.mentions, cursor, page.more)
        return await self._search_text(state)

    async def _search_text(self, state: State) -> Page:
        """Search answers the newest matches after min_id, not the ones just above it (as
        timelines do): while pages come back full, read on down (offset) to OVERLAP before
        the saved id, then move the cursor to the newest. The first run reads one page: now.
        """
        start, limit = since(state), min(self.page_size, SEARCH_LIMIT)
        found: dict[str, Any] = {}
        for page in range(SEARCH_PAGES):
            statuses = await self._search_page(start, limit, page * limit)
            fresh = {str(s["id"]): s for s in statuses if str(s["id"]) not in found}
            found.update(fresh)
            # `not fresh`: a server that ignores offset sends the same page again.
            if not state or len(statuses) < limit or not fresh:
                break
        else:
            _LOGGER.warning(
                "source %s: search found more than %d matches since just before the last poll; "
                "older ones are skipped (poll more often)",
                self.name,
                len(found),
            )
        oldest_first = sorted(found.values(), key=lambda s: id_key(str(s["id"])))
        newest = max_id(state.get("min"), *found) or self._now_id()
        cursor = carried(state, {"min": newest}, found=bool(found))
        return Page(self._mentions_of("search", oldest_first), cursor)

    async def _search_page(self, since: str | None, limit: int, offset: int) -> list[Any]:
        # Offset, not max_id: Mastodon 4.2+ turns max_id into "before <that second>", which
        # would skip other matches posted in the same second.
        call = partial(self.api.search_v2, self.query, resolve=False, result_type="statuses")
        found = await self._call("search", call, min_id=since, limit=limit, offset=offset or None)
        statuses = check_json(found, "search", dict).get("statuses", [])
        return list(check_json(statuses, "search", list))

    def _page(
        self,
        endpoint: str,
        state: State,
        ids: list[str],
        statuses: list[Any],
        limit: int,
        *,
        empty: str,
    ) -> Page:
        """min_id pages forward: the newest id read is the cursor (`empty` when none was
        ever read); a full page (`limit` asked for) says there may be more."""
        newest = max_id(state.get("min"), *ids) or empty
        mentions = self._mentions_of(endpoint, statuses)
        more = state.get("min") is not None and len(ids) >= limit
        return Page(mentions, {"min": newest}, more)

    def _mentions_of(self, endpoint: str, statuses: list[Any]) -> list[Mention]:
        base = self.api.api_base_url
        read = readable(self.name, statuses, lambda s: read_status(s, base), lambda s: s["id"])
        return self._own.others(self.name, endpoint, read) if self._own else read

    async def _own_account(self) -> None:
        """Learn, once, which account the token signs in as: its statuses are no mentions. A
        failed look-up fails the read that needed it, tried again at the next poll."""
        if self._own is None:
            try:
                me = await self._call("account", self.api.account_verify_credentials)
            except FatalError:  # a token without read:accounts (or profile): 403
                self._own = self._own_by_handle()
                return
            account_id = check_json(me, "account", dict).get("id")
            if account_id is None:
                raise TransientError("mastodon account: verify_credentials named no id")
            self._own = OwnAccounts.with_id("mastodon", str(account_id))

    def _own_by_handle(self) -> OwnAccounts:
        """The brand's account on this server by `[brand] handles`, for a token that may not
        read its own account: `@lumora`, or `@lumora@this.server`, is the local `lumora`."""
        host = urlsplit(self.api.api_base_url or "").hostname or ""
        local = [local_handle(h, host) for h in self.handles]
        own = OwnAccounts.named("mastodon", local)
        _LOGGER.warning(
            "source %s: the token cannot read its own account (add the read:accounts scope); "
            "the brand's own statuses are told by its [brand] handles instead (%s)",
            self.name,
            ", ".join(sorted(own.names)) or "none: its statuses may be read back as mentions",
        )
        return own

    def _now_id(self) -> str:
        """The status id of "now" (the next read goes OVERLAP back from it: a clock ahead of
        the server's): status ids are snowflakes, milliseconds << 16 (Mastodon's
        lib/mastodon/snowflake.rb; Mastodon.py makes them so from a datetime)."""
        return str(int(self._clock().timestamp() * 1000) << 16)

    async def _call(self, endpoint: str, method: Callable[..., Any], **kwargs: Any) -> Any:
        kwargs = {k: v for k, v in kwargs.items() if v is not None}
        async with self._lock:
            try:
                result = await asyncio.to_thread(method, **kwargs)
            except CLIENT_ERRORS as exc:
                raise refusal(endpoint, exc, self._reset) from None
            self._observe(endpoint)
        return result

    def _reset(self) -> datetime:
        reset = self.api.ratelimit_reset
        past = not reset or reset <= self._clock().timestamp()  # a reset already past is stale
        return limit_ends(None if past else datetime.fromtimestamp(reset, UTC), self._clock)

    def _observe(self, endpoint: str) -> None:
        reset = self.api.ratelimit_reset
        # One window per account, whatever the endpoint (300 requests in 5 minutes): a spent
        # one holds them all.
        self.endpoints.observe(
            endpoint,
            limit=self.api.ratelimit_limit,
            remaining=self.api.ratelimit_remaining,
            reset=datetime.fromtimestamp(reset, UTC) if reset else None,
            shared=True,
        )
