"""Hacker News through the public Algolia API (`search_by_date`), stories and comments."""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from typing import Any, Literal

import aiohttp
from pydantic import Field

from listener._endpoints import OVERLAP, Page, State
from listener._hn_text import by_name_alone, plain, said_elsewhere
from listener._items import readable, usable
from listener._own import OwnAccounts
from listener._source import EndpointSource
from listener._wire import Clock, check_json, parse_time, utcnow
from mentiondesk.models import (
    Author,
    FatalError,
    Mention,
    PluginContext,
    RateLimited,
    SourceConfig,
    TransientError,
)

_LOGGER = logging.getLogger(__name__)
DEFAULT_BASE = "https://hn.algolia.com"
_UNDATED = "left out of paging, it has no created_at_i to read"
_REASON_MAX = 200  # of Algolia's error message in a log line


class HackerNewsSourceConfig(SourceConfig):
    kind: Literal["hackernews"] = "hackernews"
    tags: str = "(story,comment)"
    # Algolia's typo tolerance, off unless asked for: a word of 4 letters or more matches one
    # a letter away, so "acme" finds every "came", "acne" and "acre" on HN.
    typo_tolerance: bool = False
    page_size: int = Field(default=100, ge=1, le=1000)
    max_page_bytes: int = Field(default=8 * 1024 * 1024, ge=1024)
    timeout_seconds: float = Field(default=30.0, gt=0)
    # The brand's HN username, as HN writes it (exact case): its posts are not mentions.
    # Not guessed from [brand] handles: an HN user of that name would be silently unread.
    account: str | None = None


class HackerNewsSource(EndpointSource):
    """Newest first, paged by `page` in a pinned time window; cursor: the window's lower bound."""

    Config = HackerNewsSourceConfig

    def __init__(
        self,
        *,
        name: str,
        query: str,
        base_url: str = DEFAULT_BASE,
        tags: str = "(story,comment)",
        typos: bool = False,
        poll_seconds: float = 60.0,
        page_size: int = 100,
        max_page_bytes: int = 8 * 1024 * 1024,
        timeout: float = 30.0,
        handles: Sequence[str] = (),
        clock: Clock = utcnow,
    ) -> None:
        self.name = name
        # No account signs in here: the brand's HN account, where named (`account`, written
        # exactly, as HN matches them); a reply posted there by hand is not read back.
        self.own = OwnAccounts.named("hackernews", handles)
        self.poll_seconds = poll_seconds
        self.query = query
        self.url = base_url.rstrip("/") + "/api/v1/search_by_date"
        self.tags = tags
        self.typos = typos
        self.page_size = page_size
        self.max_page_bytes = max_page_bytes
        self._timeout = aiohttp.ClientTimeout(total=timeout)
        self._session: aiohttp.ClientSession | None = None
        self._reads({"search": self._search}, clock=clock)

    @classmethod
    def from_config(
        cls, config: HackerNewsSourceConfig, context: PluginContext
    ) -> HackerNewsSource:
        return cls(
            name=config.name or "hackernews",
            # Algolia ANDs the words of a query, so the default is the brand's name alone.
            query=config.query or context.brand.name,
            base_url=config.base_url or DEFAULT_BASE,
            tags=config.tags,
            typos=config.typo_tolerance,
            poll_seconds=config.poll_seconds,
            page_size=config.page_size,
            max_page_bytes=config.max_page_bytes,
            timeout=config.timeout_seconds,
            handles=(config.account,) if config.account else (),
        )

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    async def _probe(self) -> str:
        body = await self._get({**self._asked, "hitsPerPage": 1})
        return f"search answers ({body.get('nbHits', '?')} hits in all)"

    @property
    def _asked(self) -> dict[str, str]:
        """What every search asks: the query, its tags, and whether a typo still matches."""
        asked = {"query": self.query, "tags": self.tags}
        return asked if self.typos else {**asked, "typoTolerance": "false"}

    async def _search(self, state: State) -> Page:
        since, page, upper = state.get("since"), int(state.get("page", 0)), state.get("upper")
        filters = []
        if since is not None:  # from a little before the newest seen: late-indexed hits too
            filters.append(f"created_at_i>={int(since - OVERLAP.total_seconds())}")
        if upper is not None:  # pin the window so new hits do not shift the later pages
            filters.append(f"created_at_i<={upper}")
        params: dict[str, Any] = {**self._asked, "hitsPerPage": self.page_size, "page": page}
        if filters:
            params["numericFilters"] = ",".join(filters)
        body = await self._get(params)
        hits = check_json(body.get("hits"), "search", list)
        # The window's bounds come from the hits' times: one without a number for it is left
        # out of them (int() of it failed the page; a missing one dated it 1970, and the
        # cursor with it), not out of the mentions, which have their own fallback.
        dated = [_created(h) for h in usable(self.name, hits, _created, _hit_id, left_out=_UNDATED)]
        if upper is None:
            upper = max(dated, default=since)
        top = state.get("top", upper)  # the window's newest second: the next poll starts there
        mentions = self.own.others(
            self.name, "search", readable(self.name, hits, _mention, _hit_id)
        )
        if since is None or upper is None:  # the first run reads one page: history is skipped
            # Nothing found: now is the lower bound (the next read goes OVERLAP back from it).
            now = int(self._clock().timestamp())
            return Page(mentions, {"since": upper if upper is not None else now})
        if page + 1 < int(body.get("nbPages", 0)):
            return Page(
                mentions, {"since": since, "page": page + 1, "upper": upper, "top": top}, True
            )
        below = self._rest_below(body, len(hits), dated, page=page, upper=int(upper))
        if below is not None:
            return Page(mentions, {"since": since, "page": 0, "upper": below, "top": top}, True)
        return Page(mentions, {"since": top})

    def _rest_below(
        self, body: dict[str, Any], count: int, dated: list[int], *, page: int, upper: int
    ) -> int | None:
        """Algolia pages through the first 1,000 hits of a query only (nbPages stops there;
        algolia/hn-search#230). If it matched more, the rest are older than the oldest hit
        read: the window goes on below it, from page 0 (a same-second repeat is dropped as seen).
        """
        read = page * self.page_size + count
        # A page with no hit to date by has no oldest to go on below: the window ends there.
        if not dated or int(body.get("nbHits", 0)) <= read:
            return None
        oldest = min(dated)
        if oldest < upper:
            return oldest
        # Over a thousand hits in one second: no filter reaches past them; go on below it.
        _LOGGER.warning("source %s: more hits in one second than Algolia pages", self.name)
        return upper - 1

    async def _get(self, params: dict[str, Any]) -> dict[str, Any]:
        if self._session is None:
            self._session = aiohttp.ClientSession(timeout=self._timeout)
        try:
            async with self._session.get(self.url, params=params) as response:
                # aiohttp's headers are case-insensitive: Algolia's `X-RateLimit-*` in any case.
                self._observe_window("search", response.headers, "X-RateLimit-")
                if response.status == 429:
                    wait = self._limit_ends(response.headers.get("Retry-After"))
                    raise RateLimited(wait, "hackernews search")
                raw = await self._read(response)
                if response.status >= 500:
                    said = _said(raw)
                    raise TransientError(f"hackernews search: status {response.status}{said}")
                if response.status >= 400:
                    raise FatalError(
                        f"hackernews search: status {response.status}{_said(raw)}; "
                        "check the source's query and tags"
                    )
        except (aiohttp.ClientError, TimeoutError) as exc:
            raise TransientError(f"hackernews search: {type(exc).__name__}") from None
        try:
            body = json.loads(raw)
        except ValueError:
            raise TransientError("hackernews search: malformed JSON") from None
        return check_json(body, "search", dict)  # type: ignore[no-any-return]

    async def _read(self, response: aiohttp.ClientResponse) -> bytes:
        """The body, refusing one larger than `max_page_bytes` (a runaway page is retried)."""
        chunks, size = [], 0
        async for chunk in response.content.iter_chunked(64 * 1024):
            size += len(chunk)
            if size > self.max_page_bytes:
                raise TransientError(f"hackernews search: page over {self.max_page_bytes} bytes")
            chunks.append(chunk)
        return b"".join(chunks)


def _said(raw: bytes) -> str:
    """Algolia's reason for an error (`{"message": …}`), for the log: what to fix in the
    query or tags is there, not in the status alone. Cut short and on one line (a proxy's
    HTML page is no reason: nothing is said)."""
    try:
        message = json.loads(raw).get("message")
    except (ValueError, AttributeError):
        return ""
    if not isinstance(message, str):
        return ""
    # One line of printable characters: a terminal escape in it would reach the operator's.
    words = " ".join("".join(c if c.isprintable() else " " for c in message).split())
    if len(words) > _REASON_MAX:
        words = words[:_REASON_MAX] + "…"
    return f" ({words})" if words else ""


def _created(hit: Any) -> int:
    """A hit's `created_at_i`, the number Algolia's numericFilters (our window) go by."""
    value = hit["created_at_i"]
    if isinstance(value, bool):  # int(True) is 1: a date in 1970, not a time
        raise TypeError("created_at_i")
    return int(value)  # None: TypeError; "soon": ValueError (both UNREADABLE)


def _hit_id(hit: Any) -> object:
    return hit["objectID"]


def _mention(hit: dict[str, Any]) -> Mention | None:
    author = hit.get("author")
    if not author or not hit.get("objectID"):
        return None  # deleted items come back without an author
    is_story = "story" in (hit.get("_tags") or []) and hit.get("title")
    if is_story and by_name_alone(hit):
        return None
    if is_story:  # a link's URL too: the brand may be named there alone (Algolia reads it)
        parts = (hit.get("title") or "", plain(hit.get("story_text")), _link(hit))
        text = "\n\n".join(p for p in parts if p)
        thread = str(hit["objectID"])
    elif said_elsewhere(hit):
        return None
    else:
        text = plain(hit.get("comment_text"))
        thread = str(hit.get("story_id") or hit["objectID"])
    if not text:
        return None
    return Mention(
        platform="hackernews",
        external_id=str(hit["objectID"]),
        author=Author(id=author, handle=author, name=author),
        text=text,
        created_at=parse_time(hit.get("created_at_i") or hit["created_at"]),
        url=f"https://news.ycombinator.com/item?id={hit['objectID']}",
        thread_id=thread,
        parent_id=str(hit["parent_id"]) if hit.get("parent_id") else None,
        on_title=None if is_story else hit.get("story_title"),  # the story a comment is on
    )


def _link(hit: dict[str, Any]) -> str:
    """A link story's URL ("" for a text post: Ask HN, Show HN without a link)."""
    url = hit.get("url")
    return url if isinstance(url, str) else ""
