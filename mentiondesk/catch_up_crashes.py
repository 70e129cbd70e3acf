"""The catch-up's pollers, run together: one that crashes (a source plugin's bug) is said by
name and class only (its message may quote a post) while the others finish theirs, and it
stands in the run's health as failing, so the summary names it "not caught up" and `run
--once` exits 1 for cron. Listening next, supervision starts it again (pipeline.start)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from listener._poll import Poller
from mentiondesk.source_health import SourceHealth

_LOGGER = logging.getLogger("mentiondesk.pipeline")  # the run's log, where operators look


@dataclass(frozen=True)
class Crash:
    error: str  # the exception's class
    at: datetime


async def catch_up(pollers: Sequence[Poller], crashed: dict[str, Crash]) -> None:
    """Run every poller to its end; note in `crashed`, by source, each that crashed."""
    ended = await asyncio.gather(*(p.run() for p in pollers), return_exceptions=True)
    for poller, result in zip(pollers, ended, strict=True):
        if not isinstance(result, BaseException):
            continue
        if not isinstance(result, Exception):  # a cancellation, an interrupt: not a crash
            raise result
        name, error = poller.source.name, type(result).__name__
        crashed[name] = Crash(error, datetime.now(UTC))
        said = "source %s: its catch-up failed (%s); the other sources were read on"
        _LOGGER.error(said, name, error)


def with_crashes(health: list[SourceHealth], crashed: dict[str, Crash]) -> list[SourceHealth]:
    """`health`, each source whose catch-up crashed failing since then (unless stopped or
    already failing: that says more), its class as the cause."""
    return [_crashed(h, crashed[h.name]) if h.name in crashed else h for h in health]


def _crashed(health: SourceHealth, crash: Crash) -> SourceHealth:
    if health.stopped or health.failing_since is not None or health.unstored_since is not None:
        return health
    cause = f"its poll loop crashed ({crash.error})"
    return replace(health, failing_since=crash.at, failures=1, cause=cause)
