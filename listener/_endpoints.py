"""What the platform sources share: a per-endpoint pass over one cursor, rate-limit gates,
duplicate suppression and error translation.

A platform source reads one or more endpoints (X: search and mentions). Each `poll()`
fetches one page from one endpoint; this module decides which, keeps every endpoint's
paging state in one JSON cursor, and never calls an endpoint before its rate-limit
`until`. The policy lives here once so every source behaves the same.

An endpoint's first read (no state for it in the cursor yet) only finds where "now" is:
like praw's `stream(skip_existing=True)`, what it returns is marked seen, not emitted, so
switching a platform on does not turn its history into a flood of old alerts. Each fetcher
reads a single page when its state is empty and records the newest time or id it saw. When
that page is empty (a quiet brand) it records a position from which the next poll still pages
through everything posted since: Reddit, Hacker News and Bluesky "now" by the source's clock
(read OVERLAP back, for a clock ahead of the platform's); Mastodon's search a snowflake id of
that time, its serial notification ids 0; X no since_id at all (`{"since": None}`): what its
search and mentions return later is all newer than that empty read.
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, tzinfo

from listener._cursor_state import State as State
from listener._cursor_state import decode, unseen
from listener._gate import Gate
from listener._outage import why
from listener._wire import Clock, utcnow
from mentiondesk.models import (
    Batch,
    FatalError,
    Mention,
    RateLimited,
    SourceStatus,
    TransientError,
    utc,
)

_LOGGER = logging.getLogger(__name__)
# Failures in a row after which an endpoint waits for the next pass (X's search down must not
# keep its mentions unread); fewer are a blip, tried again at the next poll, after the poller's
# backoff once it is all that is left (a `run --once` gives a source five).
PUT_OFF_AFTER = 5
SHORT_WAIT = 60.0  # a limit ending sooner is waited out (by the poller); a longer one is skipped
# Search indexes lag (Reddit's, Algolia's, Bluesky's): a post can appear after newer ones were
# read. Sources that resume from a time read this far back again; the seen-list drops repeats.
OVERLAP = timedelta(minutes=10)


@dataclass(frozen=True, slots=True)
class Page:
    """One page from one endpoint: its mentions, the endpoint's next state, whether it has more."""

    mentions: Sequence[Mention]
    state: State
    more: bool = False
    skipped: Sequence[Mention] = ()  # read on an endpoint's first run: seen, never emitted


Fetch = Callable[[State], Awaitable[Page]]
Held = tuple[tuple[str, datetime], ...]  # (endpoint, when it may be read again)


@dataclass(frozen=True, slots=True)
class EndpointsBatch(Batch):
    """A page, and the endpoints a long rate limit keeps out of this pass (`Endpoints.held`):
    the poller tells the run's summary, or X's search would go unread without a word."""

    held: Held = ()


@dataclass
class Endpoints:
    """Runs passes over a source's endpoints; `poll()` fetches one page and returns a Batch."""

    source: str
    fetchers: Mapping[str, Fetch]
    clock: Clock = utcnow
    # One window for every endpoint (Reddit's per client, Bluesky's per IP): a spent one or a
    # 429 on any endpoint holds them all, or the next is asked at once and refused too.
    shared: bool = False
    gates: dict[str, Gate] = field(default_factory=dict)
    _broken: set[str] = field(default_factory=set)
    _skipped: set[str] = field(default_factory=set)
    _passed: set[str] = field(default_factory=set)  # down, while the others are read
    _failures: Counter[str] = field(default_factory=Counter)  # in a row, by endpoint

    def held(self) -> Held:
        """Endpoints skipped in this pass for a rate limit past SHORT_WAIT (cursor kept), and
        when each may be read again (said still once that is past, until it is read)."""
        return tuple(
            (e, until)
            for e in self.fetchers
            if e in self._skipped and (until := self.gate(e).until)
        )

    def gate(self, endpoint: str) -> Gate:
        return self.gates.setdefault(endpoint, Gate())

    def observe(
        self,
        endpoint: str,
        *,
        limit: int | None,
        remaining: int | None,
        reset: datetime | None,
        shared: bool = False,
    ) -> None:
        """Record rate-limit headers; an exhausted window blocks the endpoint until its reset,
        or every endpoint where the platform counts one window for all (`shared`: Reddit's)."""
        gate = self.gate(endpoint)
        gate.limit, gate.remaining, gate.reset = limit, remaining, reset
        if remaining is not None and remaining <= 0 and reset is not None:
            self._hold(endpoint, reset, shared=shared)

    def _hold(self, endpoint: str, until: datetime, *, shared: bool = False) -> None:
        """Send nothing to the endpoint (every endpoint, where the window is shared, but not
        for a call of no endpoint's: Bluesky's sign-in has a window of its own) before `until`;
        a later hold already there stays."""
        together = (shared or self.shared) and endpoint in self.fetchers
        for name in self.fetchers if together else (endpoint,):
            held = self.gate(name)
            held.until = max(until, held.until or until)

    async def poll(self, cursor: str | None) -> Batch:
        state = decode(cursor, list(self.fetchers))
        now = self.clock()
        due = self._due(state, now)
        if not due:  # this pass is over: a new one starts over every endpoint
            state["done"] = []
            due = self._due(state, now)
        if not due:
            until = min(self.gate(e).until or now for e in self.fetchers)
            raise RateLimited(until, f"{self.source}: every endpoint is rate limited")
        ready = [e for e in due if not self.gate(e).blocked(now)]
        if not ready:  # only short blocks are left: the poller waits them out
            raise RateLimited(min(self.gate(e).until or now for e in due), self.source)
        read_before = [e for e in state["done"] if not self._failures[e]]  # read in this pass
        failed: list[tuple[str, TransientError]] = []
        limited: RateLimited | None = None
        for endpoint in ready:  # one down must not keep the next unread: each is tried in turn
            try:
                if (held := self.gate(endpoint)).blocked(self.clock()):  # a shared window spent
                    raise RateLimited(held.until or now, f"{self.source} {endpoint}")
                batch = await self._read(state, endpoint)
            except RateLimited as exc:  # its gate holds it back; the others are read meanwhile
                if limited is None or exc.until < limited.until:  # the soonest is waited for
                    limited = exc
                continue
            except TransientError as exc:
                failed.append((endpoint, exc))
                if self._failures[endpoint] >= PUT_OFF_AFTER:
                    state["done"] = [*state["done"], endpoint]  # tried again next pass
                continue
            self._put_off(failed)
            return batch
        return self._nothing_read(state, now, failed, limited, whole=not read_before)

    def _nothing_read(
        self,
        state: State,
        now: datetime,
        failed: list[tuple[str, TransientError]],
        limited: RateLimited | None,
        *,
        whole: bool,
    ) -> Batch:
        """No endpoint answered in this call. A blip is retried with the poller's backoff, and
        a whole source down (no endpoint read in this pass) is too, the poller saying so; else
        this pass goes on (or ends) without those put off."""
        blips = [exc for e, exc in failed if self._failures[e] < PUT_OFF_AFTER]
        if blips or (failed and whole):
            raise (blips or [exc for _, exc in failed])[0]
        if not failed and limited is not None:
            raise limited
        self._put_off(failed)
        left = bool(self._due(state, now))
        return EndpointsBatch([], cursor=json.dumps(state), has_more=left, held=self.held())

    async def _read(self, state: State, endpoint: str) -> Batch:
        first = endpoint not in state["ep"]
        page = await self._fetch(endpoint, state["ep"].get(endpoint) or {})
        if first:
            page = self._skip(endpoint, page)
        return self._advance(state, endpoint, page)

    def _due(self, state: State, now: datetime) -> list[str]:
        """Endpoints still to read in this pass; a long rate limit skips one (cursor kept)."""
        due = []
        for endpoint in self.fetchers:
            gate = self.gate(endpoint)
            if endpoint in state["done"]:
                continue
            if gate.until is not None and (gate.until - now).total_seconds() > SHORT_WAIT:
                if endpoint not in self._skipped:
                    self._skipped.add(endpoint)
                    _LOGGER.warning(
                        "source %s: endpoint %s is rate limited until %s; skipped, cursor kept",
                        self.source,
                        endpoint,
                        gate.until.isoformat(),
                    )
                continue
            self._skipped.discard(endpoint)
            due.append(endpoint)
        return due

    async def _fetch(self, endpoint: str, ep_state: State) -> Page:
        try:
            page = await self.fetchers[endpoint](dict(ep_state))
        except RateLimited as exc:
            until = exc.wait_until(self.clock())
            self._hold(endpoint, until)
            raise RateLimited(until, f"{self.source} {endpoint}") from None
        except TransientError as exc:
            self._failures[endpoint] += 1
            self._log_broken(endpoint, exc)
            raise
        self._failures.pop(endpoint, None)
        if endpoint in self._broken:
            self._broken.discard(endpoint)
            log = _LOGGER.info if endpoint in self._passed else _LOGGER.debug
            self._passed.discard(endpoint)
            log("source %s: endpoint %s answers again", self.source, endpoint)
        return page

    def _put_off(self, failed: list[tuple[str, TransientError]]) -> None:
        """Say, once per outage, that an endpoint down (X's search, Reddit's) waits for the next
        pass while the others are read, its cursor kept: the poller, which warns when a whole
        source is down, does not hear of it. A blip (fewer failures in a row) is not said."""
        for endpoint, exc in failed:
            if self._failures[endpoint] >= PUT_OFF_AFTER and endpoint not in self._passed:
                self._passed.add(endpoint)
                _LOGGER.warning(
                    "source %s: endpoint %s failed (%s); the others are read meanwhile, and "
                    "it is tried again at each pass",
                    self.source,
                    endpoint,
                    why(exc),
                )

    def _log_broken(self, endpoint: str, exc: Exception) -> None:
        # At debug: the poller warns once per outage, the error naming the endpoint.
        if endpoint not in self._broken:
            self._broken.add(endpoint)
            _LOGGER.debug("source %s: endpoint %s failed: %s", self.source, endpoint, why(exc))

    def _skip(self, endpoint: str, page: Page) -> Page:
        """First read: what is already there is marked seen (the overlap re-reads it), not new."""
        _LOGGER.info(
            "source %s: endpoint %s starts from now; %d existing posts skipped",
            self.source,
            endpoint,
            len(page.mentions),
        )
        return Page([], page.state, page.more, skipped=page.mentions)

    def _advance(self, state: State, endpoint: str, page: Page) -> Batch:
        # Oldest first: the platforms list newest first, and the store processes a batch in
        # the order given ("it arrived, thanks" must follow the complaint it resolves).
        ordered = sorted(page.mentions, key=lambda m: utc(m.created_at))
        # An edit (a new X id) is news, a repeat is not.
        first: dict[str, Mention] = {}
        for mention in ordered:
            first.setdefault(mention.version, mention)
        fresh = [first[v] for v in unseen(state, list(first))]
        unseen(state, [m.version for m in page.skipped])
        state["ep"][endpoint] = page.state
        if not page.more:
            state["done"] = [*state["done"], endpoint]
        left = self._due(state, self.clock())
        cursor = json.dumps(state)
        return EndpointsBatch(fresh, cursor=cursor, has_more=bool(left), held=self.held())

    def describe(self, zone: tzinfo = UTC) -> str:
        return "; ".join(f"{e}: {self.gate(e).describe(zone)}" for e in self.fetchers)


async def run_check(
    name: str, probe: Callable[[], Awaitable[str]], endpoints: Endpoints
) -> SourceStatus:
    """Run a source's probe and report it for `sources check` (its times in the desk's zone,
    which the command passes to `rate_limit_in`)."""
    try:
        ok, detail = True, await probe()
    except RateLimited as exc:
        ok, detail = True, f"credentials work, but {exc}"
    except (FatalError, TransientError) as exc:
        ok, detail = False, why(exc)
    return SourceStatus(name, ok, detail, endpoints.describe(), endpoints.describe)
