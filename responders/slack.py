"""Slack: alerts as Block Kit cards with buttons, through slack_sdk's async web client.

Button clicks come back to `/slack/actions` (mentiondesk/slack_actions.py), which verifies
them with the signing secret and updates the card through `update()`. Without a signing
secret (a team that only wants alerts) the cards carry a link to the desk case instead of
buttons: nothing could verify their clicks, and a button that is refused is worse than none.

`chat.postMessage` has no idempotency key. Each card carries the outbox key in its message
metadata, and a later attempt first looks for that key in the channel's history, so a card
Slack posted but whose answer was lost (timeout, dropped connection, crash) is not posted
twice. slack_sdk's own retries are off for the same reason, and a 429 goes back to the
outbox, which waits out `Retry-After` (only the scheduler sleeps).
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any, ClassVar

import aiohttp
from pydantic import SecretStr
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.web.async_client import AsyncWebClient

from mentiondesk.models import (
    ENGLISH,
    FatalError,
    OutboxAction,
    Pace,
    PluginContext,
    RateLimited,
    Receipt,
    SinkRefused,
    TransientError,
    Wording,
    secret_from_env,
)
from responders._http import connection_error, retry_after
from responders._post import may_have_sent
from responders._slack_erased import CARD, KIND, erased_blocks, erased_text
from responders._slack_setup import (
    BUTTONS_OFF,
    SlackResponderConfig,
    linked_instead,
    optional_secret,
)
from responders.slack_blocks import Block, alert_blocks, fallback_text

_LOGGER = logging.getLogger(__name__)
_EVENT = "mentiondesk_alert"  # the metadata event type our cards carry
_LOOKUP_PAGES = 10  # of 200 messages: the channel's last 2,000 since the alert was queued
# Our clock and Slack's may disagree; look this much further back than the action's creation.
_SKEW = timedelta(minutes=5)
# The error codes a later try can get past (Slack's docs put them on its side, or a request
# cut short); every other `ok: false` needs the operator (token, scopes, channel, the card),
# and retrying it forever would hide it: it is held, the code in the reason.
# `team_added_to_org`: the workspace is moving into an Enterprise org; it passes.
_TRANSIENT = {
    "internal_error",
    "fatal_error",
    "service_unavailable",
    "request_timeout",
    "team_added_to_org",
}
# HTTP 429 says `ratelimited`; chat.postMessage's own per-channel limit answers 200 with
# `rate_limited` ("posted too many messages"). Both wait, Retry-After or the default.
_RATE_LIMITED = {"ratelimited", "rate_limited"}
# What to do about the fatal codes operators meet at set-up.
_TOKEN = {"invalid_auth", "not_authed", "account_inactive", "token_revoked", "token_expired"}
_FIXES = {
    "not_in_channel": "invite the app to the channel (/invite @app)",
    "channel_not_found": "check the channel ID; a private channel must invite the app first",
    "is_archived": "the channel is archived; unarchive it or use another",
}
# The app's scopes or channel, as posting meets them: every alert would be refused alike
# (outbox: held together). A token refused is so on any call. Only a post's refusal speaks for
# every alert: a retry's look at the history (conversations.history) needs a scope (and a
# joined channel) that posting with chat:write.public does not, and fails for that one alert.
_WHOLE = frozenset({"missing_scope", *_FIXES})
_POST = "chat_postMessage"


class SlackResponder:
    """Posts alert cards with `chat.postMessage`; the receipt ref is `channel:ts`."""

    Config = SlackResponderConfig
    takes: ClassVar[frozenset[str]] = frozenset({"alert"})  # checked at start-up
    # chat.postMessage: about one message per second per channel (Slack's documented limit).
    pace: ClassVar[Pace | None] = Pace(per=1, seconds=1.0)
    finds_earlier_send: ClassVar[bool] = True  # the key in its cards' metadata

    def __init__(
        self,
        name: str,
        *,
        token: SecretStr,
        signing_secret: SecretStr | None,
        channel: str,
        base_url: str = "https://slack.com/api/",
        approvers: frozenset[str] = frozenset(),
        wording: Wording = ENGLISH,
    ) -> None:
        self.name = name
        self.wording = wording  # [routing] language: the cards' words, not their ids
        self.channel = channel
        self.approvers = approvers
        # None: no buttons on the cards, and no click is ever taken as signed by this one.
        self.signing_secret = signing_secret
        # No retry handlers (the default one re-sends after a dropped connection): a second
        # chat.postMessage would post a second card; the outbox retries after a look-up.
        self.client = AsyncWebClient(
            token=token.get_secret_value(), base_url=base_url, retry_handlers=[]
        )

    @classmethod
    def from_config(cls, config: SlackResponderConfig, context: PluginContext) -> SlackResponder:
        return cls(
            config.name or "slack",
            token=secret_from_env(config.bot_token_env),
            signing_secret=optional_secret(config.signing_secret_env),
            channel=config.channel,
            base_url=config.base_url,
            approvers=frozenset(config.approvers),
            wording=context.wording,
        )

    @property
    def buttons(self) -> bool:
        """Whether its cards carry buttons: only where clicks can be verified."""
        return self.signing_secret is not None

    def pace_key(self) -> str:
        """Slack's limit is per channel: responders posting to one channel share its turns,
        and each channel has its own (alerts to one never wait behind another's)."""
        return f"slack {self.channel}"

    def may_act(self, user_id: str) -> bool:
        """May this Slack user act on the cards (`approvers`; none listed: anyone)?"""
        return not self.approvers or user_id in self.approvers

    async def deliver(self, action: OutboxAction) -> Receipt:
        if action.kind == KIND:  # queued by `authors forget` for a card already posted
            return await self._rewrite(action)
        if action.kind != "alert":
            raise FatalError(f"slack takes alerts, not {action.kind}; fix the routing")
        if may_have_sent(action) and (found := await self._posted_before(action)):
            # Not the key: it holds the post's id (on Bluesky its author's DID).
            _LOGGER.info(
                "responder %s: found the card an earlier attempt posted (%s); not posting again",
                *(self.name, found),
            )
            return Receipt(ref=found, detail="posted to slack (found)")
        answer = await self.call(
            "chat_postMessage",
            channel=self.channel,
            text=fallback_text(action, self.wording),
            blocks=self.card(action),
            unfurl_links=False,
            unfurl_media=False,
            metadata={"event_type": _EVENT, "event_payload": {"key": action.key}},
        )
        return Receipt(ref=f"{answer['channel']}:{answer['ts']}", detail="posted to slack")

    def card(self, action: OutboxAction) -> list[Block]:
        """The alert's card: with buttons only where their clicks can be verified."""
        blocks = alert_blocks(action, self.wording)
        return (
            blocks
            if self.buttons
            else linked_instead(blocks, action.context.case_url, self.wording)
        )

    async def _posted_before(self, action: OutboxAction) -> str | None:
        """`channel:ts` of the card an earlier attempt posted for `action.key`, if any."""
        since = action.created_at or action.context.mention.created_at
        query: dict[str, Any] = {
            "channel": self.channel,
            "oldest": f"{(since - _SKEW).timestamp():.6f}",
            "include_all_metadata": True,  # without it Slack leaves the metadata out
            "limit": 200,
        }
        for _ in range(_LOOKUP_PAGES):
            page = await self.call("conversations_history", **query)
            for message in page.get("messages") or []:
                meta = message.get("metadata") or {}
                payload = meta.get("event_payload") or {}
                if meta.get("event_type") == _EVENT and payload.get("key") == action.key:
                    return f"{self.channel}:{message['ts']}"
            query["cursor"] = (page.get("response_metadata") or {}).get("next_cursor")
            if not query["cursor"]:
                return None
        # Posting blind could post twice: hold it for a person to check.
        raise FatalError("slack: too many messages since the alert to rule out an earlier card")

    async def _rewrite(self, action: OutboxAction) -> Receipt:
        """Rewrite the card at `extra[CARD]` ("channel:ts") about an author erased on request
        to its erased form (chat.update replaces it whole: nothing of the old card stays). A
        card someone deleted in Slack meanwhile has nothing left to rewrite."""
        ref = str(action.extra.get(CARD) or "")
        channel, _, ts = ref.partition(":")
        if not ts:
            raise FatalError("slack: an erased card's rewrite names no card; drop it")
        blocks, text = erased_blocks(action, self.wording), erased_text(action, self.wording)
        try:
            await self.update(channel, ts, blocks=blocks, text=text)
        except FatalError as exc:
            if not str(exc).startswith("slack chat_update: message_not_found"):
                raise
            return Receipt(ref=ref, detail="erased card already deleted in slack")
        return Receipt(ref=ref, detail="card rewritten for an erased author")

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
        except (OSError, aiohttp.ClientError, TimeoutError) as exc:
            raise connection_error(exc, "slack") from None
        data: dict[str, Any] = response.data
        return data

    async def check(self) -> str:
        """Say whether the token works (auth.test) and can read the channel's history, which
        a retried alert needs (a private channel takes groups:history), for `responders check`."""
        data = await self.call("auth_test")
        await self.call("conversations_history", channel=self.channel, limit=1)
        who = f"team {data.get('team', '?')} as {data.get('user', '?')}"
        said = f"token valid for {who}; history of {self.channel} readable"
        return said if self.buttons else f"{said}; no signing secret: {BUTTONS_OFF}"

    async def close(self) -> None:
        return None


def _translate(exc: SlackApiError, method: str) -> Exception:
    answer = exc.response
    # A body slack_sdk could not parse comes with aiohttp's response, which says `status`.
    status: int = getattr(answer, "status_code", None) or getattr(answer, "status", None) or 0
    data = getattr(answer, "data", None)
    error = str(data.get("error") or "") if isinstance(data, dict) else ""
    if status == 429 or error in _RATE_LIMITED:
        return RateLimited(_retry_after(exc), f"slack {method}")
    if status >= 500 or error in _TRANSIENT:
        return TransientError(f"slack {method}: {error or status}")
    if not error and status < 400:  # no error code: an answer slack_sdk could not read
        return TransientError(f"slack {method}: unreadable answer ({status})")
    if error == "missing_scope":
        needed = str(data.get("needed") or "?") if isinstance(data, dict) else "?"
        fix = f"add the scope {needed} to the Slack app and reinstall it"
    elif error in _TOKEN or (not error and status in (401, 403)):
        fix = "check the bot token (xoxb-…) in the environment"
    else:
        fix = _FIXES.get(error, "Slack refused it; trying again will not help")
    whole = error in _TOKEN or (not error and status in (401, 403))
    whole = whole or (error in _WHOLE and method == _POST)
    return (SinkRefused if whole else FatalError)(f"slack {method}: {error or status}; {fix}")


def _retry_after(exc: SlackApiError) -> datetime:
    """When Slack lets us call again; the header is found in any case (HTTP/2 sends lower)."""
    for name, value in exc.response.headers.items():
        if name.lower() == "retry-after":
            return retry_after({"Retry-After": str(value[0] if isinstance(value, list) else value)})
    return retry_after({})
