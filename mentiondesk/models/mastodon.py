"""The Mastodon.py client the Mastodon listener and the Mastodon poster both build.

It lives here because `mentiondesk.models` is the one package both `listener/` and
`responders/` may import; `mentiondesk.models` itself does not import this module, so
Mastodon.py is loaded only by the plugins that use it. Building a client does no I/O.
"""

from __future__ import annotations

from mastodon import Mastodon


def build_mastodon(base_url: str, token: str, *, timeout: float = 30.0) -> Mastodon:
    """A Mastodon.py client that raises on rate limits instead of sleeping (the poller and
    the outbox wait), and does not ask the server for its version."""
    return Mastodon(
        access_token=token,
        api_base_url=base_url,
        ratelimit_method="throw",
        request_timeout=timeout,
        version_check_mode="none",
    )
