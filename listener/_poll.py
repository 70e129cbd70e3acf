"""The poll loop around a source: interval, paging, backoff, rate limits, clean stop.

A source fetches one page; this loop owns everything else (praw's stream generator,
with the policy pulled out of the plugin).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from listener._endpoints import EndpointsBatch, Held
from listener._outage import SourceOutage, StoreOutage, why
from mentiondesk.models import Batch, FatalError, RateLimited, Source, TransientError, scrub

_LOGGER = logging.getLogger(__name__)
_MAX_DOUBLINGS = 32  # past it every wait is the cap anyway; 2 ** failures stays a float
# The longest wait after the store failed (a database restarting): its pages wait on no
# platform, so it is tried at least once a minute, as processing and the outbox try it.
STORE_RETRY_CAP = 60.0

OnBatch = Callable[[str, Batch], Awaitable[None]]
LoadCursor = Callable[[str], Awaitable[str | None]]
Clock = Callable[[], datetime]
# Told (source name, the error, when) once the source stopped for good: the glue alerts the team.
OnStop = Callable[[str, FatalError, datetime], Awaitable[None]]


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass
class Backoff:
    """Jittered exponential backoff, capped; `reset()` after a success."""

    base: float = 1.0
    cap: float = 300.0
    failures: int = 0

    def next_delay(self) -> float:
        self.failures += 1
        # Bounded: 2 ** 1024 is no float (OverflowError), 63 hours of a long outage in.
        ceiling = min(self.cap, self.base * 2 ** min(self.failures - 1, _MAX_DOUBLINGS))
        return random.uniform(ceiling / 2, ceiling)

    def reset(self) -> None:
        self.failures = 0


class Poller:
    """Polls one source until stopped; with `once`, until it has caught up."""

    def __init__(
        self,
        source: Source,
        *,
        load_cursor: LoadCursor,
        on_batch: OnBatch,
        stop: asyncio.Event,
        once: bool = False,
        then_listens: bool = False,
        once_max_wait: float = 60.0,
        clock: Clock = _now,
        backoff: Backoff | None = None,
        sleep: Callable[[float], Awaitable[None]] | None = None,
        on_stop: OnStop | None = None,
        store_outage: StoreOutage | None = None,
    ) -> None:
        self.source = source
        self._load_cursor = load_cursor
        self._on_batch = on_batch
        self._stop = stop
        self._once = once
        self._then_listens = then_listens  # a catch-up given up on says what happens next
        self._once_max_wait = once_max_wait
        self._clock = clock
        self._backoff = backoff or Backoff()
        self._sleeper = sleep  # tests inject one that advances a fake clock
        self._on_stop = on_stop
        # What an operator is shown (/healthz, the run's summary): why this source stopped
        # for good (a revoked token), or until when a rate limit holds it.
        self.stopped: FatalError | None = None
        self.stopped_at: datetime | None = None
        self.blocked_until: datetime | None = None
        # Its endpoints a rate limit keeps out of the last page's pass, where the others were
        # read (X's search held, its mentions read), with when each may be read again.
        self.held_endpoints: Held = ()
        self.outage = SourceOutage(source.name)  # the platform's failures only
        # The store's (its lease, its cursor, its pages), shared with the process's other
        # pollers; and since when, and how often, they kept this source's pages unstored.
        self.store_outage = store_outage or StoreOutage()
        self.unstored_since: datetime | None = None
        self.unstored_tries = 0

    def listen(self) -> None:
        """Go on polling after the catch-up, until stopped. The same poller, so an outage
        that began during the catch-up is not announced again, and a stop stays a stop."""
        self._once = False

    async def run(self) -> None:
        loaded, cursor = await self._first_cursor()
        while loaded and not self._stop.is_set():
            outcome = await self._poll_once(cursor)
            if outcome == "fatal":
                await self._tell_stopped()
                return
            if outcome == "skipped":  # another worker polls it: its turn comes again later
                if self._once:
                    return
                await self._sleep(self.source.poll_seconds)
            elif isinstance(outcome, Batch):
                cursor = outcome.cursor
                if outcome.has_more:
                    continue
                if self._once:
                    return
                await self._sleep(self.source.poll_seconds)
            elif outcome == "give_up":
                return

    async def _first_cursor(self) -> tuple[bool, str | None]:
        """The saved cursor, retried with backoff as a failed poll is: a store restarting
        at start-up must not leave the source unread for the life of the process.
        (False, None) when stopped or given up first."""
        while not self._stop.is_set():
            try:
                cursor = await self._load_cursor(self.source.name)
            except Exception as exc:  # the store's errors vary by driver; all are retried
                if await self._store_failed(exc) == "give_up":
                    break
                continue
            self._backoff.reset()
            self._store_answered()
            return True, cursor
        return False, None

    async def _poll_once(self, cursor: str | None) -> Batch | str:
        name = self.source.name
        try:
            batch = await self.source.poll(cursor)
        except RateLimited as exc:
            return await self._wait_rate_limit(exc)
        except FatalError as exc:  # a library's words may quote a token: scrubbed
            _LOGGER.error("source %s stopped until restart: %s", name, scrub(str(exc)))
            self.stopped, self.stopped_at = exc, self._clock()
            return "fatal"
        except Exception as exc:  # a plugin bug must not take the other sources down either
            return await self._poll_failed(exc)
        if batch.skipped:  # nothing was read: no success to count, no failure either
            self._store_answered()  # the lease was asked for: the store answered
            return "skipped"
        # The cursor is saved with the mentions it covers, in the same transaction.
        try:
            await self._on_batch(name, batch)
        except Exception as exc:  # the store failed: the cursor did not move, so poll again
            return await self._store_failed(exc)
        self._backoff.reset()
        self._store_answered()
        self.blocked_until = None
        self.held_endpoints = batch.held if isinstance(batch, EndpointsBatch) else ()
        self.outage.recovered(self._clock())
        return batch

    async def _poll_failed(self, exc: Exception) -> str:
        """A poll that failed: the platform's outage, or the store's where the glue's work
        around the poll failed (its lease, its cursor), never said as the platform's."""
        if self.store_outage.owns(exc):
            return await self._store_failed(exc)
        self.outage.failed(exc, self._clock())
        if not isinstance(exc, TimeoutError | TransientError | OSError):
            _LOGGER.debug("source %s failed unexpectedly", self.source.name, exc_info=True)
        return await self._back_off(exc)

    async def _store_failed(self, exc: Exception) -> str:
        now = self._clock()
        self.store_outage.failed(self.source.name, exc, now)
        self.unstored_since = self.unstored_since or now
        self.unstored_tries += 1
        return await self._back_off(exc, store=True)

    def _store_answered(self) -> None:
        self.unstored_since, self.unstored_tries = None, 0
        self.store_outage.answered(self._clock())

    async def _tell_stopped(self) -> None:
        """Hand the stop to `on_stop` (stop-and-alert); its failure must not hide the stop,
        which /healthz and the desk still show."""
        if self._on_stop is None or self.stopped is None or self.stopped_at is None:
            return
        try:
            await self._on_stop(self.source.name, self.stopped, self.stopped_at)
        except Exception as exc:
            name = self.source.name
            _LOGGER.error("source %s: alerting its stop failed (%s)", name, type(exc).__name__)

    async def _wait_rate_limit(self, exc: RateLimited) -> str:
        # At least a second, as the outbox waits: a reset already past (clock skew,
        # Retry-After: 0) would otherwise poll again at once, never yielding to the loop.
        now = self._clock()
        until = exc.wait_until(now)
        self.blocked_until = until
        wait = (until - now).total_seconds()
        if self._once and wait > self._once_max_wait:
            _LOGGER.warning(
                "source %s is rate limited for %.0f s more; skipping it this run, cursor kept",
                self.source.name,
                wait,
            )
            return "give_up"
        _LOGGER.warning("source %s is rate limited; waiting %.0f s", self.source.name, wait)
        await self._sleep(wait)
        return "waited"

    async def _back_off(self, exc: BaseException, *, store: bool = False) -> str:
        """Wait before the next try; `store`: the store failed, not the platform."""
        delay = self._backoff.next_delay()
        delay = min(delay, STORE_RETRY_CAP) if store else delay
        name, failures = self.source.name, self._backoff.failures
        said = f"the store: {self.store_outage.words(exc)}" if store else why(exc)
        _LOGGER.debug("source %s: retry %d in %.1f s (%s)", name, failures, delay, said)
        if self._once and failures > 5:
            after = "retrying while listening" if self._then_listens else "cursor kept"
            failing = "cannot store its pages" if store else "keeps failing"
            said = "source %s %s; catch-up goes on without it; %s"
            _LOGGER.warning(said, name, failing, after)
            return "give_up"
        await self._sleep(delay)
        return "backed_off"

    async def _sleep(self, seconds: float) -> None:
        """Sleep, but wake at once when stop is requested (Ctrl-C never waits out a backoff)."""
        if seconds <= 0:
            return
        if self._sleeper is not None:
            await self._sleeper(seconds)
            return
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._stop.wait(), timeout=seconds)
