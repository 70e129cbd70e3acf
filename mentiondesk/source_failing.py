"""A source whose polls keep failing (its platform down, a host name that does not resolve, a
port where nothing listens), or whose pages the store keeps refusing: not stopped, yet nothing
is read from it. source_recorder records it as "failing" in the store (source_states), so
/healthz, the managers' banner and `sources check` of any process say so alike.

A short blip is no alarm: an uptime monitor that went red for every timeout would flap. A
source counts as down once it has failed for longer than its grace, GRACE or GRACE_POLLS of
its poll intervals, whichever is longer (a source polled every ten minutes misses nothing in
five); the writer records that moment in the row's `until`, as it knows the interval.

The row's `error` says who failed, and how many times ("source 12", "store 3"): no column is
added for it, so `sources check` still reads a store no worker of this version has opened.
The store is named where it kept the pages out (a database restarting), not the platform,
so that no one goes looking at a platform's status page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from mentiondesk.source_health import SourceHealth
from mentiondesk.source_states import RecordedSource
from mentiondesk.wording import counted

GRACE = timedelta(minutes=5)
GRACE_POLLS = 3
SOURCE, STORE = "source", "store"  # who failed: the platform (or the way to it), or the store


@dataclass(frozen=True)
class Failing:
    by: str  # SOURCE or STORE
    cause: str  # the latest failure in safe words (no token, no query string, no URL)
    since: datetime  # its first failure, on the writer's clock
    failures: int
    down_from: datetime  # past its grace: from then it is down, not blipping

    def error(self) -> str:
        """What the row's `error` holds: "source 12"."""
        return f"{self.by} {self.failures}"


def failing(health: SourceHealth) -> Failing | None:
    """How a source a poller still reads stands, where its polls fail; the store first, as it
    is what keeps the pages out while it fails (the platform's last failure may be older)."""
    if health.stopped:
        return None
    if health.unstored_since is not None:
        by, since = STORE, health.unstored_since
        tries, cause = health.unstored_tries, health.unstored_cause
    elif health.failing_since is not None:
        by, since, tries, cause = SOURCE, health.failing_since, health.failures, health.cause
    else:
        return None
    grace = max(GRACE, timedelta(seconds=GRACE_POLLS * health.poll_seconds))
    return Failing(by, cause or "", since, tries, since + grace)


def who_and_how_often(row: RecordedSource) -> tuple[str, int]:
    """(SOURCE or STORE, failures) from a "failing" row's `error`; (SOURCE, 0) where unreadable."""
    by, _, count = row.error.partition(" ")
    return (by if by in (SOURCE, STORE) else SOURCE), int(count) if count.isdigit() else 0


def down(row: RecordedSource, now: datetime) -> bool:
    """A running worker says the source has failed past its grace: /healthz's "degraded"."""
    return row.current() and row.state == "failing" and row.until is not None and row.until <= now


def failing_json(row: RecordedSource, now: datetime) -> dict[str, Any]:
    """A current "failing" row as /healthz shows it: who failed, why, since when, how often,
    and whether it is down yet (past its grace) or only blipping."""
    by, failures = who_and_how_often(row)
    return {
        "status": "failing" if down(row, now) else "ok",
        "cause": by,
        "reason": row.reason,
        "failing_since": row.since.isoformat(timespec="seconds"),
        "failures": failures,
    }


def failing_words(row: RecordedSource, now: datetime) -> str:
    """`sources check`'s words for a "failing" row, as /healthz counts it: "failing (12 failed
    tries; /healthz says degraded)", "failing (the store refusing its pages, 3 failed tries; a
    blip so far: /healthz still ok)"."""
    by, failures = who_and_how_often(row)
    tries = counted(failures, "failed try", "failed tries")
    who = "the store refusing its pages, " if by == STORE else ""
    if not row.current():  # what a gone worker last saw: /healthz counts it no more
        return f"failing ({who}{tries})"
    health = "/healthz says degraded" if down(row, now) else "a blip so far: /healthz still ok"
    return f"failing ({who}{tries}; {health})"
