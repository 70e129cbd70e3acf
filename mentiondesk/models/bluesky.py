"""When a Bluesky (AT Protocol) answer means our session ended, for the listener and the poster.

It lives here because `mentiondesk.models` is the one package both `listener/` and
`responders/` may import; it needs no atproto, only the XRPC error's name and message.
"""

from __future__ import annotations


def session_ended(error: str | None, message: str) -> str | None:
    """`error: message` when a 400 says our token expired or was revoked, else None.

    The PDS answers an expired or revoked token with 400 `ExpiredToken` (not 401), and a
    token it cannot verify with `InvalidToken`; an `InvalidToken` "Bad token scope/method"
    is about what the app password may do, which a new session does not change.
    """
    if error == "ExpiredToken" or (error == "InvalidToken" and not message.startswith("Bad token")):
        return f"{error}: {message}"
    return None
