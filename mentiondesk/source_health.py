"""How each of this process's sources stands: the run's summary, and what source_recorder
writes to the store for /healthz, the desk's banner for managers and `sources check` (in any
process). A source that hit a FatalError (a revoked token, a wrong account) is not read again
until restart, so it must show where an operator looks."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from listener._poll import Poller
from mentiondesk.models import scrub  # an error's message is shown on the public /healthz


@dataclass(frozen=True)
class SourceHealth:
    name: str
    stopped: bool = False
    error: str | None = None  # the exception's class, where stopped
    reason: str | None = None  # its message, scrubbed of anything token-like
    rate_limited_until: datetime | None = None
    since: datetime | None = None  # when it stopped, where stopped


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
            health.append(SourceHealth(name, rate_limited_until=waiting))
    return health


def stopped_lines(health: Iterable[SourceHealth]) -> list[str]:
    """'x stopped: reason' for each stopped source, as the log and the summary say it."""
    return [f"{h.name} stopped ({h.error}): {h.reason}" for h in health if h.stopped]
