"""Slack: alerts as Block Kit cards with buttons, through slack_sdk's async web client.

Button clicks come back to `/slack/actions` (mentiondesk/slack_actions.py), which verifies
them with the signing secret and updates the card through `update()`.
"""

from __future__ import annotations

import logging
from typing import Any, Literal

from pydantic import SecretStr, field_validator
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncRateLimitErrorRetryHandler,
)
from slack_sdk.web.async_client import AsyncWebClient

from mentiondesk.models import (
    FatalError,
    OutboxAction,
    PluginConfig,
    PluginContext,
    RateLimited,
    Receipt,
    TransientError,
    require_env,
    secret_from_env,
)
from responders._http import retry_after
from responders.slack_blocks import Block, alert_blocks, fallback_text

_LOGGER = logging.getLogger(__name__)
# Errors retrying cannot fix: the operator must change the token, scopes or channel.
_FATAL = {
    "invalid_auth",
    "not_authed",
    "account_inactive",
    "token_revoked",
    "token_expired",
    "missing_scope",
    "channel_not_found",
    "not_in_channel",
    "is_archived",
    "invalid_blocks",
    "msg_too_long",
}


class SlackResponderConfig(PluginConfig):
    kind: Literal["slack"] = "slack"
    base_url: str = "https://slack.com/api/"
    channel: str
    bot_token_env: str = "SLACK_BOT_TOKEN"
    signing_secret_env: str = "SLACK_SIGNING_SECRET"
    max_429_retries: int = 2

    _env = field_validator("bot_token_env", "signing_secret_env")(require_env)


class SlackResponder:
    """Posts alert cards with `chat.postMessage`; the receipt ref is `channel:ts`."""

    Config = SlackResponderConfig

    def __init__(
        self,
        name: str,
        *,
        token: SecretStr,
        signing_secret: SecretStr,
        channel: str,
        base_url: str = "https://slack.com/api/",
        max_429_retries: int = 2,
    ) -> None:
        self.name = name
        self.channel = channel
        self.signing_secret = signing_secret
        handlers = [
            AsyncConnectionErrorRetryHandler(),
            AsyncRateLimitErrorRetryHandler(max_retry_count=max_429_retries),
        ]
        self.client = AsyncWebClient(
            token=token.get_secret_value(), base_url=base_url, retry_handlers=handlers
        )

    @classmethod
    def from_config(cls, config: SlackResponderConfig, context: PluginContext) -> SlackResponder:
        return cls(
            config.name or "slack",
            token=secret_from_env(config.bot_token_env),
            signing_secret=secret_from_env(config.signing_secret_env),
            channel=config.channel,
            base_url=config.base_url,
            max_429_retries=config.max_429_retries,
        )

    async def deliver(self, action: OutboxAction) -> Receipt:
        if action.kind != "alert":
            raise FatalError(f"slack takes alerts, not {action.kind}; fix the routing")
        answer = await self.call(
            "chat_postMessage",
            channel=self.channel,
            text=fallback_text(action),
            blocks=alert_blocks(action),
            unfurl_links=False,
            unfurl_media=False,
            metadata={"event_type": "mentiondesk_alert", "event_payload": {"key": action.key}},
        )
        return Receipt(ref=f"{answer['channel']}:{answer['ts']}", detail="posted to slack")

    async def update(self, channel: str, ts: str, *, blocks: list[Block], text: str) -> None:
        """Replace a posted card (after someone acted on it)."""
        await self.call("chat_update", channel=channel, ts=ts, blocks=blocks, text=text)

    async def call(self, method: str, **kwargs: Any) -> dict[str, Any]:
        """Call a Web API method; translate its failures into the shared error kinds."""
        try:
            response = await getattr(self.client, method)(**kwargs)
        except SlackApiError as exc:
            raise _translate(exc, method) from None
        except SlackClientError as exc:
            raise TransientError(f"slack {method} failed: {type(exc).__name__}") from None
        except OSError as exc:
            raise TransientError(f"slack unreachable: {type(exc).__name__}") from None
        data: dict[str, Any] = response.data
        return data

    async def check(self) -> str:
        """Say whether the token works (auth.test), for `mentiondesk responders check`."""
        data = await self.call("auth_test")
        return f"token valid for team {data.get('team', '?')} as {data.get('user', '?')}"

    async def close(self) -> None:
        return None


def _translate(exc: SlackApiError, method: str) -> Exception:
    status = exc.response.status_code
    error = str(exc.response.get("error", "")) if isinstance(exc.response.data, dict) else ""
    if status == 429:
        headers = {k: v[0] if isinstance(v, list) else v for k, v in exc.response.headers.items()}
        return RateLimited(retry_after(headers), f"slack {method}")
    if error in _FATAL or status in (401, 403, 404):
        return FatalError(f"slack {method}: {error or status}; check the token and channel")
    return TransientError(f"slack {method}: {error or status}")
