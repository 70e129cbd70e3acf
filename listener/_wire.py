"""What the platforms' answers share: their times, ids and rate-limit headers, read alike."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from typing import Any

from mentiondesk.models import TransientError

DEFAULT_WAIT = timedelta(seconds=60)  # how long a 429 that names no reset is waited out

Clock = Callable[[], datetime]


def utcnow() -> datetime:
    return datetime.now(UTC)


def reset_time(
    value: str | None, *, relative: bool = False, now: Clock = utcnow
) -> datetime | None:
    """A rate-limit reset header as UTC: epoch seconds, seconds from now, ISO 8601, or an
    HTTP date (Retry-After's other form: "Wed, 21 Oct 2026 07:28:00 GMT")."""
    if not value:
        return None
    try:
        number = float(value)
    except ValueError:
        try:
            return datetime.fromisoformat(value.replace("Z", "+00:00")).astimezone(UTC)
        except ValueError:
            pass
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        # "-0000" makes a naive one: HTTP dates are GMT.
        return when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)
    if relative:
        return now() + timedelta(seconds=number)
    return datetime.fromtimestamp(number, UTC)


def limit_ends(until: datetime | None, now: Clock) -> datetime:
    """When a 429 ends: the reset it named, else DEFAULT_WAIT from `now()`."""
    return until or now() + DEFAULT_WAIT


def header_int(headers: Mapping[str, str], name: str) -> int | None:
    value = headers.get(name)
    try:
        return int(float(value)) if value is not None else None
    except ValueError:
        return None


def id_key(value: str) -> tuple[int, str]:
    """Sort key for numeric-string ids (X, Mastodon): by length, then lexically."""
    return (len(value), value)


def max_id(*values: str | None) -> str | None:
    present = [v for v in values if v]
    return max(present, key=id_key) if present else None


def parse_time(value: Any) -> datetime:
    """A platform timestamp (ISO string, epoch number or datetime) as aware UTC."""
    if isinstance(value, datetime):
        return value.astimezone(UTC) if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, int | float):
        return datetime.fromtimestamp(value, UTC)
    return datetime.fromisoformat(str(value).replace("Z", "+00:00")).astimezone(UTC)


def check_json(value: Any, endpoint: str, kind: type) -> Any:
    """Raise TransientError when a 200 body is not the shape the endpoint promises."""
    if not isinstance(value, kind):
        raise TransientError(f"{endpoint}: unexpected body ({type(value).__name__})")
    return value
