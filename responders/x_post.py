"""Posts approved replies and DMs on X through tweepy's AsyncClient (API v2, OAuth 2.0 user token).

X has no idempotency key. The outbox records each attempt before we call out, so a later
attempt first looks for our own reply (or DM) with the same text and returns it instead
of sending again: exactly once in effect, even after a crash between send and record.
"""

from __future__ import annotations

import logging
import re
from datetime import UTC, datetime, timedelta
from typing import Any, ClassVar, Literal

import aiohttp
import tweepy
from pydantic import Field, field_validator
from tweepy.asynchronous import AsyncClient

from mentiondesk.models import (
    FatalError,
    Mention,
    OutboxAction,
    PluginContext,
    RateLimited,
    Receipt,
    ResponderConfig,
    TransientError,
    require_env,
    secret_from_env,
)
from mentiondesk.models.x import RewriteSession, usage_capped
from responders._post import may_have_sent, post_parts, sent_before, sent_for
from responders._refusal import (
    DMS_CLOSED,
    GONE,
    REPLIES_LIMITED,
    TOO_LONG,
    recognised,
    refusal,
)
from responders._x_text import links_of, same_post, too_long

_LOGGER = logging.getLogger(__name__)
_LOOKUP_PAGES = 10  # up to 1,000 of our own tweets since the mention
DEFAULT_BASE = "https://api.twitter.com"
CAPPED_RETRY = timedelta(hours=1)
_STATUS = re.compile(r"/status/(\d+)$")


class _Duplicate(FatalError):
    """X's 403 "duplicate content": the same text in reply to the same post already."""


class XPostResponderConfig(ResponderConfig):
    kind: Literal["x-post"] = "x-post"
    base_url: str = DEFAULT_BASE
    user_token_env: str = Field(default="X_USER_TOKEN", validate_default=True)
    timeout_seconds: float = Field(default=30.0, gt=0)

    _env = field_validator("user_token_env")(require_env)


class XPostResponder:
    """Public reply (`in_reply_to_tweet_id`) or DM to the author, once."""

    Config = XPostResponderConfig
    takes: ClassVar[frozenset[str]] = frozenset({"post"})  # checked at start-up
    finds_earlier_send: ClassVar[bool] = True  # our reply with the same text
    platform: ClassVar[str] = "x"  # posts only for this platform's mentions

    def __init__(
        self, name: str = "x-post", *, token: str, base_url: str = DEFAULT_BASE, timeout: float = 30
    ) -> None:
        self.name = name
        self._http = RewriteSession(base_url, timeout=timeout)
        self.client = AsyncClient(bearer_token=token, wait_on_rate_limit=False)
        self.client.session = self._http
        self._me: str | None = None
        self._capped = False  # the monthly usage cap refused us (logged once)

    @classmethod
    def from_config(cls, config: XPostResponderConfig, context: PluginContext) -> XPostResponder:
        token = secret_from_env(config.user_token_env).get_secret_value()
        return cls(
            config.name or "x-post",
            token=token,
            base_url=config.base_url,
            timeout=config.timeout_seconds,
        )

    async def deliver(self, action: OutboxAction) -> Receipt:
        mention, text = post_parts(action, self.platform)
        if not action.private and (why := too_long(text)):  # X would refuse it: held
            raise FatalError(f"x posting: {why}")
        found = await sent_before(self.name, action, lambda: self._already_sent(action, text))
        if found is not None:
            return found
        if action.private:
            answer = await self._call(
                self.client.create_direct_message, participant_id=mention.author.id, text=text
            )
            return Receipt(ref=str(answer.data["dm_event_id"]), detail="direct message")
        try:
            answer = await self._call(
                self.client.create_tweet, text=text, in_reply_to_tweet_id=reply_target(mention)
            )
        except _Duplicate:
            # X saw this text in reply here already: ours only if we find it (the look-up
            # before sending can miss a reply X has not listed yet), else a person checks.
            found = await self._already_sent(action, text) if may_have_sent(action) else None
            if found is None:
                raise
            _LOGGER.info(
                "responder %s: X refused a duplicate of what an earlier attempt sent", self.name
            )
            return found
        tweet_id = str(answer.data["id"])
        return Receipt(ref=tweet_id, url=f"https://x.com/i/status/{tweet_id}", detail="reply")

    async def check(self) -> str:
        """Say whether the user token works, for `mentiondesk responders check`."""
        return f"token valid for X user {await self._my_id()}"

    async def close(self) -> None:
        await self._http.close()

    async def _already_sent(self, action: OutboxAction, text: str) -> Receipt | None:
        """Our own reply to this tweet (or DM to this author) with the same text, sent since the
        action was queued: the same stock text sent before that is another message, not ours."""
        mention, me = action.context.mention, await self._my_id()
        if action.private:
            answer = await self._call(
                self.client.get_direct_message_events,
                participant_id=mention.author.id,
                dm_event_fields=["sender_id", "text", "created_at"],
            )
            for event in answer.data or []:
                data = event.data
                ours = str(data.get("sender_id")) == me and sent_for(action, data.get("created_at"))
                if ours and same_post(text, data.get("text", "")):
                    return Receipt(ref=str(data["id"]), detail="direct message (found)")
            return None
        targets = {mention.external_id, reply_target(mention)}
        token = None
        for _ in range(_LOOKUP_PAGES):  # what we tweeted since the mention, newest first
            answer = await self._call(
                self.client.get_users_tweets,
                me,
                since_id=mention.external_id,
                max_results=100,
                pagination_token=token,
                tweet_fields=["referenced_tweets", "created_at", "entities"],
            )
            for tweet in answer.data or []:
                if not sent_for(action, tweet.data.get("created_at")):
                    return None  # from before the action was queued: ours cannot be further back
                replied = {r["id"] for r in tweet.data.get("referenced_tweets") or []}
                if targets & replied and same_post(text, tweet.data["text"], links_of(tweet.data)):
                    url = f"https://x.com/i/status/{tweet.data['id']}"
                    return Receipt(ref=str(tweet.data["id"]), url=url, detail="reply (found)")
            token = (answer.meta or {}).get("next_token")
            if not token:
                return None
        # Sending blind could post twice: hold it for a person to check the thread.
        raise FatalError("x: too many of our tweets since the mention to rule out an earlier reply")

    async def _my_id(self) -> str:
        if self._me is None:
            answer = await self._call(self.client.get_me)
            self._me = str(answer.data["id"])
        return self._me

    async def _call(self, method: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            answer = await method(*args, user_auth=False, **kwargs)
        except tweepy.TooManyRequests as exc:
            if await usage_capped(exc):
                raise RateLimited(self._capped_until(), "x posting: monthly usage cap") from None
            raise RateLimited(*_limit_of(exc)) from None
        except tweepy.Forbidden as exc:
            duplicate = _recognised(exc) == _DUPLICATE
            raise (_Duplicate if duplicate else FatalError)(_refused(exc)) from None
        # A 404 (resource-not-found: the post or the author is not there) is no outage:
        # retrying only spends quota on the look-up for an earlier send; held, as the 403 is.
        except (tweepy.Unauthorized, tweepy.BadRequest, tweepy.NotFound) as exc:
            raise FatalError(_refused(exc)) from None
        except (tweepy.HTTPException, aiohttp.ClientError, TimeoutError, ValueError) as exc:
            raise TransientError(f"x posting: {type(exc).__name__}") from None
        if self._capped:
            self._capped = False
            _LOGGER.warning(
                "responder %s: X answers again; the monthly usage cap is lifted", self.name
            )
        return answer

    def _capped_until(self) -> datetime:
        # Logged once until X answers again: each waiting action's retry is in `outbox list`.
        if not self._capped:
            self._capped = True
            _LOGGER.error(
                "responder %s: X answers 429 usage-capped: the X project's monthly cap is "
                "spent, so replies and DMs wait until it resets (see the developer portal) or "
                "the plan is raised; trying again every hour",
                self.name,
            )
        return datetime.now(UTC) + CAPPED_RETRY


def reply_target(mention: Mention) -> str:
    """The post to answer: the version the listener read (its URL's id; an edit is a new
    id, the mention keeps the first), else the mention's own id."""
    found = _STATUS.search(mention.url)
    return found.group(1) if found else mention.external_id


_DAILY = ("x-user-limit-24hour", "x-app-limit-24hour")
_DUPLICATE = "duplicate content: this text was sent in reply to this post before"
# X answers 403 "deleted or not visible" (GONE) to a reply to a deleted tweet; a 404 is its
# resource-not-found, for the tweet to answer or the author to message.
_NOT_FOUND = (
    "X found no such post or account: the post to answer or its author is gone (deleted) "
    "or not visible to us"
)
_PERMISSION = (
    "the app or token lacks the permission for this (the app's access level, the token's "
    "scopes: tweet.write, dm.write)"
)
# X's words for the refusals an agent can act on (never copied: a message may quote the
# request), and the v1.1 codes some answers still carry.
_HINTS = (
    (("duplicate content",), _DUPLICATE),
    (("too long",), TOO_LONG.format(platform="X (280 characters, a link counting 23)")),
    (("send messages to this user", "not following you", "not accepting"), DMS_CLOSED),
    (("not verified to send message requests",), DMS_CLOSED),  # requests from verified only
    (("not been mentioned or otherwise engaged",), REPLIES_LIMITED),
    (("deleted or not visible",), GONE),
    (
        (
            "not permitted to perform",
            "subset of x api",
            "oauth1 app permissions",
            "attached to a project",  # 403 client-not-enrolled: the app is in no Project
            "client-not-enrolled",
        ),
        _PERMISSION,
    ),
)
_CODES = {
    187: _DUPLICATE,
    186: _HINTS[1][1],
    150: DMS_CLOSED,  # messages only from accounts the author follows
    349: DMS_CLOSED,
    476: DMS_CLOSED,  # message requests only from verified accounts
    433: REPLIES_LIMITED,
    385: GONE,
}


def _recognised(exc: tweepy.HTTPException) -> str | None:
    coded = next((_CODES[c] for c in exc.api_codes if c in _CODES), None)
    return coded or recognised(exc.api_messages, _HINTS)


def _refused(exc: tweepy.HTTPException) -> str:
    """X's refusal as its status, codes and error titles, and what to do where we know: not
    its message, which may quote the request (the reply, the token)."""
    response = exc.response
    status = getattr(response, "status", None) or getattr(response, "status_code", None)
    titles = [e.get("title") for e in exc.api_errors if isinstance(e, dict)]
    hint = _recognised(exc)
    if hint is None and status == 401:
        hint = "X refused the user token (expired or revoked): renew it"
    if hint is None and status == 404:
        hint = _NOT_FOUND
    return refusal("x posting", status, [*exc.api_codes, *titles], hint)


def _limit_of(exc: tweepy.TooManyRequests) -> tuple[datetime, str]:
    """When to call again: a spent 24-hour cap (user or app) ends at its own reset, which
    tweepy's `reset_time` (the 15-minute window) does not say; retrying every 15 minutes
    would only spend read quota on the look-up for an earlier reply."""
    headers = getattr(exc.response, "headers", None) or {}
    daily = [
        int(headers[f"{cap}-reset"])
        for cap in _DAILY
        if headers.get(f"{cap}-remaining") == "0" and str(headers.get(f"{cap}-reset")).isdigit()
    ]
    if daily:
        return datetime.fromtimestamp(max(daily), UTC), "x posting: 24-hour cap reached"
    reset = getattr(exc, "reset_time", None)
    if reset:
        return datetime.fromtimestamp(int(reset), UTC), "x posting"
    return datetime.now(UTC) + timedelta(minutes=1), "x posting"
