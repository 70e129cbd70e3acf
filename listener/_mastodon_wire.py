"""Mastodon as the Mastodon source meets it through Mastodon.py: the notifications
request Mastodon.py cannot make, what its errors mean, a status's HTML as text, its visibility."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from datetime import datetime
from typing import Any

from mastodon import Mastodon
from mastodon.errors import (
    MastodonAPIError,
    MastodonNetworkError,
    MastodonNotFoundError,
    MastodonRatelimitError,
    MastodonServerError,
    MastodonUnauthorizedError,
)

from mentiondesk.models import VISIBILITIES, FatalError, RateLimited, TransientError

_BREAK = re.compile(r"<br\s*/?>|</p>\s*<p>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")
# The Mastodon.py errors `refusal` says the meaning of; any other is a bug, and is raised as is.
CLIENT_ERRORS = (MastodonRatelimitError, MastodonAPIError, MastodonNetworkError)
# The notifications that carry a status about the brand: it is named in it, or quoted by it.
NOTIFIED = ["mention", "quote"]


def notifications(api: Mastodon, **params: Any) -> Any:
    """GET /api/v1/notifications?types[]=mention&types[]=quote&include_filtered=true (a quote
    of our status notifies as `quote` since 4.5; older servers ignore the type). Since 4.3 the
    account's notification policy filters some mentions (by default private mentions from
    people it does not follow) out of this list unless include_filtered is sent, and
    Mastodon.py 2.3's notifications() has no such parameter: its request path (paging, rate
    limits and errors as for every call) is called with the parameters the server reads."""
    query = {"types[]": NOTIFIED, "include_filtered": "true"}
    query.update((k, str(v)) for k, v in params.items() if v is not None)
    request = api._Mastodon__api_request  # type: ignore[attr-defined]
    return request("GET", "/api/v1/notifications", query)


def refusal(endpoint: str, exc: Exception, reset: Callable[[], datetime]) -> Exception:
    """One of CLIENT_ERRORS as the poller's error kinds (`reset`: when a rate limit ends)."""
    if isinstance(exc, MastodonRatelimitError):
        return RateLimited(reset(), f"mastodon {endpoint}")
    if isinstance(exc, MastodonUnauthorizedError):
        return FatalError(f"mastodon {endpoint}: {exc}; check the token")
    if isinstance(exc, MastodonNotFoundError):
        return FatalError(f"mastodon {endpoint}: not found; check base_url")
    if isinstance(exc, MastodonServerError | MastodonNetworkError):
        return TransientError(f"mastodon {endpoint}: {type(exc).__name__}")
    status = exc.args[1] if len(exc.args) > 1 and isinstance(exc.args[1], int) else None
    if status in (401, 403):
        return FatalError(f"mastodon {endpoint}: {status}; check the token's scopes")
    # Anything else (a body that is not JSON, a 4xx the server should not send) is retried.
    return TransientError(f"mastodon {endpoint}: API error {status or 'malformed body'}")


def html_to_text(content: str) -> str:
    """Mastodon sends HTML; people read text (line breaks kept, tags and entities gone)."""
    return html.unescape(_TAG.sub("", _BREAK.sub("\n", content))).strip()


def visibility(value: Any) -> str | None:
    """Who may see the status. One this version does not know (a fork's "local", "list") is
    taken as "direct": a reply is never posted wider than the post may have been seen."""
    if not value:
        return None
    return str(value) if value in VISIBILITIES else "direct"
