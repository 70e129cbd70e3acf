"""Errors shared by every boundary, and the UTC helper."""

from __future__ import annotations

from datetime import UTC, datetime


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


class TransientError(Exception):
    """A failure worth retrying later (5xx, timeout, connection reset, bad JSON)."""


class FatalError(Exception):
    """A failure retrying cannot fix (bad credentials, unknown channel)."""
