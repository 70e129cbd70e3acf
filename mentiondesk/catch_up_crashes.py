"""The catch-up's pollers, run together: one that crashes (a source plugin's bug) is said by
name and class only (its message may quote a post) while the others finish theirs, and it
stands in the run's health as failing, so the summary names it "not caught up: its catch-up
crashed (KeyError at plugin.py:41 in poll)", a bug to report, not an outage to wait out, and
`run --once` exits 1 for cron. Listening next, supervision starts it again (pipeline.start).
Where it was raised is said in the log and the summary (file, line, function: no words of
the post), so the report can name it; a traceback's last line would be the message. Not on
the public /healthz, whose cause is the class only."""

from __future__ import annotations

import asyncio
import logging
import traceback
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from listener._poll import Poller
from mentiondesk.source_health import SourceHealth

_LOGGER = logging.getLogger("mentiondesk.pipeline")  # the run's log, where operators look


@dataclass(frozen=True)
class Crash:
    error: str  # the exception's class
    at: datetime
    where: str = ""  # where it was raised ("plugin.py:41 in poll"): the log and summary only

    def said(self) -> str:
        """ "KeyError at plugin.py:41 in poll", as the log and the summary say it."""
        return f"{self.error} at {self.where}" if self.where else self.error


async def catch_up(pollers: Sequence[Poller], crashed: dict[str, Crash]) -> None:
    """Run every poller to its end; note in `crashed`, by source, each that crashed."""
    ended = await asyncio.gather(*(p.run() for p in pollers), return_exceptions=True)
    for poller, result in zip(pollers, ended, strict=True):
        if not isinstance(result, BaseException):
            continue
        if not isinstance(result, Exception):  # a cancellation, an interrupt: not a crash
            raise result
        name = poller.source.name
        crash = Crash(type(result).__name__, datetime.now(UTC), raised_at(result))
        crashed[name] = crash
        said = "source %s: its catch-up failed (%s); the other sources were read on"
        _LOGGER.error(said, name, crash.said())


def raised_at(exc: BaseException) -> str:
    """ "plugin.py:41 in poll": its innermost frame, never its message (it may quote a post);
    "" where it carries no traceback."""
    frames = traceback.extract_tb(exc.__traceback__)
    if not frames:
        return ""
    last = frames[-1]
    return f"{Path(last.filename).name}:{last.lineno} in {last.name}"


def with_crashes(health: list[SourceHealth], crashed: dict[str, Crash]) -> list[SourceHealth]:
    """`health`, each source whose catch-up crashed failing since then (unless stopped, or
    already failing: its outage's figures are kept), its class as the cause, and `crashed`."""
    return [_crashed(h, crashed[h.name]) if h.name in crashed else h for h in health]


def _crashed(health: SourceHealth, crash: Crash) -> SourceHealth:
    if health.stopped:
        return health
    if health.failing_since is not None or health.unstored_since is not None:
        return replace(health, crashed=crash.said())  # the crash ended its catch-up: said
    cause = f"its poll loop crashed ({crash.error})"  # /healthz's: public, so its class only
    return replace(health, failing_since=crash.at, failures=1, cause=cause, crashed=crash.said())
