"""How long a status the brand's Mastodon server takes, said by `responders check`.

Approval, an `auto` reply's check and the desk's counter hold a Mastodon reply to Mastodon's
default 500 characters (mentiondesk.reply_limits). A server advertises its own limit
(GET /api/v2/instance: configuration.statuses.max_characters): one that allows fewer refuses a
longer reply only when it is sent (held as too long), one that allows more is still held to
500. Either is worth knowing before the first reply, so the check says it.
"""

from __future__ import annotations

from typing import Any

DEFAULT = 500  # Mastodon's default max_characters, which reply_limits counts against


def server_limit(instance: Any) -> int | None:
    """The most characters a status may have on the server, from its instance document (None
    where it does not say: an older server, another shape)."""
    config = instance.get("configuration") if isinstance(instance, dict) else None
    statuses = config.get("statuses") if isinstance(config, dict) else None
    most = statuses.get("max_characters") if isinstance(statuses, dict) else None
    return most if isinstance(most, int) and not isinstance(most, bool) and most > 0 else None


def limit_note(most: int | None) -> str:
    """What the check adds about the server's limit ("" when it is the default or unsaid)."""
    if most is None or most == DEFAULT:
        return ""
    if most < DEFAULT:
        return (
            f"; this server allows {most} characters a status, fewer than the {DEFAULT} the "
            "desk counts to: a longer reply is refused when it is sent (held as too long)"
        )
    return (
        f"; this server allows {most} characters a status: the desk still holds replies to "
        f"Mastodon's default {DEFAULT}"
    )
