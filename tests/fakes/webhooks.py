"""Fake incoming webhooks answering as Teams, Discord and Mattermost do."""

from __future__ import annotations

from aiohttp import web

from tests.fakes._base import FakeAPI

TEAMS = "/workflows/abc/triggers/manual/paths/invoke"
DISCORD = "/api/webhooks/123/tok"
MATTERMOST = "/hooks/xyz"


def install(api: FakeAPI) -> None:
    """Route the three webhook paths; a queued answer (429, 500) goes first."""

    async def teams(request: web.Request) -> web.Response:
        return web.Response(status=202)

    async def discord(request: web.Request) -> web.Response:
        body = await request.json()
        if len(body.get("content", "")) > 2000:
            return web.json_response({"content": ["Must be 2000 or fewer in length."]}, status=400)
        return web.json_response({"id": "9001", "content": body["content"]})

    async def mattermost(request: web.Request) -> web.Response:
        return web.Response(text="ok", content_type="text/plain")

    async def discord_info(request: web.Request) -> web.Response:
        return web.json_response({"id": "123", "name": "support-alerts", "token": "tok"})

    api.route("GET", DISCORD, discord_info)
    api.route("POST", TEAMS, teams)
    api.route("POST", DISCORD, discord)
    api.route("POST", MATTERMOST, mattermost)
