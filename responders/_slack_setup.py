"""Setting Slack up: the responder's keys, and the signing secret it may go without.

A team that only wants alerts need not make the Slack app interactive. Without a signing
secret nothing can verify a click, so its cards carry a link to the desk case instead of
buttons (a button that is refused is worse than none), and /slack/actions refuses every
request (mentiondesk/slack_actions.py); check-config and the start-up log say so.
"""

from __future__ import annotations

import logging
import os
from typing import Literal

from pydantic import Field, SecretStr, field_validator

from mentiondesk.models import ENGLISH, ResponderConfig, Wording, env_key, require_env
from mentiondesk.models._plugins import variable_name
from responders._escape import slack_link
from responders.slack_blocks import ACTIONS_BLOCK, EDIT_NOTE_BLOCK, Block

_LOGGER = logging.getLogger("responders.slack")

BUTTONS_OFF = (
    "the cards carry a link to the desk instead of buttons, and /slack/actions refuses every "
    "click; set it to the Slack app's Signing Secret (Basic Information) to have the buttons"
)


class SlackResponderConfig(ResponderConfig):
    kind: Literal["slack"] = "slack"
    base_url: str = "https://slack.com/api/"
    channel: str
    bot_token_env: str = env_key("SLACK_BOT_TOKEN")
    # Optional: unset, the cards have no buttons (a link to the desk instead), and
    # /slack/actions refuses every request; check-config says so.
    signing_secret_env: str = "SLACK_SIGNING_SECRET"
    # Slack user IDs (U…) who may approve, edit, reject, assign or escalate from a card:
    # the buttons post replies on the platforms, and a channel can hold guests. Empty: anyone
    # who can see the channel.
    approvers: list[str] = Field(default_factory=list)

    _env = field_validator("bot_token_env")(require_env)

    @field_validator("signing_secret_env")
    @classmethod
    def _secret_named(cls, value: str) -> str:
        return variable_name(value)  # a pasted secret is refused, never echoed; unset is fine

    @field_validator("approvers")
    @classmethod
    def _user_ids(cls, value: list[str]) -> list[str]:
        bad = [v for v in value if not (v[:1] in ("U", "W") and v.isalnum() and v.isupper())]
        if bad:
            raise ValueError(
                f"{bad} are not Slack user IDs; use IDs such as U024BE7LH (a person's profile "
                "→ ⋮ → Copy member ID)"
            )
        return value

    @field_validator("channel")
    @classmethod
    def _channel_id(cls, value: str) -> str:
        # A retry looks for its card with conversations.history, which takes only IDs.
        if value.startswith("#") or value != value.upper() or " " in value:
            raise ValueError(
                f"{value!r} looks like a channel name; use the channel's ID (C…), shown at the "
                "bottom of the channel's details in Slack"
            )
        return value


def optional_secret(variable: str) -> SecretStr | None:
    """The signing secret, or None where `variable` is unset or blank (buttons off)."""
    value = os.environ.get(variable_name(variable), "")
    if not value.strip():  # a set one is used as it is: Slack signs with it whole
        _LOGGER.warning("slack: %s (signing_secret_env) is not set: %s", variable, BUTTONS_OFF)
        return None
    return SecretStr(value)


def linked_instead(blocks: list[Block], url: str | None, wording: Wording = ENGLISH) -> list[Block]:
    """The card `blocks` without its buttons (nor the note on its Edit button): where they
    were, a link to the desk case, where the desk has a public_url to link to."""
    link: Block = {
        "type": "context",
        "elements": [{"type": "mrkdwn", "text": slack_link(url or "", wording.t("Open in desk"))}],
    }
    out: list[Block] = []
    for block in blocks:
        if block.get("block_id") == ACTIONS_BLOCK:
            out += [link] if url else []
        elif block.get("block_id") != EDIT_NOTE_BLOCK:
            out.append(block)
    return out
