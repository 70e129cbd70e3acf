"""What `sources check` writes in its detail and rate-limit cells: a failed connection says
what to check, and says nothing of rate limits (no answer came back to carry their headers)."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from mentiondesk.cli_text import cli_safe
from mentiondesk.models import (
    CAUSE_CLOSED,
    CAUSE_DNS_FAILED,
    CAUSE_REFUSED,
    CAUSE_RESET,
    CAUSE_TIMED_OUT,
    CAUSE_TLS_FAILED,
    CAUSE_UNCONNECTED,
    SourceStatus,
)

NOTHING = "—"  # a cell with nothing to say, as the run summary writes a missing wait
# Each endpoint's window, as listener's Gate says it when no response carried the headers.
_NO_HEADERS = "no rate-limit headers seen"

NO_ANSWER = "no answer within"  # `sources check`'s own timeout: "no answer within 30 s"
# The causes failure_cause (models._scrub) names, and that timeout, each with where an on-call
# engineer looks first. Checked in this order: the first one found is said.
_CHECKS = (
    (CAUSE_DNS_FAILED, "the host name in base_url, and this machine's DNS"),
    (CAUSE_REFUSED, "the host and port in base_url, and that the platform is up"),
    (
        CAUSE_TLS_FAILED,
        "https and the port in base_url, the server's certificate, this machine's clock",
    ),
    (CAUSE_TIMED_OUT, "a firewall or proxy between this machine and base_url"),
    (NO_ANSWER, "a firewall or proxy between this machine and base_url"),
    (CAUSE_RESET, "a proxy or firewall between this machine and base_url"),
    (CAUSE_CLOSED, "a proxy in between, or the server's logs"),
    (CAUSE_UNCONNECTED, "base_url, and the network from this machine to it"),
)


def connection_check(detail: str) -> str | None:
    """Where to look when the probe could not reach the platform at all; None otherwise (it
    answered: a refused token, a 5xx, a bad body say themselves)."""
    return next((where for cause, where in _CHECKS if cause in detail), None)


def detail_words(status: SourceStatus) -> str:
    """The probe's detail, made safe (a remote server's words), on one line; under a failed
    connection, a line of ours saying what to check."""
    where = None if status.ok else connection_check(status.detail)
    said = cli_safe(status.detail)
    return f"{said}\nconnection failed: check {where}" if where else said


def rate_limit_words(status: SourceStatus, zone: ZoneInfo) -> str:
    """The rate-limit state; "—" for a failed probe that saw no headers: no response said
    anything of limits, and "no rate-limit headers seen" sends people chasing limits."""
    said = status.rate_limit_in(zone) if status.rate_limit_in else status.rate_limit
    windows = [w for w in said.split("; ") if w]
    if not status.ok and all(w.endswith(_NO_HEADERS) for w in windows):
        return NOTHING
    return said
