"""A source's outage in the log: a warning when it starts failing, naming the endpoint and
the cause, and one when it reads again, saying for how long it was down; the retries between
at debug level (a platform down for an hour would otherwise bury the log, one line a step).
The outbox's `Outages` does the same for responders.

The store failing the pollers (a database restarting or failing over: a source's lease, its
cursor, a page it read) is no platform's outage: `StoreOutage` says it once for all of a
process's sources, as the store's, so that no one goes looking at a platform's status page."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from mentiondesk.models import TransientError, failure_cause, scrub, scrubbed

_LOGGER = logging.getLogger("listener._poll")  # the poller's log, where operators look


def why(exc: BaseException) -> str:
    """The failure in safe words: the error (no tokens, no query strings; a TransientError's
    words name the endpoint, another's class says more), then what went wrong on the wire,
    with the host, where the exceptions it wraps say so. A bug's words are left out."""
    ours = isinstance(exc, TransientError) and str(exc)
    said = scrub(str(exc)) if ours else type(exc).__name__ if _a_bug(exc) else scrubbed(exc)
    cause = failure_cause(exc)
    return f"{said}: {cause}" if cause else said


def _a_bug(exc: BaseException) -> bool:
    """A built-in error other than the network's (a KeyError, a ValueError a plugin raised on
    a page): its words quote the data it tripped on, a post's text or an author's name."""
    return type(exc).__module__ == "builtins" and not isinstance(exc, OSError | TimeoutError)


class _Spell:
    """A spell of failures: since when, how many, and why the latest failed. Its start and
    its end are each logged once; the poller's retry lines between are at debug level."""

    def __init__(self) -> None:
        self.failures = 0
        self.since: datetime | None = None
        self.cause: str | None = None

    def _starts(self, cause: str, now: datetime) -> bool:
        """Count a failure; True where it starts the spell (the one to log)."""
        self.failures += 1
        self.cause = cause
        if self.since is not None:
            return False
        self.since = now
        return True

    def _ends(self, now: datetime) -> tuple[int, str] | None:
        """End the spell, if one was on: how many failures it had and how long it lasted."""
        if self.since is None:
            return None
        ended = self.failures, _duration(now - self.since)
        self.since, self.failures, self.cause = None, 0, None
        return ended


class SourceOutage(_Spell):
    """Whether one source's polls are failing, since when, how many times, and why the latest
    failed (`why`'s safe words: /healthz shows it)."""

    def __init__(self, source: str) -> None:
        super().__init__()
        self.source = source

    def failed(self, exc: BaseException, now: datetime) -> None:
        if self._starts(why(exc), now):
            _LOGGER.warning(
                "source %s is failing (%s); retrying with backoff, "
                "further failures until it recovers are logged at debug level",
                *(self.source, self.cause),
            )

    def recovered(self, now: datetime) -> None:
        if ended := self._ends(now):
            _LOGGER.warning(
                "source %s: reading again after %d failure(s), down for %s", self.source, *ended
            )


class StoreOutage(_Spell):
    """Whether the store fails a process's pollers, since when, and how many times: shared by
    its pollers, so one line says it for every source. The glue says which errors are the
    store's (`owns`) and words them (`words`: no URL, no password, no mention's text)."""

    def __init__(
        self,
        *,
        owns: Callable[[BaseException], bool] = lambda exc: False,
        words: Callable[[BaseException], str] = lambda exc: type(exc).__name__,
    ) -> None:
        super().__init__()  # its `cause`: the latest failure, in `words`
        self.owns, self.words = owns, words
        # Told each time a poller's store work goes through (the glue's processing, waiting
        # out an outage, tries again then): the pollers are often first to find it back.
        self.on_answer: Callable[[], None] = lambda: None

    def failed(self, source: str, exc: BaseException, now: datetime) -> None:
        if self._starts(self.words(exc), now):
            _LOGGER.warning(
                "store: %s; the sources' pages wait until it answers, each source then read "
                "on from its saved cursor: no platform is at fault (first seen polling %s; the "
                "retries are logged at debug level)",
                *(self.cause, source),
            )

    def answered(self, now: datetime) -> None:
        """A poller's store work went through: the outage, if any, is over."""
        self.on_answer()
        if ended := self._ends(now):
            _LOGGER.warning(
                "store: answering the pollers again after %d failed tries, down for %s; "
                "each source reads on from its saved cursor",
                *ended,
            )


def _duration(span: timedelta) -> str:
    seconds = max(0, round(span.total_seconds()))
    if seconds < 120:
        return f"{seconds} s"
    if seconds < 7200:
        return f"{seconds // 60} min"
    return f"{seconds // 3600} h {seconds % 3600 // 60} min"
