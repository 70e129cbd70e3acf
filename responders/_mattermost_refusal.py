"""Mattermost's refusals of an incoming webhook, read from the error id in its body: which
setting is at fault (the webhook's URL, or the responder's `channel`), as a whole-sink refusal.

Without this, a deleted webhook (Mattermost answers 400, not 404) held each alert on its own,
and a `channel` that does not exist (404) or that a locked webhook may not post to (403) was
said to be the URL's fault; incoming webhooks turned off by the server's admin (501) held
each alert on its own, one error line each, and tried every later one. Only the ids below
are read: the body's `message` is never kept (responders/_refusal.py: a service's words may
echo what was sent).
"""

from __future__ import annotations

import json

from mentiondesk.models import SinkRefused

# (status, id): what is wrong, and which setting to fix ("url", "channel", or the "server"'s).
_KNOWN: dict[tuple[int, str], tuple[str, str]] = {
    (501, "web.incoming_webhook.disabled.app_error"): (
        "incoming webhooks are turned off on that server",
        "server",
    ),
    (400, "web.incoming_webhook.invalid.app_error"): (
        "no such webhook (it was deleted, or the URL is wrong)",
        "url",
    ),
    (403, "web.incoming_webhook.user.app_error"): (
        "the account that made the webhook is gone; make a new webhook",
        "url",
    ),
    (404, "app.channel.get.existing.app_error"): ("the webhook's channel was deleted", "url"),
    (404, "web.incoming_webhook.channel.app_error"): (
        "no channel of that name in the webhook's team",
        "channel",
    ),
    (400, "web.incoming_webhook.user.app_error"): ("no user of that @name", "channel"),
    (403, "web.incoming_webhook.channel_locked.app_error"): (
        "the webhook is locked to its own channel",
        "channel",
    ),
    (403, "web.incoming_webhook.permissions.app_error"): (
        "the webhook's owner may not post in that private channel",
        "channel",
    ),
}


def error_id(said: bytes) -> str:
    """The `id` of a Mattermost AppError body ("web.incoming_webhook.invalid.app_error")."""
    try:
        body = json.loads(said) if said.strip() else None
    except ValueError:
        return ""
    found = body.get("id") if isinstance(body, dict) else None
    return found if isinstance(found, str) else ""


def raise_known(status: int, said: bytes, *, url_fix: str, name: str, channel: str | None) -> None:
    """SinkRefused for a refusal Mattermost names (every alert would be refused alike); any
    other is left to the shared mapping (_http.check)."""
    known = _KNOWN.get((status, error_id(said)))
    if known is None:
        return
    what, setting = known
    fixes = {"url": url_fix, "server": SERVER_FIX}
    fix = fixes.get(setting) or channel_fix(name, channel)
    raise SinkRefused(f"mattermost answered {status}: {what}; {fix}")


# Where its admin turns them back on (Mattermost's System Console); nothing here to change.
SERVER_FIX = (
    "ask the Mattermost admin to turn on Enable Incoming Webhooks (System Console > "
    "Integrations > Integration Management)"
)


def channel_fix(name: str, channel: str | None) -> str:
    """What to set right when the `channel` posted to is refused."""
    where = f"channel = {channel!r}" if channel else "the channel"
    return (
        f"fix {where} of responder {name!r}: a channel's name as in its URL (…/channels/"
        "<name>) or @username, one the webhook may post to; or leave channel out to post in "
        "the webhook's own channel"
    )
