"""How each of this process's sources stands: the run's summary, and what source_recorder
writes to the store for /healthz, the desk's banner for managers and `sources check` (in any
process). A source that hit a FatalError (a revoked token, a wrong account) is not read again
until restart, so it must show where an operator looks."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from listener._poll import Poller
from mentiondesk.models import scrub  # an error's message is shown on the public /healthz
from mentiondesk.source_states import RecordedSource
from mentiondesk.wording import counted, duration


@dataclass(frozen=True)
class SourceHealth:
    name: str
    stopped: bool = False
    error: str | None = None  # the exception's class, where stopped
    reason: str | None = None  # its message, scrubbed of anything token-like
    rate_limited_until: datetime | None = None
    since: datetime | None = None  # when it stopped, where stopped
    # Its polls failing since then (an outage), `failures` times, the latest for `cause` (safe
    # words: no token, no query string): a catch-up that gave up on it read nothing more from
    # there, though the source is not stopped.
    failing_since: datetime | None = None
    failures: int = 0
    cause: str | None = None
    # The store failing its polls since then (a database restarting), `unstored_tries` times,
    # the latest for `unstored_cause`: no platform's outage, yet a catch-up that gave up on it
    # stored nothing more from there.
    unstored_since: datetime | None = None
    unstored_tries: int = 0
    unstored_cause: str | None = None
    poll_seconds: float = 0.0  # how often it is read: a failure shorter than a few is a blip
    # Its last poll refused for a rate limit and nothing read from it since (a catch-up that
    # would have waited past a minute went on without it): when the platform said it may be
    # read again, kept once past, unlike `rate_limited_until`, as the run still did not read it.
    limited_until: datetime | None = None
    # Where the others were read, its endpoints a rate limit kept out of the catch-up's last
    # pass (X's search, its mentions read), and until when: nothing was read from those.
    limited_endpoints: tuple[tuple[str, datetime], ...] = ()
    # Its catch-up's poll loop crashed (catch_up_crashes): the exception's class and where it
    # was raised, never its message. A bug to report, not the platform's outage: said apart.
    crashed: str | None = None


def source_health(pollers: Iterable[Poller], now: datetime) -> list[SourceHealth]:
    """Each poller's source as it stands; a rate limit already past is not mentioned."""
    health = []
    for poller in pollers:
        name, stopped, until = poller.source.name, poller.stopped, poller.blocked_until
        if stopped is not None:
            error = type(stopped).__name__
            reason = scrub(str(stopped))
            health.append(SourceHealth(name, True, error, reason, since=poller.stopped_at))
        else:
            waiting = until if until is not None and until > now else None
            outage = poller.outage
            health.append(
                SourceHealth(
                    name,
                    rate_limited_until=waiting,
                    failing_since=outage.since,
                    failures=outage.failures,
                    cause=outage.cause,
                    unstored_since=poller.unstored_since,
                    unstored_tries=poller.unstored_tries,
                    unstored_cause=poller.store_outage.cause if poller.unstored_since else None,
                    poll_seconds=poller.source.poll_seconds,
                    limited_until=until if outage.since is None else None,  # else "not caught up"
                    limited_endpoints=poller.held_endpoints if outage.since is None else (),
                )
            )
    return health


def stopped_lines(health: Iterable[SourceHealth]) -> list[str]:
    """'x stopped: reason' for each stopped source, as the log and the summary say it."""
    return [f"{h.name} stopped ({h.error}): {h.reason}" for h in health if h.stopped]


def unread_lines(health: Iterable[SourceHealth], *, listening: bool) -> list[str]:
    """'x not caught up: …' for each source whose polls were still failing when the catch-up
    went on without it (a platform down, answering 503), or whose pages the store kept failing
    (a database restarting), or whose poll loop crashed (a bug: said as such, with the
    exception's class, so no one waits for an outage to end): not stopped, yet nothing more
    was read from it. `listening`: the run goes on polling it; else the next run reads from
    its cursor. The failure itself is in the log (its first line names the endpoint and why,
    or the store's failure; a crash's class and where it was raised)."""
    then = "retrying while listening" if listening else "the next run reads on from its cursor"
    lines = []
    for h in health:
        if h.stopped:
            continue
        if h.crashed is not None:  # ours (or a plugin's) to fix: no platform to wait for
            said = f"its catch-up crashed ({h.crashed}): a bug, not the platform; report it"
            lines.append(f"{h.name} not caught up: {said} with the log's line; {then}")
            continue
        if h.failing_since is not None:
            said, tries = "kept failing", h.failures
        elif h.unstored_since is not None:  # the store's failure, not the platform's
            said, tries = "the store could not take its pages", h.unstored_tries
        else:
            continue
        counts = counted(tries, "failed try", "failed tries")
        lines.append(f"{h.name} not caught up: {said} ({counts}; the log says why); {then}")
    return lines


def limited_lines(health: Iterable[SourceHealth], now: datetime, *, listening: bool) -> list[str]:
    """'x not caught up: rate-limited …' for each source a catch-up went on without because the
    platform asked it to wait past a minute (neither stopped nor failing): nothing more was read
    from it in this run. Until when, in UTC (cron's logs are compared across hosts) and from
    `now`; `listening`: the run reads it then, else a run from then on does. Where only some
    of its endpoints were held (X's search), those are named: the others were read."""
    then = "a run from then reads on from its cursor"
    if listening:
        then = "read on from its cursor then, while listening"
    lines = []
    for h in health:
        if h.stopped:
            continue
        if h.limited_until is not None:
            held = f"rate-limited by the platform until {_until(h.limited_until, now)}"
        elif h.limited_endpoints:
            (first, at), *others = h.limited_endpoints
            said = [f"{first} rate-limited by the platform until {_until(at, now)}"]
            held = ", ".join(said + [f"{e} until {_until(t, now)}" for e, t in others])
        else:
            continue
        lines.append(f"{h.name} not caught up: {held}; {then}")
    return lines


def _until(at: datetime, now: datetime) -> str:
    """'2026-12-06 10:14:00 UTC (in 14m)', or '(3m ago)' once past."""
    until = at.astimezone(UTC)
    left = (until - now).total_seconds()
    when = f"in {duration(left)}" if left > 0 else f"{duration(-left)} ago"
    return f"{until:%Y-%m-%d %H:%M:%S} UTC ({when})"


Held = tuple[tuple[str, datetime], ...]


def held_now(health: SourceHealth, now: datetime) -> Held:
    """Its endpoints still held at `now` (one past is read at the next pass): what makes the
    recorded state "limited" though the source's other endpoints are read."""
    return tuple((endpoint, at) for endpoint, at in health.limited_endpoints if at > now)


def held_reason(held: Held) -> str:
    """How a "limited" row keeps its endpoints held, in `reason` (a stop's message otherwise,
    none for a source held whole): "search 2026-12-06T10:14:00+00:00", one a line."""
    return "\n".join(f"{endpoint} {at.astimezone(UTC).isoformat()}" for endpoint, at in held)


def held_in(row: RecordedSource, now: datetime) -> Held:
    """The endpoints a current "limited" row says are held past `now` (/healthz, the banner);
    none from a stop's message or a line not of `held_reason`'s making."""
    if not row.current() or row.state != "limited":
        return ()
    held = []
    for line in row.reason.splitlines():
        endpoint, _, when = line.rpartition(" ")
        try:
            at = datetime.fromisoformat(when)
        except ValueError:
            continue
        if endpoint and at.tzinfo is not None and at > now:
            held.append((endpoint, at))
    return tuple(held)


def held_whole_until(row: RecordedSource, held: Held, now: datetime) -> datetime | None:
    """Until when a row with endpoints `held` (held_in) says its whole source is held, or None.
    Its `until` is when the source is read whole again (source_recorder): the last endpoint's
    end, unless the poller itself waits (every endpoint refused: X's search held, then a 429
    on its mentions), when it is that wait's end, which the endpoints' list does not name (past
    `now`: read again, its writer says so within seconds)."""
    if not held or row.until is None or row.until <= now:
        return None
    if row.until == max(at for _, at in held):
        return None
    return row.until


def rest_read(row: RecordedSource, held: Held, now: datetime) -> bool:
    """Whether the source's other endpoints are read while `held` are: the banner says so only
    then. The store does not know a source's endpoints, so only where the row implies it: one
    endpoint held and the source not held whole. A source of one endpoint held is held whole
    (named by no endpoint); with two held (X's search and its mentions, or Reddit's shared
    window holding all three) nothing says a third is there and read."""
    return len(held) == 1 and held_whole_until(row, held, now) is None
