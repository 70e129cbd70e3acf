"""Slack without a signing secret (a team that only wants alerts): what check-config warns,
and what /slack/actions answers then. Its cards carry a link to the desk case instead of
buttons (responders/_slack_setup.py); no request is ever taken as signed without a secret."""

from __future__ import annotations

import logging
import os

from aiohttp import web

from mentiondesk.config import Config
from responders._slack_setup import SlackResponderConfig

_LOGGER = logging.getLogger("mentiondesk.slack_actions")


def buttons_off(config: Config) -> list[str]:
    """A warning for each Slack responder whose signing secret's variable is unset."""
    return [
        f"responders[{i}].signing_secret_env: {r.signing_secret_env} is not set, so the "
        f"Slack buttons of {r.name or r.kind!r} are off: its alerts post with a link to the "
        "desk case instead, and /slack/actions refuses every click; set it to the Slack app's "
        "Signing Secret (Basic Information) to approve, edit or reject from the cards"
        for i, r in enumerate(config.responders)
        if isinstance(r, SlackResponderConfig)
        and not os.environ.get(r.signing_secret_env, "").strip()
    ]


async def refuse_unsigned(_request: web.Request) -> web.Response:
    """/slack/actions where no Slack responder has a signing secret: nothing can be verified,
    so nothing is taken (an older card's button, a forged request)."""
    _LOGGER.warning("slack actions: rejected request (no signing secret is set)")
    return web.json_response({"error": "invalid request signature"}, status=401)
