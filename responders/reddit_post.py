"""Posts approved comment replies and private messages on Reddit through asyncpraw.

Reddit has no idempotency key. The outbox records each attempt before we call out, so a
later attempt first looks through our own recent comments (or sent messages) for the
same text in that thread, and returns it instead of sending again.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any, ClassVar, Literal

import asyncpraw
import asyncprawcore
from pydantic import Field, field_validator

from mentiondesk.models import (
    FatalError,
    OutboxAction,
    PluginContext,
    RateLimited,
    Receipt,
    ResponderConfig,
    TransientError,
    bare_url,
    failure_cause,
    require_env,
    secret_from_env,
)
from mentiondesk.models.reddit import build_reddit
from responders._post import post_parts, same_text, sent_before, sent_since
from responders._refusal import DMS_CLOSED, GONE, TOO_LONG, refusal

_LOOKUP_PAGES = 10  # up to 1,000 of our own comments or messages since the mention
_WAIT = re.compile(r"(\d+) (second|minute)")
# What to do about the refusals Reddit names by code in `json.errors` (its words, which may
# quote the request, are never copied).
_HINTS = {
    "NOT_WHITELISTED_BY_USER_MESSAGE": DMS_CLOSED,  # messages from a chosen few only
    "USER_DOESNT_ALLOW_DMS": DMS_CLOSED,
    "DELETED_COMMENT": GONE,
    "DELETED_LINK": GONE,
    "TOO_LONG": TOO_LONG.format(platform="Reddit"),
}


class RedditPostResponderConfig(ResponderConfig):
    kind: Literal["reddit-post"] = "reddit-post"
    base_url: str | None = None  # default: https://oauth.reddit.com
    auth_url: str | None = None  # where the OAuth token comes from; default: base_url or reddit
    client_id_env: str = Field(default="REDDIT_CLIENT_ID", validate_default=True)
    client_secret_env: str = Field(default="REDDIT_CLIENT_SECRET", validate_default=True)
    username_env: str = Field(default="REDDIT_USERNAME", validate_default=True)
    password_env: str = Field(default="REDDIT_PASSWORD", validate_default=True)
    user_agent: str = "mentiondesk/0.1 (brand replies)"
    message_subject: str = "About your post"

    _env = field_validator("client_id_env", "client_secret_env", "username_env", "password_env")(
        require_env
    )


class RedditPostResponder:
    """Comment reply to the mention (`api/comment`) or private message (`api/compose`), once."""

    Config = RedditPostResponderConfig
    takes: ClassVar[frozenset[str]] = frozenset({"post"})  # checked at start-up
    finds_earlier_send: ClassVar[bool] = True  # our comment with the same text
    platform: ClassVar[str] = "reddit"  # posts only for this platform's mentions

    def __init__(
        self,
        name: str = "reddit-post",
        *,
        reddit: asyncpraw.Reddit,
        subject: str = "About your post",
        app_keys: tuple[str, str] = ("REDDIT_CLIENT_ID", "REDDIT_CLIENT_SECRET"),
    ) -> None:
        self.name = name
        self.reddit = reddit
        self.subject = subject
        self.app_keys = app_keys  # the env variables the client id and secret come from
        self._me: str | None = None

    @classmethod
    def from_config(
        cls, config: RedditPostResponderConfig, context: PluginContext
    ) -> RedditPostResponder:
        def env(key: str) -> str:
            return secret_from_env(key).get_secret_value()

        # Without asyncprawcore's own retries: a comment Reddit made but answered 502 for
        # would be posted again before `deliver` on the next attempt could look it up.
        reddit = build_reddit(
            client_id=env(config.client_id_env),
            client_secret=env(config.client_secret_env),
            username=env(config.username_env),
            password=env(config.password_env),
            base_url=config.base_url,
            auth_url=config.auth_url,
            user_agent=config.user_agent,
        )
        return cls(
            config.name or "reddit-post",
            reddit=reddit,
            subject=config.message_subject,
            app_keys=(config.client_id_env, config.client_secret_env),
        )

    async def deliver(self, action: OutboxAction) -> Receipt:
        mention, text = post_parts(action, self.platform)
        found = await sent_before(self.name, action, lambda: self._already_sent(action, text))
        if found is not None:
            return found
        if action.private:
            data = {"subject": self.subject, "text": text, "to": mention.author.handle}
            await self._json_call("api/compose/", data)
            # Reddit's compose answers with no id; the handle is no ref (erasure must drop it).
            return Receipt(ref=None, detail="private message")
        body = await self._json_call(
            "api/comment/", {"thing_id": mention.external_id, "text": text}
        )
        thing = body["json"]["data"]["things"][0]["data"]
        url = f"https://www.reddit.com{thing.get('permalink', '')}"
        return Receipt(ref=thing["name"], url=url, detail="comment reply")

    async def check(self) -> str:
        """Say whether the app and account work, for `mentiondesk responders check`."""
        return f"signed in as u/{await self._my_name()}"

    async def close(self) -> None:
        await self.reddit.close()

    async def _already_sent(self, action: OutboxAction, text: str) -> Receipt | None:
        """Our own comment on this thing (or message to this author) with the same text, sent
        since the action was queued: the same stock text sent before that is not ours."""
        mention, since = action.context.mention, sent_since(action)
        if action.private:
            async for data in self._ours("message/sent", since):
                to_them = str(data.get("dest", "")).lower() == mention.author.handle.lower()
                if to_them and same_text(text, data.get("body", "")):
                    return Receipt(ref=data["name"], detail="private message (found)")
            return None
        async for data in self._ours(f"user/{await self._my_name()}/comments", since):
            if data.get("parent_id") == mention.external_id and same_text(text, data["body"]):
                url = f"https://www.reddit.com{data.get('permalink', '')}"
                return Receipt(ref=data["name"], url=url, detail="comment reply (found)")
        return None

    async def _ours(self, path: str, since: datetime) -> AsyncIterator[dict[str, Any]]:
        """Our comments or messages, newest first, back to `since` (when the action was queued,
        less the clock skew)."""
        after = None
        for _ in range(_LOOKUP_PAGES):
            params = {"limit": 100, "sort": "new", **({"after": after} if after else {})}
            listing = (await self._get(path, params))["data"]
            for child in listing["children"]:
                if float(child["data"].get("created_utc", 0)) < since.timestamp():
                    return  # older than the action: an attempt of it cannot be further back
                yield child["data"]
            after = listing.get("after")
            if not after:
                return
        # Sending blind could post twice: hold it for a person to check.
        raise FatalError("reddit: too much of our activity to rule out an earlier reply")

    async def _my_name(self) -> str:
        if self._me is None:
            self._me = str((await self._get("api/v1/me", {}))["name"])
        return self._me

    async def _get(self, path: str, params: dict[str, Any]) -> Any:
        return await self._call("GET", path, params=params)

    async def _json_call(self, path: str, data: dict[str, str]) -> Any:
        body = await self._call("POST", path, data=data)
        errors = (body or {}).get("json", {}).get("errors") or []
        for error in errors:
            if error and error[0] == "RATELIMIT":
                raise RateLimited(_wait_of(str(error[1])), "reddit posting")
        if errors:
            codes = [e[0] for e in errors if e]
            hint = next((_HINTS[c] for c in codes if c in _HINTS), None)
            raise FatalError(refusal("reddit refused the post", None, codes, hint))
        return body

    async def _call(self, method: str, path: str, **kwargs: Any) -> Any:
        try:
            # The session itself, not Reddit.request: on a 400 that wrapper reads the body of
            # a response already closed, and an aiohttp error hides Reddit's refusal.
            core: Any = self.reddit._core
            return await core.request(method=method, path=path, **kwargs)
        except asyncprawcore.TooManyRequests as exc:
            seconds = float(exc.response.headers.get("x-ratelimit-reset", "60"))
            raise RateLimited(datetime.now(UTC) + timedelta(seconds=seconds), "reddit") from None
        except asyncprawcore.InvalidToken:
            # A token revoked or expired under us: asyncprawcore dropped it, and with its own
            # retry off the next attempt signs in again (bad credentials fail there, fatally).
            raise TransientError("reddit posting: the access token was refused") from None
        except asyncprawcore.OAuthException as exc:
            # Its error type only: the description may quote the request (the password).
            check = (
                "check the account's username and password (the responder's username_env and "
                "password_env)"
            )
            what = "reddit posting: Reddit gave no access token"
            raise FatalError(refusal(what, None, [exc.error], check)) from None
        except (
            asyncprawcore.BadRequest,  # a locked thread, a deleted parent: retrying cannot help
            asyncprawcore.Forbidden,
            asyncprawcore.NotFound,
        ) as exc:
            raise FatalError(refusal("reddit posting", exc.response.status)) from None
        except asyncprawcore.ResponseException as exc:
            if exc.response.status == 401 and _is_token_url(exc):
                # Reddit refuses a bad client id or secret here: retrying cannot mend it.
                raise FatalError(
                    f"reddit posting: Reddit refused the app's client id or secret (401); check "
                    f"{self.app_keys[0]} and {self.app_keys[1]} (the responder's "
                    "client_id_env and client_secret_env)"
                ) from None
            raise _failed(exc) from None
        except asyncprawcore.AsyncPrawcoreException as exc:
            raise _failed(exc) from None


def _is_token_url(exc: asyncprawcore.ResponseException) -> bool:
    return str(exc.response.url.path).endswith("/api/v1/access_token")


def _failed(exc: asyncprawcore.AsyncPrawcoreException) -> TransientError:
    """A request that got no answer, naming the URL (the token's or the API's; no query, no
    credentials) and why: an operator can tell a wrong auth_url from Reddit being down."""
    if isinstance(exc, asyncprawcore.RequestException) and len(exc.request_args) > 1:
        why = failure_cause(exc) or type(exc.original_exception).__name__
        where = bare_url(str(exc.request_args[1]))
        return TransientError(f"reddit posting: could not reach {where} ({why})")
    return TransientError(f"reddit posting: {type(exc).__name__}")


def _wait_of(message: str) -> datetime:
    """Reddit's action limit says 'try again in 9 minutes' in the body, not in a header."""
    found = _WAIT.search(message)
    seconds = 60.0
    if found:
        seconds = float(found.group(1)) * (60 if found.group(2) == "minute" else 1)
    return datetime.now(UTC) + timedelta(seconds=seconds)
