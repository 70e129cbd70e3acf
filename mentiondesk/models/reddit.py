"""The asyncpraw client the Reddit listener and the Reddit poster both build.

It lives here because `mentiondesk.models` is the one package both `listener/` and
`responders/` may import. `mentiondesk.models` itself does not import this module, so
asyncpraw is loaded only by the plugins that use it. Building a client does no I/O.

asyncprawcore retries a request up to twice on 5xx/408/520/522 or a dropped connection,
sleeping in between, and sleeps ahead of a request when its rate-limit window runs low.
Both are switched off: the poller and the outbox own retries, backoff and waiting (only
they may sleep), and a POST that Reddit carried out but answered 502 must not be sent
again blind: the poster first looks up whether it landed.

Each answer's headers are kept on the client's requestor (`last_headers`): the listener reads
Reddit's rate-limit window from them, not from asyncprawcore's private pacing state.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from typing import Any

import aiohttp
import asyncpraw
from asyncprawcore.requestor import Requestor
from asyncprawcore.sessions import FiniteRetryStrategy

OAUTH_URL = "https://oauth.reddit.com"
REDDIT_URL = "https://www.reddit.com"


class _NoRetry(FiniteRetryStrategy):
    """Every request is tried once; a failure goes up to our retry loop as an exception."""

    def __init__(self, retries: int = 0) -> None:
        super().__init__(retries=0)

    def _sleep_seconds(self) -> float | None:
        return None


async def _no_delay() -> None:
    return None


class HeadersRequestor(Requestor):
    """asyncprawcore's requestor, keeping the last answer's headers (lower-case names).

    asyncpraw returns parsed bodies only; Reddit's `x-ratelimit-*` headers are read here.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.last: dict[str, str] = {}

    @asynccontextmanager
    async def request(self, *args: Any, **kwargs: Any) -> AsyncIterator[aiohttp.ClientResponse]:
        async with super().request(*args, **kwargs) as response:
            self.last = {k.lower(): v for k, v in response.headers.items()}
            yield response


def last_headers(reddit: asyncpraw.Reddit) -> Mapping[str, str]:
    """The headers of the last answer `reddit` got; none for a client not built here."""
    requestor = reddit.requestor
    return requestor.last if isinstance(requestor, HeadersRequestor) else {}


def build_reddit(
    *,
    client_id: str,
    client_secret: str,
    username: str | None,
    password: str | None,
    base_url: str | None,
    auth_url: str | None,
    user_agent: str,
) -> asyncpraw.Reddit:
    """An asyncpraw client pointed at `base_url`, whose own sleeps and retries are switched off."""
    options: dict[str, Any] = {}
    if username and password:
        options = {"username": username, "password": password}
    reddit = asyncpraw.Reddit(
        client_id=client_id,
        client_secret=client_secret,
        user_agent=user_agent,
        oauth_url=base_url or OAUTH_URL,
        reddit_url=auth_url or base_url or REDDIT_URL,
        check_for_updates=False,
        requestor_class=HeadersRequestor,
        **options,
    )
    # asyncprawcore has no public switch for either; both are per-session attributes.
    cores: list[Any] = [c for c in (reddit._core, reddit._read_only_core) if c is not None]
    for core in cores:
        core._retry_strategy_class = _NoRetry
        core._rate_limiter.delay = _no_delay  # a limit is raised to our loop, never slept out
    return reddit
