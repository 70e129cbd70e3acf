"""Errors shared by every boundary, and the UTC helper."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

MIN_WAIT = 1.0  # the least a rate limit makes us wait, whatever its reset header says


def utc(value: datetime) -> datetime:
    """Return `value` as an aware UTC datetime (naive values are taken as UTC)."""
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


class ConfigError(Exception):
    """The configuration is wrong; the message names the key, the problem and the fix."""


class RateLimited(Exception):
    """The remote side asked us to wait until `until` (UTC) before calling again."""

    def __init__(self, until: datetime, detail: str = "") -> None:
        super().__init__(f"rate limited until {until.isoformat()} {detail}".strip())
        self.until = utc(until)

    def wait_until(self, now: datetime) -> datetime:
        """When to call again: `until`, but at least `MIN_WAIT` from `now`, so that a reset
        already past (clock skew, `Retry-After: 0`) cannot turn into a tight loop."""
        return max(self.until, now + timedelta(seconds=MIN_WAIT))


class TransientError(Exception):
    """A failure worth retrying later (5xx, timeout, connection reset, bad JSON)."""


class Unreachable(TransientError):
    """The sink could not be reached at all (its name does not resolve, the connection is
    refused or never opens): its other actions would fail the same way, so the outbox tries
    one and puts the others off instead of waiting on each (a DNS look-up apiece)."""


class FatalError(Exception):
    """A failure retrying cannot fix (bad credentials, unknown channel)."""


class SinkRefused(FatalError):
    """The sink refused as a whole, not this one action: its credentials are refused (401),
    or its webhook is forbidden or gone (403, 404, 410 on the webhook's own URL). Its other
    actions would be refused alike, so the outbox holds them together, logs it once, and a
    person releases them (`outbox retry`) once the config is fixed. A refusal of one
    message's content (400, 422) stays a plain FatalError: that action alone is held."""
