"""Fake incoming webhooks answering as Teams, Discord and Mattermost do."""

from __future__ import annotations

import html
import math
import re
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web
from markdown_it import MarkdownIt

from tests.fakes._base import FakeAPI

TEAMS = "/workflows/abc/triggers/manual/paths/invoke"
# The path Discord's Execute Webhook is posted to, with its API version (as the responder
# posts); DISCORD_AS_GIVEN, as Discord hands the URL out, is served as its deprecated v6.
DISCORD = "/api/v10/webhooks/123/tok"
DISCORD_AS_GIVEN = "/api/webhooks/123/tok"
MATTERMOST = "/hooks/xyz"
# A legacy Office 365 connector URL (outlook.office.com/webhook/…): it answers 200 "1", and
# also 200 when Teams refused the message, with the refusal as text (msteams-docs#1810, #7425).
TEAMS_CONNECTOR = "/webhookb2/g@t/IncomingWebhook/k/o"
TEAMS_LIMIT = 28 * 1024  # Teams' message size limit
# The Discord webhook's URL as http://: Discord answers it with a 301 to the https:// one.
DISCORD_PLAIN = "/plain-http" + DISCORD


def teams_wrapped(status: int) -> str:
    """A connector's 200 body when Teams answered `status` behind it."""
    return (
        "Webhook message delivery failed with error: Microsoft Teams endpoint returned "
        f"HTTP error {status} with ContextId tcid=0,server=msgapi-production,cv=x.0.."
    )


# Execute Webhook takes only these message flags; anything else is a 400.
SUPPRESS_EMBEDS, SUPPRESS_NOTIFICATIONS = 1 << 2, 1 << 12
_BARE_URL = re.compile(r"(?<!<)https?://[^\s<>|\\]+")


def discord_previews(body: dict[str, Any]) -> list[str]:
    """The links Discord unfurls into preview cards under a posted message: every bare
    http(s) URL in `content` (not one in `<…>`), unless the flags suppress embeds."""
    if int(body.get("flags") or 0) & SUPPRESS_EMBEDS:
        return []
    return _BARE_URL.findall(str(body.get("content", "")))


def discord_limit_headers(said: dict[str, Any], *, v6: bool) -> dict[str, str]:
    """A rate-limited answer's headers (the body's `retry_after` made to match): seconds, the
    Retry-After rounded up; under v6 (a URL with no version), both in milliseconds."""
    if "retry_after" not in said:
        return {}  # the IP ban: a static answer, no time in it
    seconds = float(said["retry_after"])
    if v6:
        said["retry_after"] = round(seconds * 1000)
        return {"Retry-After": str(round(seconds * 1000)), "X-RateLimit-Remaining": "0"}
    reset = {"X-RateLimit-Reset-After": f"{seconds:.3f}", "X-RateLimit-Remaining": "0"}
    return {"Retry-After": str(math.ceil(seconds)), **reset}


def discord_name_taken(name: str) -> bool:
    """Whether Discord posts under this `username`: 1 to 80 characters once trimmed, neither
    "discord" nor "clyde" in it, and neither "everyone" nor "here" (USERNAME_INVALID)."""
    lowered = name.strip().lower()
    refused = "discord" in lowered or "clyde" in lowered or lowered in ("everyone", "here")
    return 1 <= len(lowered) <= 80 and not refused


_BAD_NAME = {
    "code": 50035,
    "message": "Invalid Form Body",
    "errors": {"username": {"_errors": [{"code": "USERNAME_INVALID_CONTAINS"}]}},
}
DISCORD_TOO_LONG = {
    "code": 50035,
    "message": "Invalid Form Body",
    "errors": {
        "content": {
            "_errors": [
                {"code": "BASE_TYPE_MAX_LENGTH", "message": "Must be 2000 or fewer in length."}
            ]
        }
    },
}


@dataclass
class DiscordHook:
    """The webhook as Discord keeps it, and what it refuses: deleted (404, 10015); made in a
    forum channel, where a message needs a `thread_id` or `thread_name` (400, 220001); a
    `thread_id` not among its channel's threads (404, 10003); this address banned (a static
    429 with no retry time: discord-api-docs#5810)."""

    deleted: bool = False
    forum: bool = False
    threads: frozenset[str] = frozenset({"42"})
    banned: bool = False
    limited: float | None = None  # seconds until its rate limit resets, while it is hit

    def refusal(self, query: Any) -> tuple[int, dict[str, Any]] | None:
        """(status, body) of Discord's refusal of a post with this query, or None."""
        if self.banned:
            return 429, {"code": 0, "message": "You are being blocked from accessing our API"}
        if self.limited is not None:
            return 429, {"message": "You are being rate limited.", "retry_after": self.limited}
        if self.deleted:
            return 404, {"message": "Unknown Webhook", "code": 10015}
        thread = query.get("thread_id")
        if thread is not None and thread not in self.threads:
            return 404, {"message": "Unknown Channel", "code": 10003}
        if self.forum and thread is None and "thread_name" not in query:
            message = "Webhooks posted to forum channels must have a thread_name or thread_id"
            return 400, {"message": message, "code": 220001}
        return None


# What Mattermost's server does to a webhook's text before posting it (linkWithTextRegex,
# server/channels/app/webhook.go): Slack's `<url|text>` becomes `[text](url)`.
_MM_SLACK_LINK = re.compile(r"<([^\n<|>]+)\|([^|\n>]+)>")
# Bare text its autolinker makes a link of: from a scheme's "://" or a "www." to a space.
_MM_AUTOLINK = re.compile(r"(?:(?:https?|ftp)://|www\.)[^\s<]+", re.IGNORECASE)
_MM_TARGET = re.compile(r'<(?:a href|img src)="([^"]*)"')


def mattermost_links(text: str) -> list[str]:
    """Every link and image Mattermost makes of a posted `text`: each a click away, the first
    fetched by its server for a preview card, an image's shown inline on every screen.
    Markdown rendered as CommonMark, after the server's rewrite; then bare URLs, autolinked."""
    rendered = MarkdownIt("commonmark").render(_MM_SLACK_LINK.sub(r"[\2](\1)", text))
    words = html.unescape(re.sub(r"<[^>]*>", " ", rendered))
    targets = [html.unescape(t) for t in _MM_TARGET.findall(rendered)]
    return [*targets, *(u for u in _MM_AUTOLINK.findall(words) if u not in targets)]


@dataclass
class MattermostHook:
    """The incoming webhook as Mattermost's server keeps it, and what it refuses
    (server/channels/app/webhook.go, HandleIncomingWebhook): a deleted one 400, a `channel`
    not in its team 404, one other than its own while it is locked 403."""

    channels: frozenset[str] = frozenset({"town-square", "support"})  # its team's, by name
    users: frozenset[str] = frozenset({"ana"})  # `channel = "@ana"` posts to ana's DMs
    own: str = "town-square"
    locked: bool = False
    deleted: bool = False
    turned_off: bool = False  # the server's Enable Incoming Webhooks off: 501 to every post
    posted_to: list[str] = field(default_factory=list)

    def refusal(self, body: dict[str, Any]) -> tuple[int, str] | None:
        """(status, AppError id) of Mattermost's refusal of `body`, or None if it posts."""
        if self.turned_off:
            return 501, "web.incoming_webhook.disabled.app_error"
        if self.deleted:
            return 400, "web.incoming_webhook.invalid.app_error"
        channel = str(body.get("channel") or self.own)
        if channel.startswith("@"):
            return None if channel[1:] in self.users else (400, _MM_USER)
        if channel.removeprefix("#") not in self.channels:
            return 404, "web.incoming_webhook.channel.app_error"
        if self.locked and channel.removeprefix("#") != self.own:
            return 403, "web.incoming_webhook.channel_locked.app_error"
        return None


_MM_USER = "web.incoming_webhook.user.app_error"


def mattermost_error(status: int, error_id: str) -> dict[str, Any]:
    """Mattermost's AppError body: its `message` may quote what was sent."""
    return {"id": error_id, "message": "…", "detailed_error": "", "status_code": status}


def install(
    api: FakeAPI,
    mattermost_hook: MattermostHook | None = None,
    discord_hook: DiscordHook | None = None,
) -> None:
    """Route the three webhook paths; a queued answer (429, 500) goes first."""
    hook = mattermost_hook or MattermostHook()
    discord_state = discord_hook or DiscordHook()

    async def teams(request: web.Request) -> web.Response:
        # A Workflows webhook answers 202 before its flow posts the card; a card over 28 KB
        # fails there ("Request Entity too large") and the alert is lost: the test fails.
        if len(await request.read()) > TEAMS_LIMIT:
            api.unexpected.append(f"POST {TEAMS}: a card over 28 KB, lost after the 202")
        return web.Response(status=202)

    async def teams_connector(request: web.Request) -> web.Response:
        raw = await request.read()
        body = await request.json()
        card = body.get("attachments", [{}])[0].get("content", {})
        if len(raw) > TEAMS_LIMIT or card.get("type") != "AdaptiveCard":
            status = 413 if len(raw) > TEAMS_LIMIT else 400
            return web.Response(text=teams_wrapped(status), content_type="text/plain")
        return web.Response(text="1", content_type="text/plain")

    async def discord(request: web.Request) -> web.Response:
        body = await request.json()
        if refused := discord_state.refusal(request.query):
            status, said = refused
            headers = discord_limit_headers(said, v6=request.path == DISCORD_AS_GIVEN)
            return web.json_response(said, status=status, headers=headers)
        if len(body.get("content", "")) > 2000:
            return web.json_response(DISCORD_TOO_LONG, status=400)
        if int(body.get("flags") or 0) & ~(SUPPRESS_EMBEDS | SUPPRESS_NOTIFICATIONS):
            return web.json_response({"flags": ["Invalid flags"]}, status=400)
        if "username" in body and not discord_name_taken(str(body["username"])):
            return web.json_response(_BAD_NAME, status=400)
        embeds = [{"type": "link", "url": url} for url in discord_previews(body)]
        return web.json_response({"id": "9001", "content": body["content"], "embeds": embeds})

    async def mattermost(request: web.Request) -> web.Response:
        body = await request.json()
        if not body.get("text") and not body.get("attachments"):
            error = {"id": "web.incoming_webhook.text.app_error", "message": "No text specified"}
            return web.json_response(error, status=400)
        if refused := hook.refusal(body):
            return web.json_response(mattermost_error(*refused), status=refused[0])
        hook.posted_to.append(str(body.get("channel") or hook.own))
        return web.Response(text="ok", content_type="text/plain")

    async def discord_plain(request: web.Request) -> web.Response:
        query = f"?{request.query_string}" if request.query_string else ""
        raise web.HTTPMovedPermanently(DISCORD + query)

    async def discord_info(request: web.Request) -> web.Response:
        if discord_state.deleted:
            return web.json_response({"message": "Unknown Webhook", "code": 10015}, status=404)
        return web.json_response({"id": "123", "name": "support-alerts", "token": "tok"})

    api.route("GET", DISCORD, discord_info)
    api.route("POST", TEAMS, teams)
    api.route("POST", TEAMS_CONNECTOR, teams_connector)
    api.route("POST", DISCORD, discord)
    api.route("POST", DISCORD_AS_GIVEN, discord)
    api.route("POST", DISCORD_PLAIN, discord_plain)
    api.route("POST", MATTERMOST, mattermost)
