"""What X's listener and X's poster both use: the session tweepy calls through, and what
they read off a refused request.

It lives here because `mentiondesk.models` is the one package both `listener/` and
`responders/` may import; `mentiondesk.models` itself does not import this module, so tweepy
is loaded only by the plugins that use it.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import aiohttp
import tweepy
from yarl import URL

# The problem type of the 429 X answers once the project's monthly post cap is spent; its
# x-rate-limit-reset still names the 15-minute window, so only the body tells them apart.
USAGE_CAPPED = "https://api.twitter.com/2/problems/usage-capped"


async def usage_capped(exc: tweepy.HTTPException) -> bool:
    """Whether X's 429 is the monthly usage cap: only the body says (its problem type)."""
    try:  # tweepy has read the body already; json() parses it again
        body = await exc.response.json()
    except (ValueError, AttributeError, aiohttp.ClientError):
        return False
    if not isinstance(body, dict):
        return False
    return body.get("type") == USAGE_CAPPED or body.get("title") == "UsageCapExceeded"


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
