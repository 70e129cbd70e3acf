"""How long a status the brand's Mastodon server takes, said by `responders check`.

Approval, an `auto` reply's check and the desk's counter hold a Mastodon reply to the
responder's `max_characters` (Mastodon's default 500 unless the config says otherwise). A
server advertises its own limit (GET /api/v2/instance: configuration.statuses.max_characters):
one that allows fewer refuses a longer reply only when it is sent (held as too long), one
that allows more sees replies held shorter than it takes. The check says which line to set.
"""

from __future__ import annotations

from typing import Any

DEFAULT = 500  # Mastodon's default max_characters: the responder's when its table says none


def server_limit(instance: Any) -> int | None:
    """The most characters a status may have on the server, from its instance document (None
    where it does not say: an older server, another shape)."""
    config = instance.get("configuration") if isinstance(instance, dict) else None
    statuses = config.get("statuses") if isinstance(config, dict) else None
    most = statuses.get("max_characters") if isinstance(statuses, dict) else None
    return most if isinstance(most, int) and not isinstance(most, bool) and most > 0 else None


def limit_note(most: int | None, counted: int = DEFAULT, name: str = "mastodon-post") -> str:
    """What the check adds about the server's limit `most` when the desk counts replies to
    another (`counted`, the responder `name`'s max_characters): the line to write ("" when
    they agree or the server does not say)."""
    if most is None or most == counted:
        return ""
    if most < counted:
        why = "a longer reply is refused when it is sent (held as too long)"
    else:
        why = "a longer reply the server would take is refused at approval"
    return (
        f"; this server allows {most} characters a status and the desk counts to {counted}: "
        f"{why}; write max_characters = {most} in the [[responders]] table with "
        f'name = "{name}"'
    )
