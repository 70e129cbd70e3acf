"""What the platform sources built on `Endpoints` share: which endpoints they read, their
poll and check, and the rate-limit window an answer's headers tell of. A new platform's
source subclasses `EndpointSource`, calls `_reads` and writes its `_probe`."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from listener._endpoints import Endpoints, Fetch, run_check
from listener._wire import Clock, header_int, limit_ends, reset_time
from mentiondesk.models import Batch, SourceStatus


class EndpointSource:
    """A source whose `Endpoints` decide which endpoint each poll reads; it says in `_probe`
    what `sources check` asks of the platform."""

    name: str
    endpoints: Endpoints
    _clock: Clock

    def _reads(
        self, fetchers: Mapping[str, Fetch | None], *, clock: Clock, shared: bool = False
    ) -> None:
        """Read these endpoints, in this order (None: one this source does not read);
        `shared`: the platform counts one rate-limit window for them all."""
        wanted = {endpoint: fetch for endpoint, fetch in fetchers.items() if fetch is not None}
        self.endpoints = Endpoints(self.name, wanted, clock=clock, shared=shared)
        self._clock = clock  # the source's times and its endpoints' gates go by one clock

    async def poll(self, cursor: str | None) -> Batch:
        return await self.endpoints.poll(cursor)

    async def check(self) -> SourceStatus:
        return await run_check(self.name, self._probe, self.endpoints)

    async def _probe(self) -> str:
        """Sign in or ask once; what a working source says ("signed in as @lumora")."""
        raise NotImplementedError

    def _observe_window(self, endpoint: str, headers: Mapping[str, str], prefix: str) -> None:
        """Record the window of `<prefix>limit`, `<prefix>remaining` and `<prefix>reset`
        (epoch seconds) headers, as Bluesky (`ratelimit-`), X (`x-rate-limit-`) and Algolia
        (`X-RateLimit-`) send them. Pass `headers` as the client gives them: aiohttp's
        CIMultiDict finds a name in any case, a plain dict only as written."""
        self.endpoints.observe(
            endpoint,
            limit=header_int(headers, f"{prefix}limit"),
            remaining=header_int(headers, f"{prefix}remaining"),
            reset=reset_time(headers.get(f"{prefix}reset")),
        )

    def _limit_ends(self, wait: str | None) -> datetime:
        """When a 429 ends: the wait it names in seconds from now (or as an HTTP date,
        Retry-After's other form), else DEFAULT_WAIT from now (Reddit's, Algolia's)."""
        return limit_ends(reset_time(wait, relative=True, now=self._clock), self._clock)
