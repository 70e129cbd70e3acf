"""Turn HTTP answers from chat and help-desk APIs into the three shared error kinds."""

from __future__ import annotations

import socket
from collections.abc import Collection, Mapping
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime

import aiohttp

from mentiondesk.models import FatalError, RateLimited, SinkRefused, TransientError, Unreachable

_FATAL = {400, 401, 403, 404, 405, 410, 413, 422}
# Refusals of the sink as a whole, whatever was sent. Credentials refused (401) are, on any
# API; 403, 404 and 410 are only where the URL called is the sink itself (a webhook): from a
# help desk's API they may be about one ticket (deleted, archived), and stay per action.
AUTH_REFUSED: frozenset[int] = frozenset({401})
WEBHOOK_REFUSED: frozenset[int] = frozenset({401, 403, 404, 410})
_WHOLE_FIX = {
    401: "the credentials are refused",
    403: "access is forbidden (a token revoked, or the webhook turned off)",
    404: "nothing is there (the webhook was deleted, or the URL is wrong)",
    410: "it is gone (the webhook was deleted)",
}
DEFAULT_TIMEOUT = aiohttp.ClientTimeout(total=30)


def retry_after(headers: Mapping[str, str], default: float = 30.0) -> datetime:
    """When a 429/503 says we may call again: `Retry-After` in seconds or as an HTTP date."""
    now = datetime.now(UTC)
    value = headers.get("Retry-After", "").strip()
    if not value:
        return now + timedelta(seconds=default)
    try:
        return now + timedelta(seconds=max(0.0, float(value)))
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(value).astimezone(UTC)
    except (TypeError, ValueError):
        return now + timedelta(seconds=default)


def check(
    status: int,
    headers: Mapping[str, str],
    what: str,
    *,
    whole: Collection[int] = AUTH_REFUSED,
    fix: str = "check the URL, token and permissions",
    invalid: str = "",
) -> None:
    """Raise the error kind for a non-2xx `status` (what: the service, for the message).
    A status in `whole` refuses the sink as a whole (SinkRefused); `fix` says what to set
    right, naming the config key or variable where the caller knows it; `invalid`, the
    fields a validation refusal named (e.g. "tags: TooLong")."""
    if 200 <= status < 300:
        return
    if status in whole:
        raise SinkRefused(f"{what} answered {status}: {_WHOLE_FIX.get(status, 'refused')}; {fix}")
    # A 503 that says when to come back (RFC 9110) is waited for as a 429 is; without
    # Retry-After it is an outage like any 5xx, retried with the outbox's backoff.
    if status == 429 or (status == 503 and headers.get("Retry-After", "").strip()):
        raise RateLimited(retry_after(headers), f"{what} answered {status}")
    if status == 501:  # Not Implemented: turned off there (Mattermost's incoming webhooks)
        raise FatalError(f"{what} answered 501: the feature is turned off on that server")
    if status in _FATAL and invalid:  # the values sent, not the credentials
        raise FatalError(f"{what} answered {status}: it refused these fields ({invalid})")
    if status in _FATAL:
        raise FatalError(f"{what} answered {status}; check the URL, token and permissions")
    raise TransientError(f"{what} answered {status}")


def session(*, headers: Mapping[str, str] | None = None) -> aiohttp.ClientSession:
    """A client session with our timeout; responders own theirs and close it in `close()`."""
    return aiohttp.ClientSession(timeout=DEFAULT_TIMEOUT, headers=dict(headers or {}))


# No connection opened: the name does not resolve, or the connection is refused or times out.
_NOT_CONNECTED = (
    aiohttp.ClientConnectorError,
    aiohttp.ConnectionTimeoutError,
    socket.gaierror,
    ConnectionRefusedError,
)


def connection_error(exc: BaseException, what: str) -> TransientError:
    """A connection-level failure (refused, reset, timeout) as a retryable error; Unreachable
    when no connection opened at all, as the sink's other actions would fail alike."""
    kind = Unreachable if isinstance(exc, _NOT_CONNECTED) else TransientError
    return kind(f"{what} unreachable: {type(exc).__name__}")
