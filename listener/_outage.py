"""A source's outage in the log: a warning when it starts failing, naming the endpoint and
the cause, and one when it reads again, saying for how long it was down; the retries between
at debug level (a platform down for an hour would otherwise bury the log, one line a step).
The outbox's `Outages` does the same for responders."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from mentiondesk.models import TransientError, failure_cause, scrub, scrubbed

_LOGGER = logging.getLogger("listener._poll")  # the poller's log, where operators look


def why(exc: BaseException) -> str:
    """The failure in safe words: the error (no tokens, no query strings; a TransientError's
    words name the endpoint, another's class says more), then what went wrong on the wire,
    with the host, where the exceptions it wraps say so."""
    ours = isinstance(exc, TransientError) and str(exc)
    said, cause = scrub(str(exc)) if ours else scrubbed(exc), failure_cause(exc)
    return f"{said}: {cause}" if cause else said


class SourceOutage:
    """Whether one source's polls are failing, since when, and how many times."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.failures = 0
        self.since: datetime | None = None

    def failed(self, exc: BaseException, now: datetime) -> None:
        self.failures += 1
        if self.since is not None:
            return  # the poller's retry line, at debug level, says each
        self.since = now
        _LOGGER.warning(
            "source %s is failing (%s); retrying with backoff, "
            "further failures until it recovers are logged at debug level",
            *(self.source, why(exc)),
        )

    def recovered(self, now: datetime) -> None:
        if self.since is None:
            return
        down, failures = _duration(now - self.since), self.failures
        self.since, self.failures = None, 0
        _LOGGER.warning(
            "source %s: reading again after %d failure(s), down for %s",
            *(self.source, failures, down),
        )


def _duration(span: timedelta) -> str:
    seconds = max(0, round(span.total_seconds()))
    if seconds < 120:
        return f"{seconds} s"
    if seconds < 7200:
        return f"{seconds // 60} min"
    return f"{seconds // 3600} h {seconds % 3600 // 60} min"
