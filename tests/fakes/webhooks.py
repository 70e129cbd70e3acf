"""Fake incoming webhooks answering as Teams, Discord and Mattermost do."""

from __future__ import annotations

import re
from typing import Any

from aiohttp import web

from tests.fakes._base import FakeAPI

TEAMS = "/workflows/abc/triggers/manual/paths/invoke"
DISCORD = "/api/webhooks/123/tok"
MATTERMOST = "/hooks/xyz"
# A legacy Office 365 connector URL (outlook.office.com/webhook/…): it answers 200 "1", and
# also 200 when Teams refused the message, with the refusal as text (msteams-docs#1810, #7425).
TEAMS_CONNECTOR = "/webhookb2/g@t/IncomingWebhook/k/o"
TEAMS_LIMIT = 28 * 1024  # Teams' message size limit


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


def install(api: FakeAPI) -> None:
    """Route the three webhook paths; a queued answer (429, 500) goes first."""

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
        if len(body.get("content", "")) > 2000:
            return web.json_response({"content": ["Must be 2000 or fewer in length."]}, status=400)
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
        return web.Response(text="ok", content_type="text/plain")

    async def discord_info(request: web.Request) -> web.Response:
        return web.json_response({"id": "123", "name": "support-alerts", "token": "tok"})

    api.route("GET", DISCORD, discord_info)
    api.route("POST", TEAMS, teams)
    api.route("POST", TEAMS_CONNECTOR, teams_connector)
    api.route("POST", DISCORD, discord)
    api.route("POST", MATTERMOST, mattermost)
