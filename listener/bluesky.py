"""Bluesky through atproto's AsyncClient: searchPosts (latest first) and mention notifications."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any, Literal, TypeVar

from atproto import AsyncClient, Session, SessionEvent
from atproto_client import exceptions as atp
from pydantic import Field, field_validator

from listener._bluesky_context import BATCH, about, shown, title
from listener._bluesky_locale import account_locale, in_locale, written_to
from listener._bluesky_wire import iso, iso_or, latest, mention_of, sort_at, uri_of
from listener._endpoints import OVERLAP, Page, State
from listener._items import readable
from listener._own import OwnAccounts
from listener._source import EndpointSource
from listener._wire import Clock, limit_ends, parse_time, utcnow
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
from mentiondesk.models.bluesky import session_ended

_LOGGER = logging.getLogger(__name__)
_T = TypeVar("_T")  # what an atproto client method answers
DEFAULT_BASE = "https://bsky.social"
REASONS = ["mention", "reply", "quote"]


class BlueskySourceConfig(SourceConfig):
    kind: Literal["bluesky"] = "bluesky"
    handle_env: str = Field(default="BLUESKY_HANDLE", validate_default=True)
    app_password_env: str = Field(default="BLUESKY_APP_PASSWORD", validate_default=True)
    page_size: int = Field(default=100, ge=1, le=100)
    # The variant the signed-in account is answered in ("pt-PT": a Lisbon brand's account): a
    # reply, mention or quote of it whose app tags it only "pt" is taken as that variant. A
    # Bluesky reply names no @handle in its text, so `[playbooks] handle_locales` never sees it.
    locale: str | None = None

    _env = field_validator("handle_env", "app_password_env")(require_env)
    _locale = field_validator("locale")(account_locale)


class _SessionEnded(Exception):
    """The PDS refused our access token: the session is over, a new one will do."""


def _session_ended(exc: atp.BadRequestError) -> str | None:
    content = getattr(exc.response, "content", None)
    error, message = getattr(content, "error", None), str(getattr(content, "message", ""))
    return session_ended(error, message)


class HeaderClient(AsyncClient):  # type: ignore[misc]
    """atproto's AsyncClient, keeping the last answer's headers (rate-limit state)."""

    last_headers: dict[str, str] = {}  # noqa: RUF012 - replaced per instance on every call

    async def _invoke(self, invoke_type: Any, **kwargs: Any) -> Any:
        response = await super()._invoke(invoke_type, **kwargs)
        self.last_headers = dict(response.headers or {})
        return response


class BlueskySource(EndpointSource):
    """One page per poll of searchPosts (since + cursor) or notifications (down to a watermark)."""

    Config = BlueskySourceConfig

    def __init__(
        self,
        *,
        name: str,
        handle: str,
        password: str,
        query: str,
        base_url: str = DEFAULT_BASE,
        poll_seconds: float = 60.0,
        page_size: int = 100,
        clock: Clock = utcnow,
        locale: str | None = None,
    ) -> None:
        """`locale`: the variant the account is answered in (BlueskySourceConfig.locale)."""
        self.name = name
        self.locale = locale
        self.poll_seconds = poll_seconds
        self.client = HeaderClient(base_url=base_url)
        self.handle = handle  # what it signs in with: a handle, an email or a DID
        self._signed_in_as = ""  # the account's handle now, as the session says it
        self._password = password
        self._logged_in = False
        self._own = OwnAccounts("bluesky")  # the signed-in account, by the session's DID
        self.client.on_session_change(self._session_changed)
        self.query = query
        self.page_size = page_size
        # The AppView counts every read from this address in one window (3000 per 5 minutes):
        # search spent is notifications spent too.
        fetchers = {"mentions": self._mentions, "search": self._search if query else None}
        self._reads(fetchers, clock=clock, shared=True)

    @classmethod
    def from_config(cls, config: BlueskySourceConfig, context: PluginContext) -> BlueskySource:
        return cls(
            name=config.name or "bluesky",
            handle=secret_from_env(config.handle_env).get_secret_value(),
            password=secret_from_env(config.app_password_env).get_secret_value(),
            query=config.query if config.query is not None else context.brand.name,
            base_url=config.base_url or DEFAULT_BASE,
            poll_seconds=config.poll_seconds,
            page_size=config.page_size,
            locale=config.locale,
        )

    async def close(self) -> None:
        await self.client.request.close()

    async def _probe(self) -> str:
        await self._login()
        return f"signed in as {self.handle}"

    # --- endpoints --------------------------------------------------------------------

    async def _search(self, state: State) -> Page:
        params: dict[str, Any] = {"q": self.query, "sort": "latest", "limit": self.page_size}
        if state.get("since"):  # from a little before the newest seen: late-indexed posts too
            params["since"] = iso(parse_time(state["since"]) - OVERLAP)
        if state.get("cursor"):
            params["cursor"] = state["cursor"]
        answer = await self._call("search", self.client.app.bsky.feed.search_posts, params)
        posts = [p.model_dump(by_alias=True) for p in answer.posts]
        # `since` filters on sortAt, the earlier of createdAt and indexedAt: the anchor is
        # the newest sortAt seen, so a post whose createdAt lags its indexing is still found.
        newest = latest(state.get("newest"), *(sort_at(p) for p in posts))
        mentions = [self._as_answered(m) for m in self._mentions_of("search", posts)]
        mentions = await self._in_context("search", posts, mentions)
        first_run = not state.get("since") and not state.get("cursor")  # no backfill of history
        if answer.cursor and posts and not first_run:
            return Page(
                mentions, {**state, "cursor": answer.cursor, "newest": iso_or(newest)}, True
            )
        # Never back: one backdated post must not send the next read through years of posts.
        # Nothing found yet: now is where the next read starts (it goes OVERLAP back from it).
        since = latest(state.get("since"), newest) or self._clock()
        return Page(mentions, {"since": iso(since)})

    async def _mentions(self, state: State) -> Page:
        params: dict[str, Any] = {"limit": self.page_size, "reasons": REASONS}
        if state.get("cursor"):
            params["cursor"] = state["cursor"]
        notes = await self._call(
            "mentions", self.client.app.bsky.notification.list_notifications, params
        )
        items = [n.model_dump(by_alias=True) for n in notes.notifications]
        mark = parse_time(state["wm"]) if state.get("wm") else None
        # `indexedAt` here is the AppView's sortAt, the earlier of createdAt and indexing: a
        # post indexed late lists below newer ones read before it came. Read OVERLAP back;
        # the seen-list drops the repeats.
        since = mark - OVERLAP if mark else None
        listed = [(n, parse_time(n["indexedAt"])) for n in items]
        fresh = [n for n, at in listed if n["reason"] in REASONS and (not since or at >= since)]
        newest = latest(state.get("newest"), mark, *(n["indexedAt"] for n in fresh))
        mentions = [in_locale(m, self.locale) for m in self._mentions_of("mentions", fresh)]
        mentions = await self._in_context("mentions", fresh, mentions)
        # Newest first and no `since`: page down past the look-back (first run: one page only).
        older = since is not None and any(at < since for _, at in listed)
        caught_up = not mark or older or not notes.cursor
        if caught_up:  # none ever found: now, OVERLAP back for a clock ahead of Bluesky's
            return Page(mentions, {"wm": iso(newest or self._clock() - OVERLAP)})
        more = {"wm": iso_or(mark), "cursor": notes.cursor, "newest": iso_or(newest)}
        return Page(mentions, more, True)

    def _mentions_of(self, endpoint: str, views: list[dict[str, Any]]) -> list[Mention]:
        """The posts' mentions less the brand's own: searchPosts finds ours as any other."""
        return self._own.others(self.name, endpoint, readable(self.name, views, mention_of, uri_of))

    async def _in_context(
        self, endpoint: str, views: list[dict[str, Any]], mentions: list[Mention]
    ) -> list[Mention]:
        """`mentions`, each with what it quotes or answers (see _bluesky_context)."""
        on = {str(v.get("uri")): about(v) for v in views}
        known = {uri: post for v in views for uri, post in shown(v).items()}
        wanted = {on.get(m.external_id) for m in mentions} - {None, *known}
        missing = sorted(u for u in wanted if u)
        for at in range(0, len(missing), BATCH):
            known.update(await self._posts(endpoint, missing[at : at + BATCH]))
        titled = {u: title(p) for u, p in known.items()}
        return [
            replace(m, on_title=titled[u]) if (u := on.get(m.external_id)) in titled else m
            for m in mentions
        ]

    async def _posts(self, endpoint: str, uris: list[str]) -> dict[str, dict[str, Any]]:
        """The posts at `uris` that the AppView has; none when it cannot say (the mentions
        matter more than their context). A 429 holds the page, to be read again."""
        try:
            found = await self._call(endpoint, self.client.app.bsky.feed.get_posts, {"uris": uris})
        except (TransientError, FatalError) as exc:
            _LOGGER.info("source %s: what %s posts are on is unread (%s)", self.name, endpoint, exc)
            return {}
        return {str(p.uri): p.model_dump(by_alias=True) for p in found.posts}

    def _as_answered(self, mention: Mention) -> Mention:
        """A search hit written to the account (a reply to its post, its @handle) takes the
        account's locale; any other is about the brand, not to this account."""
        handle = self._signed_in_as or self.handle
        if not self.locale or not written_to(mention, self._own, handle):
            return mention
        return in_locale(mention, self.locale)

    async def _login(self) -> None:
        if not self._logged_in:
            await self._call("session", self.client.login, self.handle, self._password)
            self._logged_in = True

    def _session_changed(self, _: SessionEvent, session: Session) -> None:
        self._own = OwnAccounts.with_id("bluesky", session.did)  # no call of its own
        # An @mention names the handle the account has now (not an email signed in with,
        # nor the handle it had before it moved to the brand's own domain).
        self._signed_in_as = str(session.handle or "")

    async def _call(self, endpoint: str, method: Callable[..., Awaitable[_T]], *args: Any) -> _T:
        if endpoint != "session":
            await self._login()
        try:
            result = await self._attempt(endpoint, method, *args)
        except _SessionEnded as ended:
            if endpoint == "session":  # a session just made was refused: the PDS's trouble
                raise TransientError(f"bluesky {endpoint}: {ended}") from None
            # The PDS ended our session (expired or revoked): sign in again, once, and retry.
            _LOGGER.info(
                "source %s: bluesky session ended (%s); signing in again", self.name, ended
            )
            self._logged_in = False
            await self._login()
            try:
                result = await self._attempt(endpoint, method, *args)
            except _SessionEnded as again:
                raise TransientError(f"bluesky {endpoint}: {again}") from None
        self._observe_window(endpoint, self.client.last_headers, "ratelimit-")
        return result

    async def _attempt(self, endpoint: str, method: Callable[..., Awaitable[_T]], *args: Any) -> _T:
        try:
            return await method(*args)
        except atp.RateLimitExceededError as exc:
            until = limit_ends(exc.reset_at or self._retry_at(exc.retry_after), self._clock)
            raise RateLimited(until, f"bluesky {endpoint}") from None
        except (atp.UnauthorizedError, atp.LoginRequiredError) as exc:
            self._logged_in = False
            raise FatalError(
                f"bluesky {endpoint}: {exc}; check the handle and app password"
            ) from None
        except atp.BadRequestError as exc:
            if ended := _session_ended(exc):
                raise _SessionEnded(ended) from None
            raise FatalError(f"bluesky {endpoint}: {exc}") from None
        except (atp.AtProtocolError, ValueError) as exc:  # 5xx, network, a body that is not JSON
            raise TransientError(f"bluesky {endpoint}: {type(exc).__name__}") from None

    def _retry_at(self, seconds: float | None) -> datetime | None:
        """A 429 naming no `ratelimit-reset` may still say `Retry-After` (a proxy's)."""
        return self._clock() + timedelta(seconds=seconds) if seconds is not None else None
